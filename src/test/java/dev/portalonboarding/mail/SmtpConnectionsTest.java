package dev.portalonboarding.mail;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.WAIT_FOR_REDEMPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.TestMailServer;

/**
 * Emails go over SMTP connections kept open: several emails, one connection. A connection the server
 * closed is replaced on the next send; one whose email failed is dropped, and the job's retry sends the
 * email once, over another connection.
 */
class SmtpConnectionsTest extends OnboardingTestBase {

    @Autowired
    ManagementService management;

    @AfterEach
    void smtpBack() {
        TestMailServer.start();
    }

    @Test
    void severalEmailsGoOverOneConnection() {
        List<String> emails = List.of(uniqueEmail("pooled-a"), uniqueEmail("pooled-b"), uniqueEmail("pooled-c"));

        emails.forEach(this::sendInvitationTo);

        List<String> connections = emails.stream().flatMap(email -> TestMailServer.connectionsTo(email).stream()).toList();
        assertThat(connections).hasSize(3).containsOnly(connections.get(0));
    }

    @Test
    void aConnectionTheServerClosedIsReplacedOnTheNextSend() {
        String first = uniqueEmail("before-restart");
        sendInvitationTo(first);

        TestMailServer.stop();
        TestMailServer.start();
        String second = uniqueEmail("after-restart");
        ProcessInstance onboarding = sendInvitationTo(second);

        assertThat(onboarding).isWaitingAt(WAIT_FOR_REDEMPTION);
        assertThat(mailsTo(second)).hasSize(1);
        assertThat(TestMailServer.connectionsTo(second)).doesNotContainAnyElementsOf(TestMailServer.connectionsTo(first));
    }

    @Test
    void aFailedSendDropsItsConnectionAndTheRetrySendsTheEmailOnce() {
        String warmUp = uniqueEmail("before-rejection");
        sendInvitationTo(warmUp);
        String email = uniqueEmail("rejected-once");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        Job send = job(SEND_INVITATION_EMAIL, onboarding);

        TestMailServer.rejectNextDelivery();
        assertThatThrownBy(() -> management.executeJob(send.getId())).hasMessageContaining("451");
        assertThat(mailsTo(email)).isEmpty();
        assertThat(management.createJobQuery().jobId(send.getId()).singleResult().getRetries())
                .as("the engine retries the job, as for any failed send").isEqualTo(send.getRetries() - 1);

        management.executeJob(send.getId());

        assertThat(onboarding).isWaitingAt(WAIT_FOR_REDEMPTION);
        assertThat(mailsTo(email)).hasSize(1);
        assertThat(TestMailServer.connectionsTo(email)).as("not the connection of the failed attempt")
                .doesNotContainAnyElementsOf(TestMailServer.connectionsTo(warmUp));
    }

    private ProcessInstance sendInvitationTo(String email) {
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        management.executeJob(job(SEND_INVITATION_EMAIL, onboarding).getId());
        return onboarding;
    }
}
