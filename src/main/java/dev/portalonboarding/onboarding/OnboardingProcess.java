package dev.portalonboarding.onboarding;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place for the names the BPMN models, delegates and tests share: process keys, element ids,
 * message names and process variables of {@code processes/portal-user-onboarding.bpmn},
 * {@code processes/revoke-invitation.bpmn}, {@code processes/resend-invitation.bpmn} and
 * {@code processes/offboard-portal-user.bpmn}.
 */
public final class OnboardingProcess {

    public static final String PROCESS_KEY = "portal-user-onboarding";
    public static final String REVOKE_PROCESS_KEY = "revoke-invitation";
    public static final String RESEND_PROCESS_KEY = "resend-invitation";
    public static final String OFFBOARD_PROCESS_KEY = "offboard-portal-user";

    /** Messages the onboarding waits for. */
    public static final class Messages {
        public static final String INVITATION_REDEEMED = "InvitationRedeemed";
        public static final String INVITATION_REVOKED = "InvitationRevoked";
        /** Staff asked for a new invitation now (resend-invitation.bpmn): the pending one is replaced. */
        public static final String INVITATION_RESEND_REQUESTED = "InvitationResendRequested";

        private Messages() {
        }
    }

    /** Element ids in the onboarding model. */
    public static final class Elements {
        public static final String START = "onboardingRequested";
        public static final String CREATE_CONTACT = "createContact";
        public static final String ISSUE_INVITATION = "issueInvitation";
        public static final String INVITATION_PENDING = "invitationPending";
        public static final String SEND_INVITATION_EMAIL = "sendInvitationEmail";
        public static final String WAIT_FOR_REDEMPTION = "waitForRedemption";
        public static final String EXPIRY_TIMER = "invitationExpiresTimer";
        public static final String REMINDER_TIMER = "reminderDueTimer";
        public static final String REVOKED_MESSAGE = "invitationRevokedMessage";
        public static final String RESEND_REQUESTED_MESSAGE = "invitationResendRequestedMessage";
        public static final String SEND_REMINDER_EMAIL = "sendReminderEmail";
        public static final String LINK_ACCOUNT = "linkAccount";
        public static final String ACTIVATE_CONTACT = "activateContact";
        public static final String SEND_WELCOME_EMAIL = "sendWelcomeEmail";
        public static final String EXPIRE_INVITATION = "expireInvitation";
        public static final String REVIEW_EXPIRED_INVITATION = "reviewExpiredInvitation";
        public static final String END_ONBOARDED = "portalUserOnboarded";
        public static final String END_CLOSED = "onboardingClosed";
        public static final String END_REVOKED = "invitationRevoked";
        public static final String END_ALREADY_ACTIVE = "contactAlreadyActive";
        public static final String END_ALREADY_RUNNING = "onboardingAlreadyRunning";
        public static final String END_REMINDER_SENT = "reminderSent";

        private Elements() {
        }
    }

    /** Process variables. */
    public static final class Variables {
        // Start form of the onboarding
        public static final String FIRST_NAME = "firstName";
        public static final String LAST_NAME = "lastName";
        public static final String EMAIL = "email";
        public static final String COMPANY = "company";
        public static final String LANGUAGE = "language";
        public static final String ROLES = "roles";
        public static final String VALIDITY_DAYS = "validityDays";
        /** Set by the start event's initiator attribute: the staff member who started it. */
        public static final String STARTED_BY = "startedBy";

        /**
         * A bulk row's request, which the dry run validated: a transient {@link OnboardingRequest} that only
         * Java code in the start's transaction can pass (a client's object arrives serialized, and is refused).
         */
        public static final String VALIDATED_REQUEST = "validatedRequest";

        /**
         * The start form's fields and the initiator: Create contact reads them into the contact record and
         * the REQUESTED audit entry and removes them; Issue invitation reads and removes validityDays (from
         * the start form or the review's). Removed in the transaction that set them, they are never stored;
         * the auditor history level keeps no history of them either.
         */
        public static final Set<String> REQUEST_FIELDS =
                Set.of(FIRST_NAME, LAST_NAME, EMAIL, COMPANY, LANGUAGE, ROLES, VALIDITY_DAYS, STARTED_BY);

        // Set by the delegates
        public static final String CONTACT_ID = "contactId";
        /** {@link ContactCheck} outcome of Create contact, read by the gateway after it: transient. */
        public static final String CONTACT_CHECK = "contactCheck";
        /** Why the onboarding ended without an invitation, readable by staff and auditors. */
        public static final String OUTCOME_REASON = "outcomeReason";
        public static final String INVITATION_ID = "invitationId";
        public static final String INVITATION_EXPIRES_AT = "invitationExpiresAt";
        public static final String REMINDER_DUE_AT = "reminderDueAt";

        // Carried by the InvitationRedeemed message of onboardings redeemed before the invitation record held
        // the identity; only the history erasure still names them
        public static final String IDENTITY_ISSUER = "identityIssuer";
        public static final String IDENTITY_SUBJECT = "identitySubject";
        public static final String IDENTITY_EMAIL = "identityEmail";
        public static final String IDENTITY_NAME = "identityName";

        // Form of Review expired invitation
        /** Task-local, read-only summary of the onboarding so far (ReviewContextListener). */
        public static final String REVIEW_CONTEXT = "reviewContext";
        public static final String REVIEW_DECISION = "reviewDecision";
        public static final String CLOSE_REASON = "closeReason";
        /** Local to the review task: the invited user asked for a new invitation from the expired link. */
        public static final String NEW_INVITATION_REQUESTED = "newInvitationRequested";

        // Start form of Revoke invitation
        public static final String REVOKE_REASON = "revokeReason";

        // Start form of Resend invitation (and EMAIL)
        public static final String RESEND_REASON = "resendReason";

        // Start form of Offboard portal user (and EMAIL)
        public static final String OFFBOARD_REASON = "offboardReason";
        /** A checkbox, off by default; always set (a boolean) once the offboarding started. */
        public static final String SEND_GOODBYE_EMAIL = "sendGoodbyeEmail";

        private Variables() {
        }
    }

    /** Element ids in the offboarding model. */
    public static final class OffboardingElements {
        public static final String START = "offboardingRequested";
        public static final String MARK_CONTACT_OFFBOARDED = "markContactOffboarded";
        public static final String DISABLE_IDENTITY_ACCOUNT = "disableIdentityAccount";
        public static final String GOODBYE_WANTED = "goodbyeWanted";
        public static final String SEND_GOODBYE_EMAIL = "sendGoodbyeEmail";
        public static final String END_OFFBOARDED = "portalUserOffboarded";

        private OffboardingElements() {
        }
    }

    /** Values of {@link Variables#CONTACT_CHECK}. */
    public enum ContactCheck {
        /** A contact was created or an unlinked one reused: go on and invite. */
        READY,
        /** The email belongs to an active, linked contact. */
        ALREADY_ACTIVE,
        /** Another onboarding for this email is still running. */
        ALREADY_RUNNING
    }

    /** Values of {@link Variables#REVIEW_DECISION}. */
    public static final class ReviewDecision {
        public static final String RESEND = "resend";
        public static final String CLOSE = "close";
        /** Every decision, one per outgoing flow of the gateway after the review (ReviewDecisionCheck). */
        public static final List<String> ALL = List.of(RESEND, CLOSE);

        private ReviewDecision() {
        }
    }

    /**
     * The variables each user task's form submits, by element id; a completion with any other is refused
     * ({@code security.TaskFormFieldGuard}). Tasklist sends these only: it leaves out read-only fields and
     * those the form hides.
     */
    public static final Map<String, Set<String>> TASK_FORM_FIELDS = Map.of(Elements.REVIEW_EXPIRED_INVITATION,
            Set.of(Variables.REVIEW_DECISION, Variables.VALIDITY_DAYS, Variables.CLOSE_REASON));

    private OnboardingProcess() {
    }
}
