package dev.portalonboarding.onboarding;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.contact.ContactEvents;
import dev.portalonboarding.invitation.InvitationEvents;

/**
 * Deletes an onboarding's invitation audit trail once the onboarding ended more than
 * {@code onboarding.history-time-to-live} ago, as the engine's history cleanup deletes its history;
 * also when the engine no longer knows the onboarding and its newest event is that old. A running
 * onboarding keeps its trail. The contact-level trail (erasures) goes event by event once the event is
 * that old. Every node runs both; two runs at once delete each event once, so no lock or leader is
 * needed.
 */
@Component
class AuditTrailRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditTrailRetention.class);
    private static final int CHUNK = 500;

    private final InvitationEvents events;
    private final ContactEvents contactEvents;
    private final HistoryService history;
    private final OnboardingProperties properties;
    private final Clock clock;

    AuditTrailRetention(InvitationEvents events, ContactEvents contactEvents, HistoryService history,
            OnboardingProperties properties, Clock clock) {
        this.events = events;
        this.contactEvents = contactEvents;
        this.history = history;
        this.properties = properties;
        this.clock = clock;
    }

    /** Daily, inside the engine's history cleanup window (01:00 to 05:00). */
    @Scheduled(cron = "0 10 1 * * *")
    int deleteExpiredTrails() {
        Instant cutoff = cutoff();
        List<String> old = events.onboardingsWithTrailBefore(cutoff);
        int deleted = 0;
        for (int from = 0; from < old.size(); from += CHUNK) {
            Set<String> expired = new HashSet<>(old.subList(from, Math.min(from + CHUNK, old.size())));
            history.createHistoricProcessInstanceQuery().processInstanceIds(expired).list().stream()
                    .filter(onboarding -> onboarding.getEndTime() == null
                            || !onboarding.getEndTime().toInstant().isBefore(cutoff))
                    .map(HistoricProcessInstance::getId)
                    .forEach(expired::remove);
            deleted += events.deleteTrails(expired);
        }
        if (deleted > 0) {
            log.info("Deleted {} audit events of onboardings that ended more than {} ago", deleted,
                    properties.historyTimeToLive());
        }
        return deleted;
    }

    /**
     * Daily, after the invitation trails. A contact event belongs to no process the engine could still
     * be running (an erasure records its event when approved), so its own age decides.
     */
    @Scheduled(cron = "0 15 1 * * *")
    int deleteExpiredContactEvents() {
        int deleted = contactEvents.deleteBefore(cutoff());
        if (deleted > 0) {
            log.info("Deleted {} contact events older than {}", deleted, properties.historyTimeToLive());
        }
        return deleted;
    }

    private Instant cutoff() {
        return OffsetDateTime.now(clock).minus(properties.historyTimeToLive()).toInstant();
    }
}
