package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.INVITATION_EXPIRES_AT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.INVITATION_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.REMINDER_DUE_AT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.VALIDITY_DAYS;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.invitation.InvitationStatus;

/**
 * BPMN task "Issue invitation" in portal-user-onboarding.bpmn: records a new invitation and its
 * expiry, and revokes the contact's earlier open ones. The code is derived by Send invitation email,
 * in the transaction that sends it, so the plain code never rests in the database.
 */
@Component
class IssueInvitationDelegate implements JavaDelegate {

    private final OnboardingRequestValidator validator;
    private final InvitationRepository invitations;
    private final InvitationEvents events;
    private final OnboardingProperties properties;
    private final Clock clock;

    IssueInvitationDelegate(OnboardingRequestValidator validator, InvitationRepository invitations,
            InvitationEvents events, OnboardingProperties properties, Clock clock) {
        this.validator = validator;
        this.invitations = invitations;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID contactId = UUID.fromString((String) execution.getVariable(CONTACT_ID));
        String actor = CurrentActor.of(execution);
        Instant now = clock.instant();

        List<Invitation> earlier = invitations.findByContact(contactId);
        // The form's validity (start or review); for a resend without one, the onboarding's last invitation's
        int validityDays = validator.sentValidityDays(execution).orElseGet(() -> earlier.stream()
                .filter(i -> execution.getProcessInstanceId().equals(i.processInstanceId()))
                .reduce((first, later) -> later).map(Invitation::validityDays)
                .orElse(properties.invitation().defaultValidityDays()));
        for (Invitation open : earlier.stream().filter(i -> i.status().isOpen()).toList()) {
            if (invitations.revoke(open.id(), now)) {
                events.record(open.id(), InvitationEventType.REVOKED, actor, "replaced by a new invitation");
            }
        }

        Instant expiresAt = now.plus(Duration.ofDays(validityDays));
        Invitation invitation = new Invitation(UUID.randomUUID(), contactId, execution.getProcessInstanceId(),
                InvitationStatus.NEW, validityDays, now, null, null, expiresAt, null, null, null, null, null);
        invitations.insert(invitation);
        boolean resend = earlier.stream().anyMatch(i -> execution.getProcessInstanceId().equals(i.processInstanceId()));
        events.record(invitation.id(), resend ? InvitationEventType.RESENT : InvitationEventType.CREATED, actor,
                "valid for " + validityDays + " days");

        // The invitation holds it; removed in the transaction the start or review form set it, it is never stored
        execution.removeVariable(VALIDITY_DAYS);
        execution.setVariable(INVITATION_ID, invitation.id().toString());
        execution.setVariable(INVITATION_EXPIRES_AT, Date.from(expiresAt));
        execution.setVariable(REMINDER_DUE_AT, Date.from(reminderDue(now, expiresAt)));
    }

    /** The configured time before expiry, but not before half the validity has passed. */
    private Instant reminderDue(Instant issuedAt, Instant expiresAt) {
        Instant beforeExpiry = expiresAt.minus(properties.invitation().reminderBeforeExpiry());
        Instant halfway = issuedAt.plus(Duration.between(issuedAt, expiresAt).dividedBy(2));
        return beforeExpiry.isAfter(halfway) ? beforeExpiry : halfway;
    }
}
