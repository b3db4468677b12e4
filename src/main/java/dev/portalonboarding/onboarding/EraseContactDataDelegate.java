package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.STARTED_BY;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactEventType;
import dev.portalonboarding.contact.ContactEvents;
import dev.portalonboarding.contact.ContactIdentity;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.invitation.InvitationRepository;

/**
 * BPMN task "Erase contact data" in erase-contact.bpmn, in the approval's transaction: the contact's
 * personal data goes from the application's tables (placeholders in the contact, no IP addresses, user
 * agents or details on its invitations' trail, its bulk rows blanked and its undelivered webhook events
 * cut to ids by their modules), from the engine history of its processes, and from portal sessions;
 * the erasure is recorded on the contact's trail.
 * Refused, with nothing changed, while another process about the contact runs.
 */
@Component
class EraseContactDataDelegate implements JavaDelegate {

    private final ContactRepository contacts;
    private final InvitationRepository invitations;
    private final InvitationEvents invitationEvents;
    private final ContactEvents contactEvents;
    private final EngineHistoryErasure engineHistory;
    private final ApplicationEventPublisher publisher;
    private final PortalSessions sessions;

    EraseContactDataDelegate(ContactRepository contacts, InvitationRepository invitations,
            InvitationEvents invitationEvents, ContactEvents contactEvents, EngineHistoryErasure engineHistory,
            ApplicationEventPublisher publisher, PortalSessions sessions) {
        this.contacts = contacts;
        this.invitations = invitations;
        this.invitationEvents = invitationEvents;
        this.contactEvents = contactEvents;
        this.engineHistory = engineHistory;
        this.publisher = publisher;
        this.sessions = sessions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID contactId = UUID.fromString((String) execution.getVariable(CONTACT_ID));
        Contact contact = contacts.findById(contactId)
                .orElseThrow(() -> new IllegalStateException("Contact " + contactId + " is missing"));
        Set<String> emails = new TreeSet<>(Set.of(contact.email()));
        List<ContactIdentity> identities = contacts.findIdentities(contactId);
        for (ContactIdentity identity : identities) {
            if (identity.email() != null) {
                emails.add(identity.email().toLowerCase());
            }
        }
        sessions.end(identities);
        Set<String> processes = engineHistory.erase(execution.getProcessEngineServices(),
                execution.getProcessInstanceId(), contact, emails);
        contacts.erase(contactId);
        invitations.eraseRedeemers(contactId);
        invitationEvents.eraseForContact(contactId, emails, ContactRepository.erasedPlaceholder(contactId));
        contactEvents.eraseDetails(contactId);
        publisher.publishEvent(new ContactErased(contactId, emails, processes));
        contactEvents.record(contactId, ContactEventType.ERASED, (String) execution.getVariable(STARTED_BY),
                (String) execution.getVariable(ErasureProcess.Variables.APPROVED_BY),
                (String) execution.getVariable(ErasureProcess.Variables.ERASURE_REASON));
    }
}
