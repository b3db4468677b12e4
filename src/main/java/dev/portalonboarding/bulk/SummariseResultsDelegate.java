package dev.portalonboarding.bulk;

import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_SKIPPED;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_STARTED;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task "Summarise results" in bulk-onboarding.bpmn: the final counts, for the results task and auditors. */
@Component
public class SummariseResultsDelegate implements JavaDelegate {

    private final BulkRowRepository rows;

    public SummariseResultsDelegate(BulkRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Map<BulkRowStatus, Integer> counts = rows.countByStatus(execution.getProcessInstanceId());
        execution.setVariable(ROWS_STARTED, counts.get(BulkRowStatus.STARTED));
        execution.setVariable(ROWS_SKIPPED, counts.get(BulkRowStatus.SKIPPED));
    }
}
