package dev.portalonboarding.history;

import java.util.List;
import java.util.Set;

/** The full story of one onboarding, and the activities that draw its path on the diagram. */
public record OnboardingTimeline(
        OnboardingSummary onboarding,
        String processDefinitionId,
        Set<String> passedActivityIds,
        Set<String> activeActivityIds,
        List<TimelineEntry> entries) {
}
