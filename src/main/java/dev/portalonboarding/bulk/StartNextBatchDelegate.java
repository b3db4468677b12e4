package dev.portalonboarding.bulk;

import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.LOOP_COUNTER;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_LEFT;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.STARTERS;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.STARTER_ROWS_DONE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess.ContactCheck;

/**
 * BPMN task "Start next batch" (asynchronous, one job per batch) in bulk-onboarding.bpmn. Starts one
 * Portal user onboarding per pending row of this starter's share and records each result, all in the
 * job's transaction: after a crash the job runs again and finds only the rows not yet started.
 */
@Component
public class StartNextBatchDelegate implements JavaDelegate {

    private final BulkRowRepository rows;
    private final RuntimeService runtime;
    private final OnboardingProperties properties;

    public StartNextBatchDelegate(BulkRowRepository rows, RuntimeService runtime, OnboardingProperties properties) {
        this.rows = rows;
        this.runtime = runtime;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int batchSize = properties.bulk().batchSize();
        List<BulkRow> batch = rows.lockNextPending(execution.getProcessInstanceId(),
                (Integer) execution.getVariable(LOOP_COUNTER), (Integer) execution.getVariable(STARTERS), batchSize);
        String startedBy = (String) execution.getVariable(OnboardingProcess.Variables.STARTED_BY);
        Object validityDays = execution.getVariable(OnboardingProcess.Variables.VALIDITY_DAYS);

        List<BulkRow> results = new ArrayList<>(batch.size());
        for (BulkRow row : batch) {
            ProcessInstanceWithVariables onboarding = runtime.createProcessInstanceByKey(OnboardingProcess.PROCESS_KEY)
                    .setVariables(onboardingForm(row, startedBy, validityDays))
                    .executeWithVariablesInReturn();
            // The onboarding checks the contact again: it may have become active or busy since the dry run
            String check = onboarding.getVariables().getValue(OnboardingProcess.Variables.CONTACT_CHECK, String.class);
            results.add(ContactCheck.READY.name().equals(check)
                    ? row.withResult(BulkRowStatus.STARTED, null, onboarding.getId())
                    : row.withResult(BulkRowStatus.SKIPPED, onboarding.getVariables()
                            .getValue(OnboardingProcess.Variables.OUTCOME_REASON, String.class), onboarding.getId()));
        }
        rows.recordResults(results);

        Integer done = (Integer) execution.getVariableLocal(STARTER_ROWS_DONE);
        execution.setVariableLocal(STARTER_ROWS_DONE, (done == null ? 0 : done) + batch.size());
        // Transient: only the gateway right after this task reads it. A starter ends after a batch that
        // found nothing, so the job that completes it (and may collide with another starter) starts nothing.
        execution.setVariableLocal(ROWS_LEFT, Variables.booleanValue(!batch.isEmpty(), true));
    }

    /** The variables of a single onboarding's start form; roles as a comma-separated string, the lightest form. */
    private static Map<String, Object> onboardingForm(BulkRow row, String startedBy, Object validityDays) {
        Map<String, Object> form = new HashMap<>();
        form.put(OnboardingProcess.Variables.FIRST_NAME, row.firstName());
        form.put(OnboardingProcess.Variables.LAST_NAME, row.lastName());
        form.put(OnboardingProcess.Variables.EMAIL, row.email());
        form.put(OnboardingProcess.Variables.COMPANY, row.company());
        form.put(OnboardingProcess.Variables.LANGUAGE, row.language());
        form.put(OnboardingProcess.Variables.ROLES, row.roles().replace(';', ','));
        form.put(OnboardingProcess.Variables.VALIDITY_DAYS, validityDays);
        form.put(OnboardingProcess.Variables.STARTED_BY, startedBy);
        return form;
    }
}
