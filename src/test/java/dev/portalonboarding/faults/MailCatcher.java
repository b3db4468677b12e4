package dev.portalonboarding.faults;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * An SMTP catcher (GreenMail) that keeps, per recipient, each accepted email's invitation link and
 * {@code Message-ID}; stoppable and restartable on the same port for an SMTP outage.
 */
final class MailCatcher {

    /** An accepted email: what a duplicate must repeat. */
    record Mail(String link, String messageId, Instant acceptedAt) {
    }

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+/invitations/[A-Za-z0-9_-]+");

    final int port;
    private final Map<String, List<Mail>> byRecipient = new ConcurrentHashMap<>();
    private GreenMail greenMail;

    MailCatcher(int port) {
        this.port = port;
    }

    synchronized void start() {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        GreenMailUser discard = user();
        greenMail.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
            byRecipient.computeIfAbsent(recipient.getEmail().toLowerCase(), key -> new CopyOnWriteArrayList<>())
                    .add(new Mail(link(message.getMessage()), message.getMessage().getMessageID(), Instant.now()));
            return discard;
        });
        FaultHarness.onExit(this::stop);
    }

    synchronized void stop() {
        if (greenMail != null && greenMail.isRunning()) {
            greenMail.stop();
        }
    }

    /** Emails accepted for one recipient, oldest first. */
    List<Mail> mailsTo(String email) {
        return byRecipient.getOrDefault(email, List.of());
    }

    /** Recipients among these who have at least one email. */
    long reached(List<String> emails) {
        return emails.stream().filter(email -> !mailsTo(email).isEmpty()).count();
    }

    private GreenMailUser user() {
        try {
            return greenMail.getUserManager().createUser("catch-all@faults.test", "catch-all", "catch-all");
        } catch (UserException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String link(Part part) throws MessagingException {
        try {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String link = link(multipart.getBodyPart(i));
                    if (link != null) {
                        return link;
                    }
                }
            } else if (content instanceof String text) {
                Matcher matcher = LINK.matcher(text);
                return matcher.find() ? matcher.group() : null;
            }
            return null;
        } catch (IOException e) {
            throw new MessagingException("unreadable email", e);
        }
    }
}
