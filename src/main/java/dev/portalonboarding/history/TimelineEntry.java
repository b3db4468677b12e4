package dev.portalonboarding.history;

import java.time.Instant;

/**
 * One line of an onboarding's story, from the engine history (an activity, a staff operation) or
 * from the invitation audit trail.
 */
public record TimelineEntry(
        Instant at,
        Instant endedAt,
        Source source,
        String what,
        String actor,
        String detail,
        String ip,
        String userAgent) {

    public enum Source {
        /** An activity the process passed through, with its assignee for user tasks. */
        ACTIVITY,
        /** Something a person did through the engine: started, completed a task, deleted. */
        OPERATION,
        /** An entry of the invitation audit trail: sent, opened, mismatch, redeemed, ... */
        INVITATION
    }
}
