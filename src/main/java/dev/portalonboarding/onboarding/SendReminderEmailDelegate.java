package dev.portalonboarding.onboarding;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationCode;
import dev.portalonboarding.invitation.InvitationCode.Purpose;
import dev.portalonboarding.invitation.InvitationCodes;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.mail.OnboardingMails;

/**
 * BPMN task "Send reminder email" (asynchronous) in portal-user-onboarding.bpmn. The reminder carries
 * a second code for the same invitation (the first one exists only in the user's mailbox); both stop
 * working when the invitation is redeemed, expires or is revoked. Like the invitation, a retried
 * reminder derives the same code and sends the same email.
 */
@Component
class SendReminderEmailDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(SendReminderEmailDelegate.class);

    private final OnboardingRecords records;
    private final InvitationRepository invitations;
    private final InvitationEvents events;
    private final InvitationCodes codes;
    private final OnboardingMails mails;
    private final Clock clock;

    SendReminderEmailDelegate(OnboardingRecords records, InvitationRepository invitations,
            InvitationEvents events, InvitationCodes codes, OnboardingMails mails, Clock clock) {
        this.records = records;
        this.invitations = invitations;
        this.events = events;
        this.codes = codes;
        this.mails = mails;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Invitation invitation = records.invitation(execution);
        String code = codes.code(Purpose.REMINDER, invitation.id());
        if (!invitations.markReminded(invitation.id(), InvitationCode.hash(code), clock.instant())) {
            // Redeemed, revoked or expired while the reminder job waited, or reminded by a committed run
            log.info("Invitation {} is {}, no reminder to send", invitation.id(), invitation.status());
            return;
        }
        events.record(invitation.id(), InvitationEventType.REMINDER_SENT, InvitationEvents.SYSTEM, null);
        mails.sendReminder(records.contact(execution), invitation.id(), code, invitation.expiresAt());
    }
}
