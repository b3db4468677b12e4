package dev.portalonboarding.history;

import java.time.Instant;

/**
 * One line of an onboarding's story, from the engine history (an activity, a staff operation), the
 * invitation audit trail or the contact's trail. {@code sentence} tells it in plain words, emails
 * masked (TimelineSentences); the other fields are the record as stored. Engine details (gateways,
 * internal steps, operations another entry already tells) are only listed on request.
 */
public record TimelineEntry(
        Instant at,
        Instant endedAt,
        Source source,
        String sentence,
        boolean engineDetail,
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
        INVITATION,
        /** An entry of the contact's own trail, such as its erasure: shown in each of its onboardings. */
        CONTACT
    }
}
