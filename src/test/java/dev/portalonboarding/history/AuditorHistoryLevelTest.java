package dev.portalonboarding.history;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_CLOSED;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_ONBOARDED;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.EXPIRY_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.REVIEW_EXPIRED_INVITATION;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess.ReviewDecision;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.TestMailServer;

/**
 * The engine keeps what auditors read and no per-update variable details or job log of jobs that
 * went well (application.yml: history-level auditor).
 */
class AuditorHistoryLevelTest extends OnboardingTestBase {

    private static final String STAFF = "historylevelstaff";

    @Autowired
    JdbcClient jdbc;
    HistoryService history;

    @BeforeEach
    void staff() {
        user(STAFF, CamundaAccessSetup.STAFF_GROUP);
        history = processEngine.getHistoryService();
    }

    @AfterEach
    void smtpBack() {
        TestMailServer.start();
    }

    @Test
    void aRedeemedOnboardingStartedFromTheFormKeepsItsStoryWithoutDetailsOrJobLog() {
        String email = uniqueEmail("level-redeemed");
        ProcessInstance onboarding = asStaff(STAFF, () -> processEngine.getFormService()
                .submitStartForm(onboardingDefinition(), onboardingForm(email)));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        redeem(codeFromLatestMail(email), new VerifiedIdentity("https://idp.example.test/realms/portal",
                "subject-of-" + email, email, true, "Ada Lovelace"));
        execute(job(LINK_ACCOUNT, onboarding));
        execute(job(SEND_WELCOME_EMAIL, onboarding));
        assertThat(onboarding).isEnded().hasPassed(END_ONBOARDED);

        assertThat(rows("act_hi_detail", onboarding)).as("variable and form details").isZero();
        assertThat(rows("act_hi_job_log", onboarding)).as("job log of the emails, the link and the two timers").isZero();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(onboarding.getId()).list())
                .extracting(HistoricVariableInstance::getName)
                .as("the model's variables; the request's fields are in the contact record and its REQUESTED entry")
                .contains(Variables.CONTACT_ID, Variables.INVITATION_ID)
                .doesNotContainAnyElementsOf(Variables.REQUEST_FIELDS)
                .doesNotContain(Variables.IDENTITY_ISSUER, Variables.IDENTITY_SUBJECT, Variables.IDENTITY_EMAIL,
                        Variables.IDENTITY_NAME);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(onboarding.getId())
                .activityId(SEND_INVITATION_EMAIL).count()).isOne();
        assertThat(history.createUserOperationLogQuery().processInstanceId(onboarding.getId()).list())
                .extracting(entry -> entry.getOperationType() + " " + entry.getEntityType() + " by " + entry.getUserId())
                .contains(UserOperationLogEntry.OPERATION_TYPE_CREATE + " ProcessInstance by " + STAFF);
    }

    @Test
    void anExpiredOnboardingClosedByStaffKeepsItsTaskOperationsAndTheReviewsDecision() {
        String email = uniqueEmail("level-expired");
        ProcessInstance onboarding = asStaff(STAFF, () -> startOnboarding(onboardingForm(email)));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        execute(job(EXPIRY_TIMER, onboarding));
        assertThat(rows("act_hi_detail", onboarding)).as("details while the review is open").isZero();
        Task review = task(REVIEW_EXPIRED_INVITATION, onboarding);
        asStaff(STAFF, () -> {
            processEngine.getTaskService().claim(review.getId(), STAFF);
            processEngine.getTaskService().complete(review.getId(), Map.of(Variables.REVIEW_DECISION,
                    ReviewDecision.CLOSE, Variables.CLOSE_REASON, "No answer"));
            return null;
        });
        assertThat(onboarding).isEnded().hasPassed(END_CLOSED);

        assertThat(jdbc.sql("select name_ from act_hi_detail where proc_inst_id_ = :id order by name_")
                .param("id", onboarding.getId()).query(String.class).list())
                .as("the review's decision, which the timeline tells per review")
                .containsExactly(Variables.CLOSE_REASON, Variables.REVIEW_DECISION);
        assertThat(rows("act_hi_job_log", onboarding)).isZero();
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(onboarding.getId()).singleResult())
                .satisfies(task -> {
                    assertThat(task.getTaskDefinitionKey()).isEqualTo(REVIEW_EXPIRED_INVITATION);
                    assertThat(task.getAssignee()).isEqualTo(STAFF);
                    assertThat(task.getEndTime()).isNotNull();
                });
        assertThat(history.createUserOperationLogQuery().processInstanceId(onboarding.getId()).list())
                .extracting(UserOperationLogEntry::getOperationType)
                .contains(UserOperationLogEntry.OPERATION_TYPE_CLAIM, UserOperationLogEntry.OPERATION_TYPE_COMPLETE);
    }

    @Test
    void aFailedJobKeepsItsFailuresItsIncidentAndItsSuccessOnARetry() {
        String email = uniqueEmail("level-failed");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        String sendJob = job(SEND_INVITATION_EMAIL, onboarding).getId();
        TestMailServer.stop();
        assertThatThrownBy(() -> processEngine.getManagementService().executeJob(sendJob))
                .hasMessageContaining("Mail server connection failed");
        // The last attempt, as the 36th would be: an incident
        processEngine.getManagementService().setJobRetries(sendJob, 1);
        assertThatThrownBy(() -> processEngine.getManagementService().executeJob(sendJob))
                .hasMessageContaining("Mail server connection failed");
        assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(onboarding.getId()).count())
                .isOne();
        TestMailServer.start();
        // Cockpit's "Retry" on the incident
        processEngine.getManagementService().setJobRetries(sendJob, 1);
        processEngine.getManagementService().executeJob(sendJob);
        assertThat(onboarding).isWaitingAt(OnboardingProcess.Elements.WAIT_FOR_REDEMPTION);

        assertThat(history.createHistoricJobLogQuery().processInstanceId(onboarding.getId())
                .orderPartiallyByOccurrence().asc().list())
                .extracting(log -> (log.isFailureLog() ? "failed: " + log.getJobExceptionMessage() : "")
                        + (log.isSuccessLog() ? "succeeded" : "") + (log.isCreationLog() ? "created" : "")
                        + (log.isDeletionLog() ? "deleted" : ""))
                .satisfiesExactly(
                        failure -> assertThat(failure).startsWith("failed: ").contains("Mail server connection failed"),
                        failure -> assertThat(failure).startsWith("failed: ").contains("Mail server connection failed"),
                        success -> assertThat(success).isEqualTo("succeeded"));
        HistoricJobLog failure = history.createHistoricJobLogQuery().processInstanceId(onboarding.getId())
                .failureLog().orderPartiallyByOccurrence().desc().list().get(0);
        assertThat(history.getHistoricJobLogExceptionStacktrace(failure.getId())).contains("\tat ");
        assertThat(history.createHistoricIncidentQuery().processInstanceId(onboarding.getId()).singleResult())
                .satisfies(incident -> {
                    assertThat(incident.getActivityId()).isEqualTo(SEND_INVITATION_EMAIL);
                    assertThat(incident.isResolved()).isTrue();
                });
    }

    /** An engine that ran with full history before: the schema operations of its next start store auditor. */
    @Test
    void aDatabaseStoredWithFullHistoryStartsWithTheAuditorLevel() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine
                .getProcessEngineConfiguration();
        jdbc.sql("update act_ge_property set value_ = '3' where name_ = 'historyLevel'").update();

        configuration.getCommandExecutorSchemaOperations().execute(configuration.getSchemaOperationsCommand());
        configuration.getCommandExecutorSchemaOperations().execute(configuration.getHistoryLevelCommand());

        assertThat(jdbc.sql("select value_ from act_ge_property where name_ = 'historyLevel'").query(String.class)
                .single()).isEqualTo(Integer.toString(AuditorHistoryLevel.ID));
    }

    private long rows(String table, ProcessInstance onboarding) {
        String column = "act_hi_job_log".equals(table) ? "process_instance_id_" : "proc_inst_id_";
        return jdbc.sql("select count(*) from " + table + " where " + column + " = :id")
                .param("id", onboarding.getId()).query(Long.class).single();
    }

    private String onboardingDefinition() {
        return processEngine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(OnboardingProcess.PROCESS_KEY).latestVersion().singleResult().getId();
    }
}
