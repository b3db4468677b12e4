package dev.portalonboarding.bulk;

import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_ALREADY_ACTIVE;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_ALREADY_RUNNING;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_DUPLICATE;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_INVALID;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_TOTAL;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_VALID;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.portalonboarding.EngineGroups;
import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.onboarding.Actor;

/**
 * The upload for scripts: {@code POST /bulk-onboardings} with the CSV file as the body, over HTTP Basic
 * as a member of onboarding-staff (WebSecurityConfiguration). It starts the same process with the same
 * File variable as Tasklist's start form (BulkUploads); staff then review the dry run in Tasklist as
 * usual. Errors: BulkUploadErrors.
 */
@RestController
public class BulkUploadController {

    static final String PATH = "/bulk-onboardings";

    private final BulkUploads uploads;
    private final OnboardingProperties properties;

    public BulkUploadController(BulkUploads uploads, OnboardingProperties properties) {
        this.uploads = uploads;
        this.properties = properties;
    }

    /**
     * 201 with the dry run. Its per-row CSV is also the Location: the bulk onboarding has no other
     * representation here. {@code validityDays} defaults and is checked as in the start form.
     */
    @PostMapping(path = PATH, consumes = "text/csv")
    public ResponseEntity<DryRun> upload(InputStream csv, @RequestParam(required = false) Integer validityDays,
            Authentication caller) throws IOException {
        DryRun dryRun = uploads.upload(new Actor(caller.getName(), EngineGroups.of(caller)), csv, validityDays,
                bulkId -> URI.create(properties.link(BulkReportController.path(bulkId))));
        return ResponseEntity.created(dryRun.rowsCsv()).body(dryRun);
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
