package dev.portalonboarding.onboarding;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * On entering the gateway after a user task's decision: the decision must be one the gateway knows, or
 * the task's completion is refused (without this the engine fails with "no outgoing sequence flow", or
 * "Unknown property" when the decision is missing). An execution listener on the gateway, not a task
 * listener: the engine wraps a task listener's exception, so the refusal would no longer be a refusal.
 */
public class DecisionCheck implements ExecutionListener {

    private final String variable;
    private final List<String> decisions;

    /** Checks {@code variable} to be one of {@code decisions}, the values of the gateway's conditions. */
    protected DecisionCheck(String variable, List<String> decisions) {
        this.variable = variable;
        this.decisions = List.copyOf(decisions);
    }

    @Override
    public void notify(DelegateExecution execution) {
        Object decision = execution.getVariable(variable);
        if (!(decision instanceof String text) || !decisions.contains(text)) {
            throw new RejectedRequestException("Choose " + String.join(" or ", decisions) + " as " + variable + ".",
                    "Wählen Sie " + String.join(" oder ", decisions) + " als " + variable + ".");
        }
    }
}
