package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.OFFBOARD_REASON;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.SEND_GOODBYE_EMAIL;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.contact.ContactStatus;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.invitation.InvitationRepository;

/**
 * BPMN task "Mark contact offboarded" in offboard-portal-user.bpmn, in the transaction that starts the
 * offboarding: the active contact becomes OFFBOARDED and loses its roles, so the portal refuses it
 * from the next request on, and the portal sessions of its identities end. An unknown or not-active
 * contact refuses the start, and nothing is created. The form's checkbox {@code sendGoodbyeEmail}
 * (absent means no) decides whether the user gets a goodbye email at the end.
 */
@Component
class MarkContactOffboardedDelegate implements JavaDelegate {

    private final ContactRepository contacts;
    private final InvitationRepository invitations;
    private final InvitationEvents events;
    private final PortalSessions sessions;

    MarkContactOffboardedDelegate(ContactRepository contacts, InvitationRepository invitations,
            InvitationEvents events, PortalSessions sessions) {
        this.contacts = contacts;
        this.invitations = invitations;
        this.events = events;
        this.sessions = sessions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ContactActionRequest request = ContactActionRequest.of(execution, OFFBOARD_REASON, "Invalid offboarding",
                "Offboarding nicht gestartet", SEND_GOODBYE_EMAIL);
        String email = request.email();
        String reason = request.reason();
        // Locked, so an onboarding or a second offboarding of this email waits for this one
        Contact contact = contacts.findByEmailForUpdate(email)
                .orElseThrow(() -> new RejectedRequestException("There is no portal user " + email + " to offboard.",
                        "Es gibt keinen Portalnutzer " + email + " zum Offboarden."));
        if (contact.status() != ContactStatus.ACTIVE || !contacts.offboard(contact.id())) {
            String status = contact.status().name().toLowerCase();
            throw new RejectedRequestException(email + " is not an active portal user (" + status
                    + "); only active ones can be offboarded.", email + " ist kein aktiver Portalnutzer (" + status
                    + "); nur aktive können offboardet werden.");
        }
        execution.setVariable(CONTACT_ID, contact.id().toString());
        // For the gateway after Disable identity account; written only when the form did not send it so
        Boolean goodbye = request.checked().contains(SEND_GOODBYE_EMAIL);
        if (!goodbye.equals(execution.getVariable(SEND_GOODBYE_EMAIL))) {
            execution.setVariable(SEND_GOODBYE_EMAIL, goodbye);
        }
        // The contact id, not the email: a business key is engine history an erasure cannot rewrite
        execution.setProcessBusinessKey(contact.id().toString());
        invitations.findLatestByContact(contact.id()).ifPresent(invitation -> events.record(invitation.id(),
                InvitationEventType.OFFBOARDED, CurrentActor.of(execution),
                "roles withdrawn: " + String.join(", ", contact.roles()) + "; reason: " + reason));
        sessions.end(contacts.findIdentities(contact.id()));
    }
}
