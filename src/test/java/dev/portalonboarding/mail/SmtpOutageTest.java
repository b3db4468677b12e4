package dev.portalonboarding.mail;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.WAIT_FOR_REDEMPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.invitation.InvitationStatus;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.TestMailServer;

/**
 * With SMTP down, sending retries every 2 minutes, one log line per attempt, then raises an incident
 * with the failure's detail; once SMTP is back every email goes out once.
 */
@ExtendWith(OutputCaptureExtension.class)
class SmtpOutageTest extends OnboardingTestBase {

    private static final Duration RETRY_INTERVAL = Duration.ofMinutes(2);

    @Autowired
    ManagementService management;
    @Autowired
    InvitationRepository invitations;

    @AfterEach
    void smtpBack() {
        TestMailServer.start();
    }

    @Test
    void sendingRetriesThenRaisesAnIncidentAndCompletesWhenSmtpIsBack(CapturedOutput output) {
        List<String> emails = List.of(uniqueEmail("outage-a"), uniqueEmail("outage-b"), uniqueEmail("outage-c"));
        List<ProcessInstance> onboardings = emails.stream().map(email -> startOnboarding(onboardingForm(email))).toList();

        TestMailServer.stop();
        for (ProcessInstance onboarding : onboardings) {
            String sendJob = job(SEND_INVITATION_EMAIL, onboarding).getId();
            int attempts = 0;
            while (retriesLeft(sendJob) > 0) {
                int logBefore = output.getOut().length();
                Instant failedFrom = Instant.now();
                assertThatThrownBy(() -> management.executeJob(sendJob)).hasMessageContaining("Mail server connection failed");
                Instant failedBy = Instant.now();
                attempts++;

                List<String> attemptLog = output.getOut().substring(logBefore).lines().toList();
                assertThat(attemptLog).as("the log of attempt " + attempts).filteredOn(line -> line.contains(sendJob))
                        .singleElement().asString().contains("Mail server connection failed");
                assertThat(attemptLog).as("no stack trace").noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by"));
                if (retriesLeft(sendJob) > 0) {
                    // The next attempt is due 2 minutes after this one
                    assertThat(dueDate(sendJob)).isBetween(failedFrom.plus(RETRY_INTERVAL).minusSeconds(1),
                            failedBy.plus(RETRY_INTERVAL).plusSeconds(1));
                } else {
                    assertThat(attemptLog).anyMatch(line -> line.contains(sendJob) && line.contains("incident"));
                }
            }
            assertThat(attempts).as("attempts before the incident: 70 minutes of them").isEqualTo(36);
            assertThat(management.getJobExceptionStacktrace(sendJob)).as("the incident keeps the detail")
                    .contains("Mail server connection failed", "\tat ");
            Incident incident = processEngine.getRuntimeService().createIncidentQuery()
                    .processInstanceId(onboarding.getId()).singleResult();
            assertThat(incident.getActivityId()).isEqualTo(SEND_INVITATION_EMAIL);
            assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
            // Nothing of the failed attempts stayed behind
            assertThat(invitations.findById(invitationId(onboarding)).orElseThrow().status()).isEqualTo(InvitationStatus.NEW);
            assertThat(onboarding).isWaitingAt(SEND_INVITATION_EMAIL);
        }

        TestMailServer.start();
        for (ProcessInstance onboarding : onboardings) {
            // What staff do in Cockpit: "Retry" on the incident
            String jobId = job(SEND_INVITATION_EMAIL, onboarding).getId();
            management.setJobRetries(jobId, 1);
            management.executeJob(jobId);
            assertThat(onboarding).isWaitingAt(WAIT_FOR_REDEMPTION);
        }

        for (String email : emails) {
            assertThat(mailsTo(email)).as("emails to " + email).hasSize(1);
        }
        assertThat(onboardings).allSatisfy(onboarding -> assertThat(processEngine.getRuntimeService()
                .createIncidentQuery().processInstanceId(onboarding.getId()).count()).isZero());
    }

    private int retriesLeft(String jobId) {
        return management.createJobQuery().jobId(jobId).singleResult().getRetries();
    }

    private Instant dueDate(String jobId) {
        return management.createJobQuery().jobId(jobId).singleResult().getDuedate().toInstant();
    }

    private UUID invitationId(ProcessInstance onboarding) {
        return UUID.fromString((String) processEngine.getRuntimeService()
                .getVariable(onboarding.getId(), Variables.INVITATION_ID));
    }
}
