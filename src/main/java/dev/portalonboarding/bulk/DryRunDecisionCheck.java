package dev.portalonboarding.bulk;

import org.springframework.stereotype.Component;

import dev.portalonboarding.bulk.BulkOnboardingProcess.Decision;
import dev.portalonboarding.bulk.BulkOnboardingProcess.Variables;
import dev.portalonboarding.onboarding.DecisionCheck;

/** On entering the gateway after "Review dry run": start or cancel, nothing else. */
@Component
public class DryRunDecisionCheck extends DecisionCheck {

    DryRunDecisionCheck() {
        super(Variables.DECISION, Decision.ALL);
    }
}
