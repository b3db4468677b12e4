package dev.portalonboarding.invitation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.invitation.InvitationCode.Purpose;

/**
 * The codes of this service's invitations, derived under {@code onboarding.invitation.code-secret}.
 * Every node must have the same secret, so that a job retried on another node mails the same code.
 */
@Component
public class InvitationCodes {

    private static final Logger log = LoggerFactory.getLogger(InvitationCodes.class);

    private final byte[] secret;

    public InvitationCodes(OnboardingProperties properties) {
        byte[] configured = properties.invitation().codeSecretBytes();
        this.secret = configured != null ? configured : keptSecret(properties.invitation().codeSecretFile());
    }

    public String code(Purpose purpose, UUID invitationId) {
        return InvitationCode.derive(secret, purpose, invitationId);
    }

    /**
     * The embedded default's secret (production must configure one): generated on the first start and
     * read from the file on every later one, so links mailed before a restart still match their retries.
     */
    static byte[] keptSecret(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
                log.info("Generated the invitation code secret in {}", file);
            }
            byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (secret.length < InvitationCode.MIN_SECRET_BYTES) {
                throw new IllegalStateException(file + " must hold base64 of at least "
                        + InvitationCode.MIN_SECRET_BYTES + " bytes; delete it to have a new one generated");
            }
            return secret;
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException(file + " is not base64; delete it to have a new one generated");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the invitation code secret in " + file, e);
        }
    }

    /** Written to a temporary file readable by the owner only, then moved in place whole. */
    private static void create(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        FileAttribute<?>[] ownerOnly = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(directory, "code-secret", ".tmp", ownerOnly);
        byte[] secret = new byte[InvitationCode.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        Files.writeString(temporary, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
