package dev.portalonboarding.bulk;

import static dev.portalonboarding.bulk.BulkOnboardingProcess.MAX_FILE_BYTES;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.BULK_FILE;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.VALIDITY_DAYS;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import dev.portalonboarding.bulk.BulkUploadController.DryRun;
import dev.portalonboarding.onboarding.Actor;
import dev.portalonboarding.onboarding.RejectedRequestException;

/**
 * A bulk onboarding driven from outside Tasklist, always as the caller (engine grants apply, the history
 * names them): the upload that scripts (HTTP Basic) and API clients send, and the API's dry-run decision.
 */
@Service
public class BulkUploads {

    /** Scripts send no file name; Cockpit offers the file under this one. */
    private static final String FILE_NAME = "bulk-onboarding.csv";

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final HistoryService history;
    private final IdentityService identity;

    BulkUploads(RuntimeService runtime, TaskService tasks, HistoryService history, IdentityService identity) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.history = history;
        this.identity = identity;
    }

    /**
     * Starts Bulk onboarding with the file as Tasklist's start form does; {@code validityDays} defaults and
     * is checked as in the form. The dry run's per-row results are at {@code rowsLink(bulkId)}.
     */
    public DryRun upload(Actor caller, InputStream csv, Integer validityDays, Function<String, URI> rowsLink)
            throws IOException {
        // One bounded read into the bytes the File variable keeps anyway; nothing decodes them into a String
        byte[] file = csv.readNBytes(MAX_FILE_BYTES + 1);
        if (file.length > MAX_FILE_BYTES) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "Bulk onboarding file refused: it is "
                    + "larger than " + MAX_FILE_BYTES + " bytes. Split it into several files.");
        }
        VariableMap variables = Variables.createVariables().putValue(BULK_FILE,
                Variables.fileValue(FILE_NAME).file(file).mimeType("text/csv").create());
        if (validityDays != null) {
            variables.putValue(VALIDITY_DAYS, validityDays);
        }
        ProcessInstanceWithVariables bulk = as(caller, () -> runtime
                .createProcessInstanceByKey(BulkOnboardingProcess.PROCESS_KEY)
                .setVariables(variables)
                .executeWithVariablesInReturn());
        return DryRun.of(bulk, rowsLink.apply(bulk.getId()));
    }

    /** Who started the bulk (its process instance id), if it exists and the caller may read its history. */
    public Optional<String> startedBy(Actor caller, String bulkId) {
        return as(caller, () -> Optional.ofNullable(history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(BulkOnboardingProcess.PROCESS_KEY)
                .processInstanceId(bulkId)
                .singleResult())
                .map(HistoricProcessInstance::getStartUserId));
    }

    /**
     * Completes the bulk's Review dry run with {@code decision} (start or cancel) as the caller, as staff do
     * in Tasklist; refused when the bulk waits for no such decision.
     */
    public void decide(Actor caller, String bulkId, String decision) {
        as(caller, () -> {
            Task review = tasks.createTaskQuery()
                    .processInstanceId(bulkId)
                    .taskDefinitionKey(BulkOnboardingProcess.Elements.REVIEW_DRY_RUN)
                    .singleResult();
            if (review == null) {
                throw new RejectedRequestException("This bulk onboarding waits for no dry-run decision: it was "
                        + "started or cancelled already.");
            }
            tasks.complete(review.getId(), Map.of(BulkOnboardingProcess.Variables.DECISION, decision));
            return null;
        });
    }

    private <T> T as(Actor caller, Supplier<T> work) {
        identity.setAuthentication(caller.userId(), caller.groupIds());
        try {
            return work.get();
        } finally {
            identity.clearAuthentication();
        }
    }
}
