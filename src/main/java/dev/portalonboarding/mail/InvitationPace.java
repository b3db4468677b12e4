package dev.portalonboarding.mail;

import static dev.portalonboarding.SqlTimestamps.instant;
import static dev.portalonboarding.SqlTimestamps.timestamp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.portalonboarding.OnboardingProperties;

/**
 * Keeps invitation emails under {@code onboarding.mail.max-invitations-per-second}, since mail providers
 * throttle. The next free sending time lives in one database row, so all nodes share one pace: each
 * email reserves a slot, then its job waits for it. Unlimited (0, the default) costs nothing.
 */
@Component
public class InvitationPace {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final OnboardingProperties properties;
    private final Clock clock;

    public InvitationPace(JdbcClient jdbc, PlatformTransactionManager transactions, OnboardingProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        // The pace row is locked only for the reservation, not for the whole sending job
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns when this email may go out. A slot lost to a rolled-back job only slows the pace. */
    public void awaitTurn() {
        int perSecond = properties.mail().maxInvitationsPerSecond();
        if (perSecond == 0) {
            return;
        }
        Duration wait = Duration.between(clock.instant(), reserveSlot(Duration.ofNanos(1_000_000_000L / perSecond)));
        if (!wait.isNegative() && !wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting to send an invitation", e);
            }
        }
    }

    /** The reserved sending time: the shared next free time, or now if that has passed. */
    Instant reserveSlot(Duration interval) {
        return ownTransaction.execute(status -> {
            Instant next = jdbc.sql("select next_send_at from onboarding.mail_pace where id = 1 for update")
                    .query((rs, row) -> instant(rs, "next_send_at"))
                    .single();
            Instant now = clock.instant();
            Instant slot = next.isAfter(now) ? next : now;
            jdbc.sql("update onboarding.mail_pace set next_send_at = :next where id = 1")
                    .param("next", timestamp(slot.plus(interval)))
                    .update();
            return slot;
        });
    }
}
