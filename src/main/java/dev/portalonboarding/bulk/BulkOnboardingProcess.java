package dev.portalonboarding.bulk;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names {@code processes/bulk-onboarding.bpmn}, its delegates, forms and tests share: process key,
 * element ids and process variables. Rows never become variables; they live in {@code onboarding.bulk_row}.
 */
public final class BulkOnboardingProcess {

    public static final String PROCESS_KEY = "bulk-onboarding";

    /** The largest file, about 100,000 rows: cam-max-filesize of the start form, and the scripts' upload limit. */
    public static final int MAX_FILE_BYTES = 15_000_000;

    /** Element ids in the bulk onboarding model. */
    public static final class Elements {
        public static final String START = "bulkOnboardingRequested";
        public static final String VALIDATE_ROWS = "validateRows";
        public static final String REVIEW_DRY_RUN = "reviewDryRun";
        public static final String CANCEL_ROWS = "cancelRows";
        public static final String END_CANCELLED = "bulkOnboardingCancelled";
        public static final String START_ONBOARDINGS = "startOnboardings";
        public static final String START_NEXT_BATCH = "startNextBatch";
        public static final String SUMMARISE_RESULTS = "summariseResults";
        public static final String REVIEW_RESULTS = "reviewResults";
        public static final String END_DONE = "bulkOnboardingDone";

        private Elements() {
        }
    }

    /** Process variables: the upload, counts and the decision; never one per row. */
    public static final class Variables {
        /** The uploaded CSV, a File variable from the start form. */
        public static final String BULK_FILE = "bulkFile";
        /** The uploaded file's name, set by Validate rows: the review tasks' names carry it (BulkTaskNameListener). */
        public static final String BULK_FILE_NAME = "bulkFileName";
        // validityDays and startedBy have the names of the single onboarding (OnboardingProcess.Variables)

        // Dry run, set by Validate rows
        public static final String ROWS_TOTAL = "rowsTotal";
        public static final String ROWS_VALID = "rowsValid";
        public static final String ROWS_INVALID = "rowsInvalid";
        public static final String ROWS_DUPLICATE = "rowsDuplicate";
        public static final String ROWS_ALREADY_ACTIVE = "rowsAlreadyActive";
        public static final String ROWS_ALREADY_RUNNING = "rowsAlreadyRunning";
        /** Path of the per-row CSV download (BulkReportController). */
        public static final String REPORT_PATH = "reportPath";
        /** How many batch jobs start rows side by side. */
        public static final String STARTERS = "starters";

        /** Form of Review dry run: {@link Decision}. */
        public static final String DECISION = "bulkDecision";

        /** Local to one starter: rows it has handled so far, the progress shown in Cockpit. */
        public static final String STARTER_ROWS_DONE = "rowsDone";
        /** Transient, read by the loop gateway after Start next batch. */
        public static final String ROWS_LEFT = "rowsLeft";
        /** Set by the multi-instance starters: the starter's index. */
        public static final String LOOP_COUNTER = "loopCounter";

        // Results, set by Summarise results
        public static final String ROWS_STARTED = "rowsStarted";
        public static final String ROWS_SKIPPED = "rowsSkipped";

        private Variables() {
        }
    }

    /** Values of {@link Variables#DECISION}. */
    public static final class Decision {
        public static final String START = "start";
        public static final String CANCEL = "cancel";
        /** Every decision, one per outgoing flow of the gateway after the dry run (DryRunDecisionCheck). */
        public static final List<String> ALL = List.of(START, CANCEL);

        private Decision() {
        }
    }

    /**
     * The variables each user task's form submits, by element id; a completion with any other is refused
     * ({@code security.TaskFormFieldGuard}). Review results has no field.
     */
    public static final Map<String, Set<String>> TASK_FORM_FIELDS = Map.of(
            Elements.REVIEW_DRY_RUN, Set.of(Variables.DECISION),
            Elements.REVIEW_RESULTS, Set.of());

    private BulkOnboardingProcess() {
    }
}
