package dev.portalonboarding.portal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.portalonboarding.OnboardingProperties;

/**
 * Slows down guessing of invitation codes: a client whose lookups of unknown codes exceed the limit
 * within the window gets 429 until the window ends. Counted per node: a guesser spread over nodes
 * meets each node's limit, which is enough against 256-bit codes and needs nothing shared.
 */
@Component
public class InvitationGuessLimiter {

    /** Bounds the memory a flood of distinct clients can take; stale windows are dropped first. */
    private static final int MAX_TRACKED_CLIENTS = 50_000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final OnboardingProperties.Invitation.GuessLimit limit;
    private final Clock clock;

    public InvitationGuessLimiter(OnboardingProperties properties, Clock clock) {
        this.limit = properties.invitation().guessLimit();
        this.clock = clock;
    }

    public boolean isBlocked(String client) {
        Window window = windows.get(client);
        return window != null && window.isCurrent(clock.instant()) && window.failures() >= limit.maxFailures();
    }

    public void recordFailure(String client) {
        Instant now = clock.instant();
        if (windows.size() >= MAX_TRACKED_CLIENTS) {
            windows.values().removeIf(window -> !window.isCurrent(now));
        }
        windows.compute(client, (key, window) -> window == null || !window.isCurrent(now)
                ? new Window(now.plus(limit.window()), 1)
                : new Window(window.endsAt(), window.failures() + 1));
    }

    private record Window(Instant endsAt, int failures) {
        boolean isCurrent(Instant now) {
            return now.isBefore(endsAt);
        }
    }
}
