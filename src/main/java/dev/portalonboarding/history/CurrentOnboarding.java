package dev.portalonboarding.history;

import java.time.Instant;

/** An onboarding with where it stands now and the last thing that happened to it. */
public record CurrentOnboarding(OnboardingSummary onboarding, OnboardingState state, LastEvent lastEvent) {

    /**
     * The newest entry of the invitation trail as the timeline's sentence (emails masked, no IP address
     * or browser in it), or the end of the onboarding if that came later. The IP address and user agent
     * are set for a link opened or accepted; callers decide who may see them.
     */
    public record LastEvent(String what, Instant at, String actor, String ip, String userAgent) {
    }
}
