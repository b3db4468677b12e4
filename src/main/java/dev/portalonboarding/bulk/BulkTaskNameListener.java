package dev.portalonboarding.bulk;

import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.BULK_FILE_NAME;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_TOTAL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.STARTED_BY;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import dev.portalonboarding.onboarding.InputPolicy;

/**
 * Task listener (create) of "Review dry run" and "Review results" in bulk-onboarding.bpmn: the task's
 * name says which bulk it is, e.g. {@code Review dry run: "new-users.csv", 120 rows, from anna}, so two
 * bulks in Tasklist's list are told apart. The model keeps the plain name, which diagrams and history show.
 */
@Component
public class BulkTaskNameListener implements TaskListener {

    /** Code points of the quoted file name shown, so that the name fits the engine's 255 characters. */
    static final int FILE_NAME_SHOWN = 60;

    @Override
    public void notify(DelegateTask task) {
        task.setName(name(task.getName(), (String) task.getVariable(BULK_FILE_NAME),
                (Integer) task.getVariable(ROWS_TOTAL), (String) task.getVariable(STARTED_BY)));
    }

    /** The task's name with the bulk's file name (quoted, as staff's input is), row count and uploader. */
    static String name(String taskName, String fileName, int rows, String uploader) {
        String quoted = InputPolicy.quoted(fileName);
        String shown = quoted.codePointCount(0, quoted.length()) > FILE_NAME_SHOWN
                ? quoted.substring(0, quoted.offsetByCodePoints(0, FILE_NAME_SHOWN - 2)) + "…\"" : quoted;
        return taskName + ": " + shown + ", " + rows + (rows == 1 ? " row" : " rows")
                + ", from " + uploader;
    }
}
