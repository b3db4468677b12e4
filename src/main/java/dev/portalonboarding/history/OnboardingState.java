package dev.portalonboarding.history;

import java.util.Arrays;
import java.util.Optional;

import dev.portalonboarding.invitation.InvitationStatus;

/**
 * Where an onboarding stands now, in the words staff use. A running onboarding's state is its newest
 * invitation's (its status, and whether its link was opened); a finished one's is its end event. The
 * search by state asks the engine for the same thing: where the process waits (see OnboardingStates).
 */
public enum OnboardingState {
    /** Running; the newest invitation is recorded, its email not yet sent (an SMTP outage keeps it here). */
    SENDING("invitation being sent"),
    /** Running; the email went out and nobody has opened its link. */
    SENT("invitation sent"),
    /** Running; the link was opened (by the invitee, or a mail scanner), not yet accepted. */
    OPENED("invitation opened"),
    /** Running; the invitee accepted and signed up: the account is being linked and welcomed. */
    ACCEPTED("accepted"),
    ONBOARDED("onboarded"),
    /** Running; the invitation expired and the review task waits for staff to resend or close. */
    EXPIRED("expired, waiting for review"),
    REVOKED("revoked"),
    /** Staff closed it after expiry. */
    CLOSED("closed"),
    /** Ended without an invitation: the contact was already active, or another onboarding ran. */
    NOT_INVITED("not invited"),
    /** Ended without reaching an end event: deleted by an operator. */
    CANCELLED("cancelled");

    private final String words;

    OnboardingState(String words) {
        this.words = words;
    }

    /** The state in plain words, as the staff view shows it. */
    public String words() {
        return words;
    }

    /** The state of an onboarding from how it ended, or, while it runs, from its newest invitation. */
    static OnboardingState of(OnboardingOutcome outcome, InvitationStatus newestInvitation, boolean opened) {
        return switch (outcome) {
            case ONBOARDED -> ONBOARDED;
            case CLOSED -> CLOSED;
            case REVOKED -> REVOKED;
            case ALREADY_ACTIVE, ALREADY_RUNNING -> NOT_INVITED;
            case CANCELLED -> CANCELLED;
            case RUNNING -> newestInvitation == null ? SENDING : switch (newestInvitation) {
                case NEW -> SENDING;
                case SENT -> opened ? OPENED : SENT;
                case REDEEMED -> ACCEPTED;
                case EXPIRED -> EXPIRED;
                case REVOKED -> REVOKED;
            };
        };
    }

    /** Accepts the name or the words, in any case: "NOT_INVITED", "not invited", "invitation sent". */
    public static Optional<OnboardingState> parse(String value) {
        String name = value.strip().replace(' ', '_');
        return Arrays.stream(values())
                .filter(state -> state.name().equalsIgnoreCase(name) || state.words.equalsIgnoreCase(value.strip()))
                .findFirst();
    }
}
