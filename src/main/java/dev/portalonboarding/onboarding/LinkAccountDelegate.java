package dev.portalonboarding.onboarding;

import java.time.Clock;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactIdentity;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.identity.IdentityProvider;
import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;

/**
 * BPMN task "Link account" (asynchronous, retried) in portal-user-onboarding.bpmn: records the
 * identity's issuer and subject on the contact, then updates the account at the identity provider.
 * A provider outage fails the job; it retries and then becomes an incident, and nothing is lost.
 */
@Component
class LinkAccountDelegate implements JavaDelegate {

    private final OnboardingRecords records;
    private final ContactRepository contacts;
    private final IdentityProvider identityProvider;
    private final InvitationEvents events;
    private final Clock clock;

    LinkAccountDelegate(OnboardingRecords records, ContactRepository contacts,
            IdentityProvider identityProvider, InvitationEvents events, Clock clock) {
        this.records = records;
        this.contacts = contacts;
        this.identityProvider = identityProvider;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Contact contact = records.contact(execution);
        Invitation invitation = records.invitation(execution);
        // The redemption stored who redeemed, and only a verified email equal to the contact's redeems
        VerifiedIdentity identity = new VerifiedIdentity(invitation.redeemedIssuer(), invitation.redeemedSubject(),
                contact.email(), true, contact.fullName());

        Optional<ContactIdentity> linked = contacts.findIdentity(identity.issuer(), identity.subject());
        if (linked.isPresent() && !linked.get().contactId().equals(contact.id())) {
            // An incident for staff: one identity must never speak for two contacts
            throw new IllegalStateException("The identity " + identity.subject() + " of " + identity.issuer()
                    + " is already linked to contact " + linked.get().contactId());
        }
        if (linked.isEmpty()) {
            contacts.insertIdentity(new ContactIdentity(identity.issuer(), identity.subject(), contact.id(),
                    identity.email(), clock.instant()));
        }
        identityProvider.linkAccount(contact, identity);
        events.record(OnboardingRecords.invitationId(execution), InvitationEventType.LINKED, InvitationEvents.SYSTEM,
                identity.issuer());
    }
}
