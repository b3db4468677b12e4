package dev.portalonboarding.bulk;

import static dev.portalonboarding.bulk.BulkOnboardingProcess.MAX_FILE_BYTES;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.BULK_FILE;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_ALREADY_ACTIVE;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_ALREADY_RUNNING;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_DUPLICATE;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_INVALID;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_TOTAL;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_VALID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.VALIDITY_DAYS;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.portalonboarding.EngineGroups;
import dev.portalonboarding.OnboardingProperties;

/**
 * The upload for scripts: {@code POST /bulk-onboardings} with the CSV file as the body, over HTTP Basic
 * as a member of onboarding-staff (WebSecurityConfiguration). It starts the same process with the same
 * File variable as Tasklist's start form; staff then review the dry run in Tasklist as usual. Errors:
 * BulkUploadErrors.
 */
@RestController
public class BulkUploadController {

    static final String PATH = "/bulk-onboardings";
    /** Scripts send no file name; Cockpit offers the file under this one. */
    private static final String FILE_NAME = "bulk-onboarding.csv";

    private final RuntimeService runtime;
    private final IdentityService identity;
    private final OnboardingProperties properties;

    public BulkUploadController(RuntimeService runtime, IdentityService identity, OnboardingProperties properties) {
        this.runtime = runtime;
        this.identity = identity;
        this.properties = properties;
    }

    /**
     * 201 with the dry run. Its per-row CSV is also the Location: the bulk onboarding has no other
     * representation here. {@code validityDays} defaults and is checked as in the start form.
     */
    @PostMapping(path = PATH, consumes = "text/csv")
    public ResponseEntity<DryRun> upload(InputStream csv, @RequestParam(required = false) Integer validityDays,
            Authentication caller) throws IOException {
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
        ProcessInstanceWithVariables bulk = startAs(caller, variables);
        URI rows = URI.create(properties.link(BulkReportController.path(bulk.getId())));
        return ResponseEntity.created(rows).body(DryRun.of(bulk, rows));
    }

    /** As the caller, like Tasklist: the engine checks the caller's grants and records the initiator (startedBy). */
    private ProcessInstanceWithVariables startAs(Authentication caller, VariableMap variables) {
        identity.setAuthentication(caller.getName(), EngineGroups.of(caller));
        try {
            return runtime.createProcessInstanceByKey(BulkOnboardingProcess.PROCESS_KEY)
                    .setVariables(variables)
                    .executeWithVariablesInReturn();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The bulk onboarding (its process instance id), the counts of its dry run and where staff read every row. */
    public record DryRun(String bulkId, int rowsTotal, int rowsValid, int rowsInvalid, int rowsDuplicate,
            int rowsAlreadyActive, int rowsAlreadyRunning, URI rowsCsv) {

        static DryRun of(ProcessInstanceWithVariables bulk, URI rowsCsv) {
            VariableMap counts = bulk.getVariables();
            return new DryRun(bulk.getId(), counts.getValue(ROWS_TOTAL, Integer.class),
                    counts.getValue(ROWS_VALID, Integer.class), counts.getValue(ROWS_INVALID, Integer.class),
                    counts.getValue(ROWS_DUPLICATE, Integer.class), counts.getValue(ROWS_ALREADY_ACTIVE, Integer.class),
                    counts.getValue(ROWS_ALREADY_RUNNING, Integer.class), rowsCsv);
        }
    }
}
