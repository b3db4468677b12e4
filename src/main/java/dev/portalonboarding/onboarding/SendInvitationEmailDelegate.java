package dev.portalonboarding.onboarding;

import java.time.Clock;

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
import dev.portalonboarding.invitation.InvitationCode;
import dev.portalonboarding.invitation.InvitationCode.Purpose;
import dev.portalonboarding.invitation.InvitationCodes;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.mail.InvitationPace;
import dev.portalonboarding.mail.OnboardingMails;

/**
 * BPMN task "Send invitation email" (asynchronous) in portal-user-onboarding.bpmn. Derives the code,
 * stores its hash and sends it in one transaction: if SMTP fails, nothing is stored, so no link is
 * valid without having been sent. If SMTP accepted but the transaction did not commit, the retry
 * derives the same code and sends the same email (same Message-ID), whose link works once it commits.
 * An offboarded contact's identity accounts are enabled again first, so the invitee can sign in to
 * redeem; the portal still refuses the contact until this onboarding activates it.
 */
@Component
class SendInvitationEmailDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(SendInvitationEmailDelegate.class);

    private final OnboardingRecords records;
    private final ContactRepository contacts;
    private final IdentityProvider identityProvider;
    private final InvitationRepository invitations;
    private final InvitationEvents events;
    private final InvitationCodes codes;
    private final OnboardingMails mails;
    private final InvitationPace pace;
    private final Clock clock;

    SendInvitationEmailDelegate(OnboardingRecords records, ContactRepository contacts,
            IdentityProvider identityProvider, InvitationRepository invitations, InvitationEvents events,
            InvitationCodes codes, OnboardingMails mails, InvitationPace pace, Clock clock) {
        this.records = records;
        this.contacts = contacts;
        this.identityProvider = identityProvider;
        this.invitations = invitations;
        this.events = events;
        this.codes = codes;
        this.mails = mails;
        this.pace = pace;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Invitation invitation = records.invitation(execution);
        String code = codes.code(Purpose.INVITATION, invitation.id());
        // Only from NEW: a second run after a committed send (a duplicate job execution) sends nothing
        if (!invitations.markSent(invitation.id(), InvitationCode.hash(code), clock.instant())) {
            log.info("Invitation {} is {}, not sending it", invitation.id(), invitation.status());
            return;
        }
        Contact contact = records.contact(execution);
        if (contact.status() == ContactStatus.OFFBOARDED) {
            for (ContactIdentity identity : contacts.findIdentities(contact.id())) {
                identityProvider.setAccountEnabled(identity, true);
                events.record(invitation.id(), InvitationEventType.ACCOUNT_ENABLED, InvitationEvents.SYSTEM,
                        identity.issuer() + " " + identity.subject());
            }
        }
        events.record(invitation.id(), InvitationEventType.SENT, InvitationEvents.SYSTEM, null);
        pace.awaitTurn();
        mails.sendInvitation(contact, invitation.id(), code, invitation.expiresAt());
    }
}
