package dev.portalonboarding.staffview;

import java.time.Instant;
import java.util.List;

/** One line of the staff view: whom the onboarding invites, where it stands, and what staff can do now. */
public record StaffOnboarding(
        String processInstanceId,
        String email,
        String firstName,
        String lastName,
        String company,
        String startedBy,
        Instant startedAt,
        Instant endedAt,
        String state,
        String stateWords,
        String outcomeReason,
        LastEvent lastEvent,
        List<Action> actions,
        /** The review task of an expired invitation, for the link into Tasklist. */
        String reviewTaskId) {

    /** IP address and user agent only when {@code onboarding.staff-view.show-client-details} is on. */
    public record LastEvent(String what, Instant at, String actor, String ip, String userAgent) {
    }

    public enum Action {
        /** Start resend-invitation: a new code and email now, the old link dead. */
        RESEND,
        /** Start revoke-invitation: the codes die and the onboarding ends. */
        REVOKE,
        /** Open the review task of the expired invitation in Tasklist. */
        REVIEW
    }
}
