package dev.portalonboarding.mail;

import static dev.portalonboarding.SqlTimestamps.timestamp;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.support.OnboardingTestBase;

/** The shared pace of invitation emails: slots one interval apart, kept in the database for every node. */
class InvitationPaceTest extends OnboardingTestBase {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    OnboardingProperties properties;

    @AfterEach
    void resetPace() {
        setNextSendAt(Instant.now());
    }

    @Test
    void emailsReserveSlotsOneIntervalApartFromNowOn() {
        setNextSendAt(NOW.minus(Duration.ofMinutes(5)));
        InvitationPace pace = pace(4);
        Duration interval = Duration.ofMillis(250);

        assertThat(pace.reserveSlot(interval)).isEqualTo(NOW);
        assertThat(pace.reserveSlot(interval)).isEqualTo(NOW.plusMillis(250));
        // Another node shares the row, so it continues the same pace
        assertThat(pace(4).reserveSlot(interval)).isEqualTo(NOW.plusMillis(500));
    }

    @Test
    void unlimitedByDefaultAndThenTheRowIsNotTouched() {
        setNextSendAt(NOW);
        assertThat(properties.mail().maxInvitationsPerSecond()).isZero();

        pace(0).awaitTurn();

        assertThat(jdbc.sql("select count(*) from onboarding.mail_pace where next_send_at = :at")
                .param("at", timestamp(NOW)).query(Long.class).single()).isEqualTo(1);
    }

    private InvitationPace pace(int perSecond) {
        OnboardingProperties limited = new OnboardingProperties(properties.publicBaseUrl(),
                properties.organisationName(), properties.invitation(),
                new OnboardingProperties.Mail(properties.mail().from(), properties.mail().timeZone(), perSecond),
                properties.bulk(), properties.roles(), properties.historyTimeToLive());
        return new InvitationPace(jdbc, transactions, limited, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void setNextSendAt(Instant at) {
        jdbc.sql("update onboarding.mail_pace set next_send_at = :at where id = 1").param("at", timestamp(at)).update();
    }
}
