package dev.portalonboarding.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.portalonboarding.history.CurrentOnboarding;
import dev.portalonboarding.history.OnboardingState;
import dev.portalonboarding.history.OnboardingSummary;
import dev.portalonboarding.history.TimelineEntry;
import dev.portalonboarding.invitation.Invitation;

/** The API's JSON answers; every time is an ISO-8601 instant in UTC. */
final class ApiViews {

    private static final String STATE = "Where it stands, as the staff view names it.";
    private static final String STATE_WORDS = "The state in the staff view's plain words, e.g. \"invitation sent\".";

    @Schema(name = "OnboardingStarted", description = "201: the onboarding started and its invitation is on its way.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Started(String id,
            @Schema(description = STATE + " Absent if the client may not read the history.") OnboardingState state,
            @Schema(description = STATE_WORDS) String stateWords, String contactId, URI self) {

        static Started of(String id, Optional<OnboardingState> state, String contactId, URI self) {
            return new Started(id, state.orElse(null), state.map(OnboardingState::words).orElse(null), contactId, self);
        }
    }

    @Schema(name = "Onboarding")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OnboardingView(String id, @Schema(description = STATE) OnboardingState state,
            @Schema(description = STATE_WORDS) String stateWords, String email, String firstName, String lastName,
            String company, String startedBy, Instant startedAt, Instant endedAt,
            @Schema(description = "Why it ended without an invitation (already active, already running).")
            String outcomeReason,
            InvitationView invitation,
            @Schema(description = "Engine activities and operations, the invitation and contact trails, oldest first.")
            List<TimelineView> timeline) {

        static OnboardingView of(OnboardingSummary summary, OnboardingState state, InvitationView invitation,
                List<TimelineView> timeline) {
            return new OnboardingView(summary.processInstanceId(), state, state.words(), summary.email(),
                    summary.firstName(), summary.lastName(), summary.company(), summary.startedBy(), summary.startedAt(), summary.endedAt(),
                    summary.outcomeReason(), invitation, timeline);
        }
    }

    @Schema(name = "OnboardingListItem")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListItem(String id, @Schema(description = STATE) OnboardingState state,
            @Schema(description = STATE_WORDS) String stateWords, String email, String firstName, String lastName,
            String company, String startedBy, Instant startedAt, Instant endedAt, URI self) {

        static ListItem of(CurrentOnboarding current, URI self) {
            OnboardingSummary summary = current.onboarding();
            return new ListItem(summary.processInstanceId(), current.state(), current.state().words(),
                    summary.email(), summary.firstName(), summary.lastName(), summary.company(), summary.startedBy(), summary.startedAt(), summary.endedAt(),
                    self);
        }
    }

    @Schema(name = "OnboardingList", description = "Oldest first; new onboardings are added at the end.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OnboardingList(List<ListItem> items,
            @Schema(description = "Pass as cursor for the next page; absent on the last page.") String nextCursor) {
    }

    @Schema(name = "Invitation", description = "The onboarding's newest invitation.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InvitationView(String status, Instant expiresAt, Instant sentAt, Instant remindedAt, Instant redeemedAt,
            Instant expiredAt, Instant revokedAt) {

        static InvitationView of(Invitation invitation) {
            return new InvitationView(invitation.status().name(), invitation.expiresAt(), invitation.sentAt(),
                    invitation.remindedAt(), invitation.redeemedAt(), invitation.expiredAt(), invitation.revokedAt());
        }
    }

    @Schema(name = "TimelineEntry")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TimelineView(Instant at, Instant endedAt, TimelineEntry.Source source,
            @Schema(description = "What happened, as the auditors' view says it.") String sentence,
            @Schema(description = "A step of the engine's own (gateway, internal step) rather than of the story.")
            boolean engineDetail,
            String what, String actor, String detail,
            @Schema(description = "Only with the scope onboarding.audit.") String ip,
            @Schema(description = "Only with the scope onboarding.audit.") String userAgent) {

        static TimelineView of(TimelineEntry entry, boolean audit) {
            return new TimelineView(entry.at(), entry.endedAt(), entry.source(), entry.sentence(), entry.engineDetail(),
                    entry.what(), entry.actor(), entry.detail(), audit ? entry.ip() : null,
                    audit ? entry.userAgent() : null);
        }
    }

    @Schema(name = "Reason", description = "Why: kept in the history and shown to auditors.")
    record ReasonBody(@Schema(maxLength = 500, example = "Left the company", requiredMode = Schema.RequiredMode.REQUIRED)
            String reason) {
    }

    @Schema(name = "Offboard", description = "Why: kept in the history and shown to auditors; and whether the user "
            + "gets a goodbye email once the identity account is disabled.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OffboardBody(@Schema(maxLength = 500, example = "Left the company", requiredMode = Schema.RequiredMode.REQUIRED)
            String reason,
            @Schema(description = "The offboard form's checkbox Send goodbye email; false when absent.", example = "true")
            Boolean sendGoodbyeEmail) {
    }

    @Schema(name = "ActionStarted", description = "The action's process started, as the client.")
    record ActionStarted(String onboardingId, String action, String processInstanceId) {
    }

    private ApiViews() {
    }
}
