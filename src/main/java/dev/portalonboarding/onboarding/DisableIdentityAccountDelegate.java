package dev.portalonboarding.onboarding;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactIdentity;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.contact.ContactStatus;
import dev.portalonboarding.identity.IdentityProvider;
import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.onboarding.OnboardingProcess.ContactCheck;

/**
 * BPMN task "Disable identity account" (asynchronous, retried) in offboard-portal-user.bpmn: disables
 * the offboarded contact's accounts at the identity provider, so that sign-in fails there too. An
 * outage fails the job; it retries and then becomes an incident.
 */
@Component
class DisableIdentityAccountDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(DisableIdentityAccountDelegate.class);

    private final OnboardingRecords records;
    private final ContactRepository contacts;
    private final InvitationRepository invitations;
    private final IdentityProvider identityProvider;
    private final InvitationEvents events;
    private final OnboardingEligibility eligibility;

    DisableIdentityAccountDelegate(OnboardingRecords records, ContactRepository contacts,
            InvitationRepository invitations, IdentityProvider identityProvider, InvitationEvents events,
            OnboardingEligibility eligibility) {
        this.records = records;
        this.contacts = contacts;
        this.invitations = invitations;
        this.identityProvider = identityProvider;
        this.events = events;
        this.eligibility = eligibility;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Contact contact = records.contact(execution);
        // A retry after a long incident may come when staff have onboarded the contact again: leave that be
        if (contact.status() != ContactStatus.OFFBOARDED
                || eligibility.check(contact, null) == ContactCheck.ALREADY_RUNNING) {
            log.info("Contact {} is {} or being onboarded again, its accounts stay as they are", contact.id(),
                    contact.status());
            return;
        }
        Optional<Invitation> latest = invitations.findLatestByContact(contact.id());
        for (ContactIdentity identity : contacts.findIdentities(contact.id())) {
            identityProvider.setAccountEnabled(identity, false);
            latest.ifPresent(invitation -> events.record(invitation.id(), InvitationEventType.ACCOUNT_DISABLED,
                    InvitationEvents.SYSTEM, identity.issuer() + " " + identity.subject()));
        }
    }

}
