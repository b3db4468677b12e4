package dev.portalonboarding.bulk;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN task "Cancel rows" in bulk-onboarding.bpmn: staff chose not to start; the report says so per row. */
@Component
public class CancelRowsDelegate implements JavaDelegate {

    private final BulkRowRepository rows;

    public CancelRowsDelegate(BulkRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void execute(DelegateExecution execution) {
        rows.cancelPending(execution.getProcessInstanceId());
    }
}
