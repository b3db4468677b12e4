package dev.portalonboarding.metrics;

import java.time.Duration;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.portalonboarding.invitation.InvitationEventRecorded;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationRepository;

/**
 * The funnel's stages as counters ({@code onboarding.invitation.events{stage=…}}) and the time from
 * sending to redemption as a timer, counted after the audit entry commits, on the node where it
 * happened: Prometheus sums the nodes. A rolled-back step counts nothing.
 */
@Component
class FunnelMetrics {

    private static final Map<InvitationEventType, String> STAGES = Map.of(
            InvitationEventType.SENT, "sent",
            InvitationEventType.OPENED, "opened",
            InvitationEventType.ACCEPT_CLICKED, "accepted",
            InvitationEventType.REDEEMED, "redeemed",
            InvitationEventType.LINKED, "linked",
            InvitationEventType.EXPIRED, "expired",
            InvitationEventType.REVOKED, "revoked");

    private final MeterRegistry meters;
    private final InvitationRepository invitations;
    private final Timer sentToRedeemed;

    FunnelMetrics(MeterRegistry meters, InvitationRepository invitations) {
        this.meters = meters;
        this.invitations = invitations;
        // Every stage from zero, so a scrape shows the whole funnel before its first event
        STAGES.values().forEach(stage -> meters.counter("onboarding.invitation.events", "stage", stage));
        this.sentToRedeemed = Timer.builder("onboarding.invitation.sent.to.redeemed")
                .description("From the invitation email (the latest send) to its redemption")
                .serviceLevelObjectives(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7),
                        Duration.ofDays(30))
                .register(meters);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void recorded(InvitationEventRecorded event) {
        String stage = STAGES.get(event.type());
        if (stage == null) {
            return;
        }
        meters.counter("onboarding.invitation.events", "stage", stage).increment();
        if (event.type() == InvitationEventType.REDEEMED) {
            invitations.findById(event.invitationId())
                    .filter(invitation -> invitation.sentAt() != null)
                    .ifPresent(invitation -> sentToRedeemed.record(Duration.between(invitation.sentAt(), event.occurredAt())));
        }
    }
}
