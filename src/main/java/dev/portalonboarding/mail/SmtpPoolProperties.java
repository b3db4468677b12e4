package dev.portalonboarding.mail;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code onboarding.mail.smtp.*}: the SMTP connections one node keeps open and reuses for its emails. */
@Validated
@ConfigurationProperties("onboarding.mail.smtp")
public record SmtpPoolProperties(
        /**
         * Connections open at once on this node. Mail relays limit concurrent connections per client (often
         * a handful), and one connection sends hundreds of emails a second to a near relay; job threads
         * beyond this wait for a free connection.
         */
        @Min(1) @Max(100) @DefaultValue("4") int poolSize,
        /** An unused connection is closed after this long, before relays drop it (most wait a minute or more). */
        @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 10) @DefaultValue("30s") Duration idleTimeout,
        /** The longest an email waits for a free connection before its attempt fails (the job is retried). */
        @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 5) @DefaultValue("5s") Duration maxWait) {
}
