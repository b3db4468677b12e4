package dev.portalonboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.support.OnboardingTestBase;

class IndexedJobAcquisitionTest extends OnboardingTestBase {

    @Autowired
    DataSource dataSource;

    @Test
    void theJobExecutorAcquiresDueJobsOldestFirstThroughIndexes() throws Exception {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        assertThat(configuration.isJobExecutorAcquireByDueDate()).isTrue();
        assertThat(jobIndexes()).contains(IndexedJobAcquisition.DUE_DATE_INDEX.toLowerCase(),
                IndexedJobAcquisition.LOCK_INDEX.toLowerCase());

        String email = uniqueEmail("acquisition");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));

        // Asynchronous continuations get a due date too, so the due-date index covers every job
        Job sendInvitation = job(OnboardingProcess.Elements.SEND_INVITATION_EMAIL, onboarding);
        assertThat(sendInvitation.getDuedate()).isNotNull();
    }

    private List<String> jobIndexes() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                ResultSet indexes = connection.getMetaData().getIndexInfo(null, null, "act_ru_job", false, false)) {
            while (indexes.next()) {
                names.add(indexes.getString("INDEX_NAME"));
            }
        }
        return names;
    }
}
