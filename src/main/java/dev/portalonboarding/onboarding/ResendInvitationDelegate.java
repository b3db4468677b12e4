package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.INVITATION_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.RESEND_REASON;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.invitation.InvitationStatus;
import dev.portalonboarding.onboarding.OnboardingProcess.Elements;
import dev.portalonboarding.onboarding.OnboardingProcess.Messages;

/**
 * BPMN task "Resend invitation" in resend-invitation.bpmn: sends {@code InvitationResendRequested} to the
 * onboarding whose invitation is pending, in the transaction that started the resend. The onboarding
 * leaves Invitation pending for Issue invitation, which revokes the old invitation and records the new
 * one as RESENT by the staff member who asked (still the engine's authenticated user), with the
 * original validity. With nothing pending the start is refused and nothing happens.
 */
@Component
class ResendInvitationDelegate implements JavaDelegate {

    private final InvitationRepository invitations;
    private final ContactRepository contacts;

    ResendInvitationDelegate(InvitationRepository invitations, ContactRepository contacts) {
        this.invitations = invitations;
        this.contacts = contacts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String email = ContactActionRequest.of(execution, RESEND_REASON, "Invalid resend request").email();
        ProcessEngineServices engine = execution.getProcessEngineServices();
        Invitation pending = invitations.findOpenByEmail(email)
                .orElseThrow(() -> new RejectedRequestException(nothingPending(engine, email)));
        List<?> resent = engine.getRuntimeService()
                .createMessageCorrelation(Messages.INVITATION_RESEND_REQUESTED)
                .processInstanceId(pending.processInstanceId())
                .processInstanceVariableEquals(INVITATION_ID, pending.id().toString())
                .correlateAllWithResult();
        if (resent.isEmpty()) {
            // Its onboarding was deleted (Cockpit): no process would send the new invitation
            throw new RejectedRequestException("The invitation for " + email
                    + " has no running onboarding to send a new one; start a new onboarding instead.");
        }
    }

    /** Why there is nothing to resend: an expired invitation is resent from its review task. */
    private String nothingPending(ProcessEngineServices engine, String email) {
        Optional<Invitation> latest = contacts.findByEmails(List.of(email)).stream().findFirst()
                .map(Contact::id).flatMap(invitations::findLatestByContact);
        boolean awaitingReview = latest.filter(invitation -> invitation.status() == InvitationStatus.EXPIRED)
                .map(invitation -> engine.getTaskService().createTaskQuery()
                        .processInstanceId(invitation.processInstanceId())
                        .taskDefinitionKey(Elements.REVIEW_EXPIRED_INVITATION).count() > 0)
                .orElse(false);
        return awaitingReview
                ? "The invitation for " + email + " expired and waits for review: resend it from the task"
                        + " \"Review expired invitation\" in Tasklist."
                : "There is no pending invitation for " + email + " to resend.";
    }
}
