package dev.portalonboarding.history;

import java.time.Instant;

/** One onboarding as auditors list it: whom it invited, who started it, and how it ended. */
public record OnboardingSummary(
        String processInstanceId,
        String email,
        String firstName,
        String lastName,
        String company,
        String startedBy,
        Instant startedAt,
        Instant endedAt,
        OnboardingOutcome outcome,
        String outcomeReason) {
}
