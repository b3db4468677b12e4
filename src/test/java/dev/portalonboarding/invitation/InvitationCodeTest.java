package dev.portalonboarding.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.portalonboarding.invitation.InvitationCode.Purpose;

/** Codes derived from the invitation, its email's purpose and the server's secret. */
class InvitationCodeTest {

    private static final byte[] SECRET = "a secret of thirty-two bytes or more".getBytes(StandardCharsets.US_ASCII);
    private static final UUID INVITATION = UUID.fromString("7d4c1a52-0f7e-4b0a-9c55-3c1f2b6d8e90");

    @Test
    void theSameInvitationPurposeAndSecretAlwaysGiveTheSameCode() {
        assertThat(InvitationCode.derive(SECRET.clone(), Purpose.INVITATION, INVITATION))
                .isEqualTo(InvitationCode.derive(SECRET.clone(), Purpose.INVITATION, INVITATION));
    }

    @Test
    void everyInvitationPurposeAndSecretHasItsOwnCode() {
        byte[] otherSecret = Arrays.copyOf(SECRET, SECRET.length);
        otherSecret[0] ^= 1;
        Set<String> codes = Set.of(
                InvitationCode.derive(SECRET, Purpose.INVITATION, INVITATION),
                InvitationCode.derive(SECRET, Purpose.REMINDER, INVITATION),
                InvitationCode.derive(SECRET, Purpose.INVITATION, UUID.randomUUID()),
                InvitationCode.derive(otherSecret, Purpose.INVITATION, INVITATION));
        assertThat(codes).hasSize(4);
    }

    @Test
    void aCodeIs256BitsInUnpaddedBase64url() {
        String code = InvitationCode.derive(SECRET, Purpose.REMINDER, INVITATION);
        assertThat(code).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(InvitationCode.isWellFormed(code)).isTrue();
        assertThat(InvitationCode.hash(code)).matches("[0-9a-f]{64}");
    }

    @Test
    void aSecretShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> InvitationCode.derive(new byte[31], Purpose.INVITATION, INVITATION))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void theEmbeddedSecretIsGeneratedOnceReadableByItsOwnerOnlyAndKept(@TempDir Path data) throws Exception {
        Path file = data.resolve("nested/code-secret");

        byte[] first = InvitationCodes.keptSecret(file);
        byte[] afterRestart = InvitationCodes.keptSecret(file);

        assertThat(first).hasSize(32).isEqualTo(afterRestart);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        try (var left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file); // no temporary file stays behind
        }
    }

    @Test
    void aDamagedSecretFileStopsTheStartAndSaysHowToRecover(@TempDir Path data) throws Exception {
        Path file = Files.writeString(data.resolve("code-secret"), "c2hvcnQ=");
        assertThatThrownBy(() -> InvitationCodes.keptSecret(file))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("delete it");
    }
}
