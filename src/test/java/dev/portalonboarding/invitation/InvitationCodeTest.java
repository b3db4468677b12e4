package dev.portalonboarding.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.portalonboarding.OnboardingProperties;
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
    void aConfiguredSecretMustBeBase64OfAtLeast32BytesAndNeverShows() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        String strong = Base64.getEncoder().encodeToString(SECRET);

        assertThat(validator.validate(invitationSettings(strong))).isEmpty();
        assertThat(validator.validate(invitationSettings(null))).as("the embedded default keeps one in a file").isEmpty();
        for (String weak : List.of(Base64.getEncoder().encodeToString(new byte[31]), "not base64!")) {
            assertThat(validator.validate(invitationSettings(weak))).singleElement()
                    .satisfies(violation -> assertThat(violation.getMessage()).contains("at least 32 bytes"));
        }
        assertThat(invitationSettings(strong).toString()).doesNotContain(strong);
    }

    private static OnboardingProperties.Invitation invitationSettings(String codeSecret) {
        return new OnboardingProperties.Invitation(7, 30, Duration.ofDays(2),
                new OnboardingProperties.Invitation.GuessLimit(20, Duration.ofMinutes(10)), codeSecret,
                Path.of("data/code-secret"));
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
