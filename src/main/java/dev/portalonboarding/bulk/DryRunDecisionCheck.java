package dev.portalonboarding.bulk;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import dev.portalonboarding.bulk.BulkOnboardingProcess.Decision;
import dev.portalonboarding.bulk.BulkOnboardingProcess.Variables;
import dev.portalonboarding.onboarding.RejectedRequestException;

/**
 * On entering the gateway after "Review dry run": the decision must be one the gateway knows, or the
 * task's completion is refused (without this the engine fails with "no outgoing sequence flow"). An
 * execution listener, not a task listener: the engine wraps a task listener's exception, so the
 * refusal would no longer be a refusal.
 */
@Component
public class DryRunDecisionCheck implements ExecutionListener {

    private static final Set<String> DECISIONS = Set.of(Decision.START, Decision.CANCEL);

    @Override
    public void notify(DelegateExecution execution) {
        Object decision = execution.getVariable(Variables.DECISION);
        if (!(decision instanceof String text) || !DECISIONS.contains(text)) {
            throw new RejectedRequestException("Choose " + Decision.START + " or " + Decision.CANCEL
                    + " as " + Variables.DECISION + ".");
        }
    }
}
