package dev.portalonboarding.bulk;

import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.BULK_FILE;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.BULK_FILE_NAME;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.REPORT_PATH;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_ALREADY_ACTIVE;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_ALREADY_RUNNING;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_DUPLICATE;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_INVALID;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_TOTAL;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_VALID;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.STARTERS;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.VALIDITY_DAYS;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.onboarding.OnboardingRequestValidator;
import dev.portalonboarding.onboarding.RejectedRequestException;
import dev.portalonboarding.onboarding.StartVariables;

/**
 * BPMN task "Validate rows" in bulk-onboarding.bpmn. Runs in the start's transaction, so a refused
 * file leaves no process instance and no rows behind, and Tasklist shows why.
 */
@Component
public class ValidateRowsDelegate implements JavaDelegate {

    private final BulkRowValidation validation;
    private final OnboardingRequestValidator validator;
    private final OnboardingProperties properties;

    public ValidateRowsDelegate(BulkRowValidation validation, OnboardingRequestValidator validator,
            OnboardingProperties properties) {
        this.validation = validation;
        this.validator = validator;
        this.properties = properties;
    }

    /** The fields of processes/bulk/bulk-onboarding-start.html (and of the scripts' upload). */
    static final Set<String> START_FORM_FIELDS = Set.of(BULK_FILE, VALIDITY_DAYS);

    @Override
    public void execute(DelegateExecution execution) {
        StartVariables start = StartVariables.of(execution, START_FORM_FIELDS);
        if (!start.problems().isEmpty()) {
            throw new RejectedRequestException("Invalid bulk onboarding request: " + String.join("; ", start.problems()));
        }
        int validityDays = validator.validValidityDays(execution);
        TypedValue sent = execution.getVariableTyped(BULK_FILE, false);
        // Tasklist's form sends a File with no name when no file was chosen; the engine API can send any type
        if (!(sent instanceof FileValue file) || sent.getType() != ValueType.FILE || file.getFilename() == null
                || file.getFilename().isEmpty()) {
            throw new RejectedRequestException("Bulk onboarding file refused: choose a CSV file to upload.");
        }
        String bulkId = execution.getProcessInstanceId();
        Map<BulkVerdict, Integer> counts;
        InputStream content = file.getValue(); // null for a file of zero bytes
        try (InputStream csv = content == null ? new ByteArrayInputStream(new byte[0]) : content) {
            counts = validation.validate(bulkId, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        execution.setVariable(VALIDITY_DAYS, validityDays);
        execution.setVariable(BULK_FILE_NAME, file.getFilename());
        execution.setVariable(ROWS_TOTAL, counts.values().stream().mapToInt(Integer::intValue).sum());
        execution.setVariable(ROWS_VALID, counts.get(BulkVerdict.VALID));
        execution.setVariable(ROWS_INVALID, counts.get(BulkVerdict.INVALID));
        execution.setVariable(ROWS_DUPLICATE, counts.get(BulkVerdict.DUPLICATE));
        execution.setVariable(ROWS_ALREADY_ACTIVE, counts.get(BulkVerdict.ALREADY_ACTIVE));
        execution.setVariable(ROWS_ALREADY_RUNNING, counts.get(BulkVerdict.ALREADY_RUNNING));
        execution.setVariable(REPORT_PATH, BulkReportController.path(bulkId));
        execution.setVariable(STARTERS, properties.bulk().starters());
    }
}
