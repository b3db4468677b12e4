package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.INVITATION_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.REVOKE_REASON;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.onboarding.OnboardingProcess.Messages;

/**
 * BPMN task "Revoke invitation" in revoke-invitation.bpmn: kills the pending invitation's codes and
 * sends {@code InvitationRevoked} to the onboarding waiting for it, in the transaction that started
 * the revocation. With no pending invitation the start is refused and nothing happens.
 */
@Component
class RevokeInvitationDelegate implements JavaDelegate {

    private final InvitationRepository invitations;
    private final InvitationEvents events;
    private final Clock clock;

    RevokeInvitationDelegate(InvitationRepository invitations, InvitationEvents events, Clock clock) {
        this.invitations = invitations;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ContactActionRequest request = ContactActionRequest.of(execution, REVOKE_REASON, "Invalid revocation",
                "Widerruf nicht ausgeführt");
        String email = request.email();
        String reason = request.reason();
        Invitation invitation = invitations.findOpenByEmail(email)
                .filter(open -> invitations.revoke(open.id(), clock.instant()))
                .orElseThrow(() -> new RejectedRequestException(
                        "There is no pending invitation for " + email + " to revoke.",
                        "Es gibt keine offene Einladung an " + email + " zum Widerrufen."));
        events.record(invitation.id(), InvitationEventType.REVOKED, CurrentActor.of(execution), reason);
        // Like every process about a contact: keyed by its id, never by the email
        execution.setProcessBusinessKey(invitation.contactId().toString());
        // correlateAll: an onboarding deleted in Cockpit has no subscription left, the codes die anyway
        execution.getProcessEngineServices().getRuntimeService()
                .createMessageCorrelation(Messages.INVITATION_REVOKED)
                .processInstanceId(invitation.processInstanceId())
                .processInstanceVariableEquals(INVITATION_ID, invitation.id().toString())
                .correlateAll();
    }

}
