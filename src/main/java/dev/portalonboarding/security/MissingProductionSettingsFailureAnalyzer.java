package dev.portalonboarding.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing production setting into a plain start-up message instead of a stack trace. */
public class MissingProductionSettingsFailureAnalyzer
        extends AbstractFailureAnalyzer<MissingProductionSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingProductionSettingsException cause) {
        return new FailureAnalysis(
                "The production profile is missing required settings:\n  - "
                        + String.join("\n  - ", cause.missing()),
                "Set these environment variables (see README, \"Production\"), or start without the '"
                        + ProductionSettingsCheck.PRODUCTION_PROFILE + "' profile for the embedded default.",
                cause);
    }
}
