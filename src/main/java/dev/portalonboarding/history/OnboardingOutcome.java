package dev.portalonboarding.history;

import java.util.Arrays;
import java.util.Optional;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;

import dev.portalonboarding.onboarding.OnboardingProcess.Elements;

/** How an onboarding ended, read from the end event it reached; RUNNING while it has not ended. */
public enum OnboardingOutcome {
    ONBOARDED(Elements.END_ONBOARDED),
    CLOSED(Elements.END_CLOSED),
    REVOKED(Elements.END_REVOKED),
    ALREADY_ACTIVE(Elements.END_ALREADY_ACTIVE),
    ALREADY_RUNNING(Elements.END_ALREADY_RUNNING),
    RUNNING(null),
    /** Ended without reaching an end event: deleted by an operator in Cockpit. */
    CANCELLED(null);

    private final String endEventId;

    OnboardingOutcome(String endEventId) {
        this.endEventId = endEventId;
    }

    static OnboardingOutcome of(HistoricProcessInstance onboarding) {
        if (onboarding.getEndTime() == null) {
            return RUNNING;
        }
        return Arrays.stream(values())
                .filter(outcome -> outcome.endEventId != null && outcome.endEventId.equals(onboarding.getEndActivityId()))
                .findFirst()
                .orElse(CANCELLED);
    }

    /** Accepts the name in any case, with spaces or underscores: "already active", "ALREADY_ACTIVE". */
    static Optional<OnboardingOutcome> parse(String value) {
        String name = value.strip().replace(' ', '_');
        return Arrays.stream(values()).filter(outcome -> outcome.name().equalsIgnoreCase(name)).findFirst();
    }

    void restrict(HistoricProcessInstanceQuery query) {
        switch (this) {
            case RUNNING -> query.unfinished();
            case CANCELLED -> query.finished().externallyTerminated();
            default -> query.finished().executedActivityIdIn(endEventId);
        }
    }
}
