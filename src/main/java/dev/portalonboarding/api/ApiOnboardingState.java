package dev.portalonboarding.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.portalonboarding.history.OnboardingOutcome;
import dev.portalonboarding.onboarding.OnboardingProcess.Elements;

/**
 * Where an onboarding stands, from its engine history: while it runs, by the activities it waits in;
 * once ended, by its outcome. (The staff view's OnboardingState replaces this once it is on main.)
 */
enum ApiOnboardingState {
    /** The invitation is being sent or waits for the invitee (reminders included). */
    INVITED(OnboardingOutcome.RUNNING, Elements.SEND_INVITATION_EMAIL, Elements.WAIT_FOR_REDEMPTION,
            Elements.ISSUE_INVITATION, Elements.CREATE_CONTACT),
    /** Expired, waiting for staff to resend or close. */
    AWAITING_REVIEW(OnboardingOutcome.RUNNING, Elements.REVIEW_EXPIRED_INVITATION),
    /** Accepted: the account is being linked and the contact activated. */
    COMPLETING(OnboardingOutcome.RUNNING, Elements.LINK_ACCOUNT, Elements.ACTIVATE_CONTACT, Elements.SEND_WELCOME_EMAIL),
    ONBOARDED(OnboardingOutcome.ONBOARDED),
    CLOSED(OnboardingOutcome.CLOSED),
    REVOKED(OnboardingOutcome.REVOKED),
    ALREADY_ACTIVE(OnboardingOutcome.ALREADY_ACTIVE),
    ALREADY_RUNNING(OnboardingOutcome.ALREADY_RUNNING),
    /** Deleted by an operator. */
    CANCELLED(OnboardingOutcome.CANCELLED);

    private final OnboardingOutcome outcome;
    private final List<String> activeActivityIds;

    ApiOnboardingState(OnboardingOutcome outcome, String... activeActivityIds) {
        this.outcome = outcome;
        this.activeActivityIds = List.of(activeActivityIds);
    }

    /** The outcome the engine history is queried by. */
    OnboardingOutcome outcome() {
        return outcome;
    }

    /** For a running state, the activities one of which it waits in; empty for an ended one. */
    List<String> activeActivityIds() {
        return activeActivityIds;
    }

    static ApiOnboardingState of(OnboardingOutcome outcome, Set<String> active) {
        if (outcome != OnboardingOutcome.RUNNING) {
            return Arrays.stream(values()).filter(state -> state.outcome == outcome).findFirst().orElseThrow();
        }
        for (ApiOnboardingState state : List.of(AWAITING_REVIEW, COMPLETING)) {
            if (state.activeActivityIds.stream().anyMatch(active::contains)) {
                return state;
            }
        }
        return INVITED;
    }

    /** The name in any case, with spaces, hyphens or underscores. */
    static Optional<ApiOnboardingState> parse(String value) {
        String name = value.strip().replace(' ', '_').replace('-', '_');
        return Arrays.stream(values()).filter(state -> state.name().equalsIgnoreCase(name)).findFirst();
    }
}
