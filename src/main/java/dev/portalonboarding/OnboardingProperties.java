package dev.portalonboarding;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.portalonboarding.invitation.InvitationCode;

/**
 * The service's own settings ({@code onboarding.*}). Defaults suit the embedded profile; the
 * production profile must set {@code public-base-url} and {@code invitation.code-secret} (see
 * {@code ProductionSettingsCheck}).
 */
@Validated
@ConfigurationProperties("onboarding")
public record OnboardingProperties(
        /** Base of every link in an email; never taken from a request's Host header. */
        @NotNull URI publicBaseUrl,
        /** The inviting organisation, named in emails and on pages. */
        @NotBlank @DefaultValue("Example Ltd") String organisationName,
        @Valid @NotNull @DefaultValue Invitation invitation,
        @Valid @NotNull @DefaultValue Mail mail,
        @Valid @NotNull @DefaultValue Bulk bulk,
        /**
         * The portal roles staff may grant, the only ones any start accepts: the start form offers them
         * (OnboardingFormTest keeps its checklist equal), bulk files and the Java API are checked against
         * them. The defaults are in application.yml.
         */
        @Valid @NotEmpty List<Role> roles,
        /**
         * How long history stays: the engine's history time to live of every definition deployed here
         * (application.yml), and the age at which bulk rows and audit trails of finished processes go.
         */
        @NotNull @DefaultValue("P180D") Period historyTimeToLive) {

    /** One portal role: its id as stored on the contact and sent to the portal, and its labels. */
    public record Role(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,39}") String id,
            @NotBlank String labelEn,
            @NotBlank String labelDe) {

        /** The label in the language of this locale: German or English. */
        public String label(Locale locale) {
            return Locale.GERMAN.getLanguage().equals(locale.getLanguage()) ? labelDe : labelEn;
        }
    }

    public record Invitation(
            @Min(1) @Max(30) @DefaultValue("7") int defaultValidityDays,
            @Min(1) @Max(365) @DefaultValue("30") int maxValidityDays,
            /** The reminder goes out this long before expiry, but never before half the validity. */
            @NotNull @DefaultValue("P2D") Duration reminderBeforeExpiry,
            @Valid @NotNull @DefaultValue GuessLimit guessLimit,
            /**
             * Base64 of at least 32 random bytes; invitation codes are derived from it. Required in
             * production; kept secret like a password. Without it, {@code codeSecretFile} holds one.
             */
            String codeSecret,
            /** The embedded default's secret, generated on the first start; unused when codeSecret is set. */
            @NotNull @DefaultValue("./data/code-secret") Path codeSecretFile) {

        /** The configured code secret's bytes, or null when none is set. */
        public byte[] codeSecretBytes() {
            return codeSecret == null || codeSecret.isBlank() ? null : Base64.getDecoder().decode(codeSecret.strip());
        }

        @AssertTrue(message = "code-secret must be base64 of at least 32 bytes (openssl rand -base64 32)")
        public boolean isCodeSecretStrong() {
            try {
                byte[] secret = codeSecretBytes();
                return secret == null || secret.length >= InvitationCode.MIN_SECRET_BYTES;
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
        }

        /** Never shows the secret. */
        @Override
        public String toString() {
            return "Invitation[defaultValidityDays=" + defaultValidityDays + ", maxValidityDays=" + maxValidityDays
                    + ", reminderBeforeExpiry=" + reminderBeforeExpiry + ", guessLimit=" + guessLimit
                    + ", codeSecret=" + (codeSecret == null || codeSecret.isBlank() ? "unset" : "(hidden)")
                    + ", codeSecretFile=" + codeSecretFile + "]";
        }

        /** Lookups of unknown codes one client may make per window before it gets 429. */
        public record GuessLimit(
                @Min(1) @DefaultValue("20") int maxFailures,
                @NotNull @DefaultValue("PT10M") Duration window) {
        }
    }

    public record Mail(
            @NotBlank @DefaultValue("Portal onboarding <onboarding@localhost>") String from,
            /** Time zone in which emails and the invitation page state expiry dates. */
            @NotNull @DefaultValue("UTC") ZoneId timeZone,
            /** At most this many invitation emails per second over all nodes; 0 means unlimited. */
            @PositiveOrZero @DefaultValue("0") int maxInvitationsPerSecond) {

        /** An instant as emails and pages state it: date and time in this time zone, and the zone. */
        public String dateTime(Instant instant, Locale locale) {
            return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                    .withLocale(locale).withZone(timeZone).format(instant) + " (" + timeZone.getId() + ")";
        }
    }

    public record Bulk(
            /** Onboardings one job starts in one transaction. */
            @Min(1) @Max(1000) @DefaultValue("50") int batchSize,
            /** Batch jobs starting rows side by side; more than the job executor's threads gains nothing. */
            @Min(1) @Max(32) @DefaultValue("2") int starters) {
    }

    /** The ids of the role catalogue, in its order. */
    public List<String> roleIds() {
        return roles.stream().map(Role::id).toList();
    }

    @AssertTrue(message = "role ids must be unique")
    public boolean isRoleIdsUnique() {
        Set<String> ids = roles == null ? Set.of() : roles.stream().map(Role::id).collect(Collectors.toSet());
        return roles == null || ids.size() == roles.size();
    }

    /** An absolute link to a path of this service, for emails and the identity provider. */
    public String link(String path) {
        String base = publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
