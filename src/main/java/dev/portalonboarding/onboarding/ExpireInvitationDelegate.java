package dev.portalonboarding.onboarding;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.invitation.InvitationRepository;

/** BPMN task "Expire invitation" in portal-user-onboarding.bpmn, after the expiry timer fired. */
@Component
class ExpireInvitationDelegate implements JavaDelegate {

    private final OnboardingRecords records;
    private final InvitationRepository invitations;
    private final InvitationEvents events;
    private final Clock clock;

    ExpireInvitationDelegate(OnboardingRecords records, InvitationRepository invitations,
            InvitationEvents events, Clock clock) {
        this.records = records;
        this.invitations = invitations;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Invitation invitation = records.invitation(execution);
        if (invitations.expire(invitation.id(), clock.instant())) {
            events.record(invitation.id(), InvitationEventType.EXPIRED, InvitationEvents.SYSTEM, null);
        }
    }
}
