package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.EXPIRY_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.REMINDER_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_REMINDER_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.OnboardingTestBase;

/** The review task tells staff who the contact is and what happened to each invitation. */
class ReviewContextTest extends OnboardingTestBase {

    @Autowired
    InvitationEvents events;

    @Test
    void reviewTaskSummarisesContactInvitationsRemindersOpenedLinksAndMismatches() {
        String email = uniqueEmail("context");
        processEngine.getIdentityService().setAuthentication("contextstaff", List.of(CamundaAccessSetup.STAFF_GROUP));
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        processEngine.getIdentityService().clearAuthentication();
        // As a task form could send it later: the context names the engine's initiator all the same
        processEngine.getRuntimeService().setVariable(onboarding.getId(), Variables.STARTED_BY, "admin");
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        UUID invitation = UUID.fromString((String) processEngine.getRuntimeService()
                .getVariable(onboarding.getId(), Variables.INVITATION_ID));
        events.record(invitation, InvitationEventType.OPENED, null, "198.51.100.4", "Mozilla/5.0", null);
        events.record(invitation, InvitationEventType.IDENTITY_MISMATCH, "someone.else@example.com", "198.51.100.4",
                "Mozilla/5.0", "signed in as someone.else@example.com");
        execute(job(REMINDER_TIMER, onboarding));
        execute(job(SEND_REMINDER_EMAIL, onboarding));

        execute(job(EXPIRY_TIMER, onboarding));

        Task review = task(onboarding);
        String context = (String) processEngine.getTaskService().getVariableLocal(review.getId(), Variables.REVIEW_CONTEXT);
        assertThat(context)
                .contains("Contact / Kontakt: Ada Lovelace, Analytical Engines Ltd ("
                        + contactByEmail(email).orElseThrow().id() + ")")
                .contains("Started by / Gestartet von: contextstaff")
                .contains("Invitation / Einladung 1 (valid / gültig 7 days / Tage)")
                .containsPattern("sent / gesendet: \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC")
                .containsPattern("reminder / Erinnerung: \\d{4}-")
                .containsPattern("link opened / Link geöffnet: 1x, latest / zuletzt .* from / von 198\\.51\\.100\\.4")
                .contains("signed in as someone.else@example.com")
                .contains("status: expired")
                .doesNotContain("Invitation / Einladung 2")
                .as("the form shows the email from the live variable; this text outlives the onboarding")
                .doesNotContain(email);
        assertThat(review.getDescription()).contains(contactByEmail(email).orElseThrow().id().toString())
                .doesNotContain(email);
    }
}
