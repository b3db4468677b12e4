package dev.portalonboarding.mail;

import java.io.IOException;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** Reads the decoded text of a MIME message's plain-text or HTML part. */
public final class MailParts {

    public static Optional<String> find(Part part, String mimeType) {
        try {
            if (part.isMimeType(mimeType)) {
                return Optional.of((String) part.getContent());
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    Optional<String> found = find(multipart.getBodyPart(i), mimeType);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Unreadable email part", e);
        }
    }

    private MailParts() {
    }
}
