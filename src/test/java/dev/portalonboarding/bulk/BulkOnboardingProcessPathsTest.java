package dev.portalonboarding.bulk;

import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.DECISION;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.LOOP_COUNTER;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_LEFT;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_STARTED;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_VALID;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.STARTERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.portalonboarding.bulk.BulkOnboardingProcess.Decision;
import dev.portalonboarding.bulk.BulkOnboardingProcess.Elements;
import dev.portalonboarding.onboarding.RejectedRequestException;
import dev.portalonboarding.support.ProcessEngineTest;

/**
 * Every path of bulk-onboarding.bpmn on the engine alone: the delegates are mocks, the decision check
 * after the dry run is the real one. Rows, CSV and the onboardings started are BulkOnboardingTest's.
 */
@Deployment(resources = "processes/bulk/bulk-onboarding.bpmn")
class BulkOnboardingProcessPathsTest extends ProcessEngineTest {

    /** Batches of pending rows each of the two starters finds, by starter index (loopCounter). */
    private final Map<Integer, Integer> batchesLeft = new ConcurrentHashMap<>(Map.of(0, 2, 1, 1));

    private JavaDelegate cancelRows;
    private JavaDelegate startNextBatch;
    private JavaDelegate summariseResults;

    @BeforeEach
    void mockDelegates() {
        delegate("validateRowsDelegate", execution -> {
            execution.setVariable(ROWS_VALID, 3);
            execution.setVariable(STARTERS, 2);
        });
        bean("dryRunDecisionCheck", new DryRunDecisionCheck());
        bean("bulkTaskNameListener", mock(TaskListener.class));
        cancelRows = delegate("cancelRowsDelegate");
        startNextBatch = delegate("startNextBatchDelegate", execution -> {
            int left = batchesLeft.merge((Integer) execution.getVariable(LOOP_COUNTER), -1, Integer::sum);
            // As StartNextBatchDelegate: a batch that found no rows ends its starter
            execution.setVariableLocal(ROWS_LEFT, Variables.booleanValue(left >= 0, true));
        });
        summariseResults = delegate("summariseResultsDelegate", execution -> execution.setVariable(ROWS_STARTED, 3));
    }

    @Test
    void theDryRunWaitsForStaffToReview() throws Exception {
        ProcessInstance bulk = start();

        assertThat(bulk).hasPassed(Elements.VALIDATE_ROWS).isWaitingAt(Elements.REVIEW_DRY_RUN);
        assertThat(task(Elements.REVIEW_DRY_RUN, bulk)).hasCandidateGroup("onboarding-staff");
        verify(startNextBatch, never()).execute(any());
    }

    @Test
    void cancelAfterTheDryRunCancelsTheRowsAndStartsNothing() throws Exception {
        ProcessInstance bulk = start();

        complete(task(Elements.REVIEW_DRY_RUN, bulk), withVariables(DECISION, Decision.CANCEL));

        assertThat(bulk).hasPassed(Elements.CANCEL_ROWS, Elements.END_CANCELLED).isEnded();
        verify(cancelRows).execute(any());
        verify(startNextBatch, never()).execute(any());
    }

    @Test
    void aDryRunWithoutAKnownDecisionIsRefusedAndTheTaskStays() {
        ProcessInstance bulk = start();

        assertThatThrownBy(() -> complete(task(Elements.REVIEW_DRY_RUN, bulk), withVariables(DECISION, "maybe")))
                .isInstanceOf(RejectedRequestException.class);

        assertThat(bulk).isWaitingAt(Elements.REVIEW_DRY_RUN);
    }

    @Test
    void startRunsEachStarterBatchByBatchUntilItFindsNoRowsThenSummarises() throws Exception {
        ProcessInstance bulk = start();
        complete(task(Elements.REVIEW_DRY_RUN, bulk), withVariables(DECISION, Decision.START));

        assertThat(batchJobs(bulk)).as("one job per starter").hasSize(2);
        int batches = 0;
        for (List<Job> jobs = batchJobs(bulk); !jobs.isEmpty(); jobs = batchJobs(bulk)) {
            jobs.forEach(job -> execute(job));
            batches += jobs.size();
        }

        // Starter 0: two batches and an empty one; starter 1: one batch and an empty one
        assertThat(batches).isEqualTo(5);
        verify(startNextBatch, times(5)).execute(any());
        verify(summariseResults).execute(any());
        assertThat(bulk).hasPassed(Elements.START_ONBOARDINGS, Elements.SUMMARISE_RESULTS)
                .isWaitingAt(Elements.REVIEW_RESULTS).variables().containsEntry(ROWS_STARTED, 3)
                .doesNotContainKey(ROWS_LEFT);
    }

    @Test
    void completingTheResultsReviewEndsTheBulkOnboarding() {
        ProcessInstance bulk = start();
        complete(task(Elements.REVIEW_DRY_RUN, bulk), withVariables(DECISION, Decision.START));
        for (List<Job> jobs = batchJobs(bulk); !jobs.isEmpty(); jobs = batchJobs(bulk)) {
            jobs.forEach(job -> execute(job));
        }

        complete(task(Elements.REVIEW_RESULTS, bulk));

        assertThat(bulk).hasPassed(Elements.END_DONE).isEnded();
    }

    private static ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey(BulkOnboardingProcess.PROCESS_KEY);
    }

    private static List<Job> batchJobs(ProcessInstance bulk) {
        return managementService().createJobQuery().processInstanceId(bulk.getId())
                .activityId(Elements.START_NEXT_BATCH).list();
    }
}
