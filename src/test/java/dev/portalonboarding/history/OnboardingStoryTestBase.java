package dev.portalonboarding.history;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.EXPIRY_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.REMINDER_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.REVIEW_EXPIRED_INVITATION;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_REMINDER_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;

import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.onboarding.OnboardingProcess.ReviewDecision;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.OnboardingTestBase;

/** Users and a finished onboarding with a long story, for the tests of what auditors read. */
abstract class OnboardingStoryTestBase extends OnboardingTestBase {

    static final String OPENED_FROM_IP = "203.0.113.7";
    static final String OPENED_WITH_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    @Autowired
    InvitationEvents invitationEvents;

    /**
     * Started by staff; invitation sent and opened; reminder; expired; claimed and resent by staff;
     * redeemed with the new code, linked, welcomed.
     */
    ProcessInstance finishedOnboardingAfterAResend(String email, String staff) {
        IdentityService identity = processEngine.getIdentityService();
        identity.setAuthentication(staff, List.of(CamundaAccessSetup.STAFF_GROUP));
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        identity.clearAuthentication();
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        UUID firstInvitation = UUID.fromString((String) processEngine.getRuntimeService()
                .getVariable(onboarding.getId(), Variables.INVITATION_ID));
        // The landing page records this when the link is opened
        invitationEvents.record(firstInvitation, InvitationEventType.OPENED, null, OPENED_FROM_IP,
                OPENED_WITH_USER_AGENT, null);
        execute(job(REMINDER_TIMER, onboarding));
        execute(job(SEND_REMINDER_EMAIL, onboarding));
        execute(job(EXPIRY_TIMER, onboarding));

        Task review = task(REVIEW_EXPIRED_INVITATION, onboarding);
        identity.setAuthentication(staff, List.of(CamundaAccessSetup.STAFF_GROUP));
        processEngine.getTaskService().claim(review.getId(), staff);
        processEngine.getTaskService().complete(review.getId(), Map.of(
                Variables.REVIEW_DECISION, ReviewDecision.RESEND, Variables.VALIDITY_DAYS, 7));
        identity.clearAuthentication();

        execute(job(SEND_INVITATION_EMAIL, onboarding));
        redeem(codeFromLatestMail(email), new VerifiedIdentity(
                "https://idp.example.test/realms/portal", "subject-of-" + email, email, true, "Ada Lovelace"));
        execute(job(LINK_ACCOUNT, onboarding));
        execute(job(SEND_WELCOME_EMAIL, onboarding));
        return onboarding;
    }
}
