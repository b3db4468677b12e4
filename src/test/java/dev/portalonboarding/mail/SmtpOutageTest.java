package dev.portalonboarding.mail;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.WAIT_FOR_REDEMPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.invitation.InvitationStatus;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.TestMailServer;

/** With SMTP down, sending retries, then raises an incident; once SMTP is back every email goes out once. */
class SmtpOutageTest extends OnboardingTestBase {

    @Autowired
    ManagementService management;
    @Autowired
    InvitationRepository invitations;

    @AfterEach
    void smtpBack() {
        TestMailServer.start();
    }

    @Test
    void sendingRetriesThenRaisesAnIncidentAndCompletesWhenSmtpIsBack() {
        List<String> emails = List.of(uniqueEmail("outage-a"), uniqueEmail("outage-b"), uniqueEmail("outage-c"));
        List<ProcessInstance> onboardings = emails.stream().map(email -> startOnboarding(onboardingForm(email))).toList();

        TestMailServer.stop();
        for (ProcessInstance onboarding : onboardings) {
            Job sendJob = job(SEND_INVITATION_EMAIL, onboarding);
            int attempts = 0;
            while (management.createJobQuery().jobId(sendJob.getId()).singleResult().getRetries() > 0) {
                assertThatThrownBy(() -> management.executeJob(sendJob.getId())).hasMessageContaining("Mail server connection failed");
                attempts++;
            }
            assertThat(attempts).as("attempts before the incident").isGreaterThan(1);
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

    private UUID invitationId(ProcessInstance onboarding) {
        return UUID.fromString((String) processEngine.getRuntimeService()
                .getVariable(onboarding.getId(), Variables.INVITATION_ID));
    }
}
