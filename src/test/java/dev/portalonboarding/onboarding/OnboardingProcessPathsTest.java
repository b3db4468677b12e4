package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CLOSE_REASON;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_CHECK;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.INVITATION_EXPIRES_AT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.INVITATION_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.REMINDER_DUE_AT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.REVIEW_DECISION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.portalonboarding.onboarding.OnboardingProcess.ContactCheck;
import dev.portalonboarding.onboarding.OnboardingProcess.Elements;
import dev.portalonboarding.onboarding.OnboardingProcess.Messages;
import dev.portalonboarding.onboarding.OnboardingProcess.ReviewDecision;
import dev.portalonboarding.support.ProcessEngineTest;

/**
 * Every path of portal-user-onboarding.bpmn on the engine alone: the delegates are mocks, the decision
 * check after the review is the real one. What the delegates do is proven by OnboardingProcessTest.
 */
@Deployment(resources = "processes/portal-user-onboarding.bpmn")
class OnboardingProcessPathsTest extends ProcessEngineTest {

    private static final String INVITED = "ada@partner.example";
    private static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");

    /** What Create contact finds: the gateway after it reads this. */
    private ContactCheck contactCheck = ContactCheck.READY;
    private final AtomicInteger invitationsIssued = new AtomicInteger();
    private final AtomicBoolean identityProviderDown = new AtomicBoolean();

    private JavaDelegate issueInvitation;
    private JavaDelegate sendInvitationEmail;
    private JavaDelegate sendReminderEmail;
    private JavaDelegate expireInvitation;
    private JavaDelegate linkAccount;
    private JavaDelegate activateContact;
    private JavaDelegate sendWelcomeEmail;
    private TaskListener reviewContext;

    @BeforeEach
    void mockDelegates() {
        ClockUtil.setCurrentTime(Date.from(NOW));
        delegate("createContactDelegate", execution -> {
            execution.setVariable(CONTACT_ID, UUID.randomUUID().toString());
            execution.setVariable(CONTACT_CHECK, contactCheck.name());
        });
        issueInvitation = delegate("issueInvitationDelegate", execution -> {
            execution.setVariable(INVITATION_ID, "invitation-" + invitationsIssued.incrementAndGet());
            execution.setVariable(INVITATION_EXPIRES_AT, Date.from(NOW.plus(Duration.ofDays(7))));
            execution.setVariable(REMINDER_DUE_AT, Date.from(NOW.plus(Duration.ofDays(5))));
        });
        sendInvitationEmail = delegate("sendInvitationEmailDelegate");
        sendReminderEmail = delegate("sendReminderEmailDelegate");
        expireInvitation = delegate("expireInvitationDelegate");
        reviewContext = bean("reviewContextListener", mock(TaskListener.class));
        bean("reviewDecisionCheck", new ReviewDecisionCheck());
        linkAccount = delegate("linkAccountDelegate", execution -> {
            if (identityProviderDown.get()) {
                throw new IllegalStateException("identity provider unreachable");
            }
        });
        activateContact = delegate("activateContactDelegate");
        sendWelcomeEmail = delegate("sendWelcomeEmailDelegate");
    }

    @Test
    void aRedeemedInvitationLinksActivatesAndWelcomesTheUser() throws Exception {
        ProcessInstance onboarding = invitationSent();

        redeem(onboarding);
        assertThat(onboarding).isWaitingAt(Elements.LINK_ACCOUNT);
        assertThat(timers(onboarding)).as("reminder and expiry are off").isZero();

        execute(job(Elements.LINK_ACCOUNT, onboarding));
        assertThat(onboarding).isWaitingAt(Elements.SEND_WELCOME_EMAIL).hasPassed(Elements.ACTIVATE_CONTACT);

        execute(job(Elements.SEND_WELCOME_EMAIL, onboarding));
        assertThat(onboarding).hasPassedInOrder(Elements.CREATE_CONTACT, Elements.ISSUE_INVITATION,
                Elements.SEND_INVITATION_EMAIL, Elements.WAIT_FOR_REDEMPTION, Elements.LINK_ACCOUNT,
                Elements.ACTIVATE_CONTACT, Elements.SEND_WELCOME_EMAIL, Elements.END_ONBOARDED).isEnded();
        verify(linkAccount).execute(any());
        verify(activateContact).execute(any());
        verify(sendWelcomeEmail).execute(any());
    }

    @Test
    void theRedeemedMessageAddsNoVariables() {
        ProcessInstance onboarding = invitationSent();
        Set<String> before = runtimeService().getVariables(onboarding.getId()).keySet();

        redeem(onboarding);

        // Link account reads the identity from the invitation record
        assertThat(onboarding).isWaitingAt(Elements.LINK_ACCOUNT);
        assertThat(runtimeService().getVariables(onboarding.getId()).keySet()).isEqualTo(before);
    }

    @Test
    void anAlreadyActiveContactEndsWithoutAnInvitation() throws Exception {
        contactCheck = ContactCheck.ALREADY_ACTIVE;

        ProcessInstance onboarding = start();

        assertThat(onboarding).hasPassed(Elements.END_ALREADY_ACTIVE).isEnded();
        verify(issueInvitation, never()).execute(any());
    }

    @Test
    void aSecondOnboardingOfARunningOneEndsWithoutAnInvitation() throws Exception {
        contactCheck = ContactCheck.ALREADY_RUNNING;

        ProcessInstance onboarding = start();

        assertThat(onboarding).hasPassed(Elements.END_ALREADY_RUNNING).isEnded();
        verify(issueInvitation, never()).execute(any());
    }

    @Test
    void theInvitationEmailIsSentInItsOwnJobAfterTheStart() throws Exception {
        ProcessInstance onboarding = start();

        assertThat(onboarding).isWaitingAt(Elements.SEND_INVITATION_EMAIL);
        verify(sendInvitationEmail, never()).execute(any());

        execute(job(Elements.SEND_INVITATION_EMAIL, onboarding));

        assertThat(onboarding).isWaitingAt(Elements.WAIT_FOR_REDEMPTION);
        verify(sendInvitationEmail).execute(any());
    }

    @Test
    void theReminderIsSentWhileTheInvitationStaysPending() throws Exception {
        ProcessInstance onboarding = invitationSent();

        execute(job(Elements.REMINDER_TIMER, onboarding));
        execute(job(Elements.SEND_REMINDER_EMAIL, onboarding));

        assertThat(onboarding).hasPassed(Elements.END_REMINDER_SENT).isWaitingAt(Elements.WAIT_FOR_REDEMPTION);
        verify(sendReminderEmail).execute(any());
        redeem(onboarding);
        assertThat(onboarding).isWaitingAt(Elements.LINK_ACCOUNT);
    }

    @Test
    void anExpiredInvitationWaitsForStaffToReview() throws Exception {
        ProcessInstance onboarding = expired();

        assertThat(onboarding).hasPassed(Elements.EXPIRE_INVITATION).isWaitingAt(Elements.REVIEW_EXPIRED_INVITATION)
                .hasNotPassed(Elements.LINK_ACCOUNT);
        assertThat(task(Elements.REVIEW_EXPIRED_INVITATION, onboarding)).hasCandidateGroup("onboarding-staff");
        verify(expireInvitation).execute(any());
        verify(reviewContext).notify(any());
    }

    @Test
    void resendAfterReviewIssuesANewInvitation() throws Exception {
        ProcessInstance onboarding = expired();

        complete(task(Elements.REVIEW_EXPIRED_INVITATION, onboarding), withVariables(REVIEW_DECISION, ReviewDecision.RESEND));

        assertThat(onboarding).isWaitingAt(Elements.SEND_INVITATION_EMAIL).variables()
                .containsEntry(INVITATION_ID, "invitation-2");
        verify(issueInvitation, times(2)).execute(any());
        execute(job(Elements.SEND_INVITATION_EMAIL, onboarding));
        redeem(onboarding);
        assertThat(onboarding).isWaitingAt(Elements.LINK_ACCOUNT);
    }

    @Test
    void closeAfterReviewEndsTheOnboarding() throws Exception {
        ProcessInstance onboarding = expired();

        complete(task(Elements.REVIEW_EXPIRED_INVITATION, onboarding), withVariables(REVIEW_DECISION, ReviewDecision.CLOSE,
                CLOSE_REASON, "Left the company"));

        assertThat(onboarding).hasPassed(Elements.END_CLOSED).isEnded();
        verify(issueInvitation, times(1)).execute(any());
    }

    @Test
    void aReviewWithoutAKnownDecisionIsRefusedAndTheTaskStays() {
        ProcessInstance onboarding = expired();

        assertThatThrownBy(() -> complete(task(Elements.REVIEW_EXPIRED_INVITATION, onboarding),
                withVariables(REVIEW_DECISION, "later")))
                .isInstanceOf(RejectedRequestException.class);

        assertThat(onboarding).isWaitingAt(Elements.REVIEW_EXPIRED_INVITATION);
    }

    @Test
    void aCloseWithoutAReasonIsRefusedAsTheFormRefusesItAndTheTaskStays() {
        ProcessInstance onboarding = expired();

        assertThatThrownBy(() -> complete(task(Elements.REVIEW_EXPIRED_INVITATION, onboarding),
                withVariables(REVIEW_DECISION, ReviewDecision.CLOSE, CLOSE_REASON, " ")))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("Onboarding not closed: closeReason must not be blank");
        assertThatThrownBy(() -> complete(task(Elements.REVIEW_EXPIRED_INVITATION, onboarding),
                withVariables(REVIEW_DECISION, ReviewDecision.CLOSE, CLOSE_REASON, "x".repeat(501))))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("Onboarding not closed: closeReason size must be between 0 and 500");

        assertThat(onboarding).isWaitingAt(Elements.REVIEW_EXPIRED_INVITATION);
    }

    @Test
    void aRevokedInvitationEndsTheOnboarding() {
        ProcessInstance onboarding = invitationSent();

        runtimeService().createMessageCorrelation(Messages.INVITATION_REVOKED)
                .processInstanceId(onboarding.getId())
                .processInstanceVariableEquals(INVITATION_ID, "invitation-1")
                .correlate();

        assertThat(onboarding).hasPassed(Elements.END_REVOKED).hasNotPassed(Elements.LINK_ACCOUNT).isEnded();
    }

    @Test
    void aResendRequestWhilePendingIssuesANewInvitationThatReplacesTheOld() throws Exception {
        ProcessInstance onboarding = invitationSent();

        requestResend(onboarding, "invitation-1");

        assertThat(onboarding).isWaitingAt(Elements.SEND_INVITATION_EMAIL).hasPassed(Elements.RESEND_REQUESTED_MESSAGE)
                .variables().containsEntry(INVITATION_ID, "invitation-2");
        verify(issueInvitation, times(2)).execute(any());
        assertThat(timers(onboarding)).as("reminder and expiry of the new invitation").isEqualTo(2);
        execute(job(Elements.SEND_INVITATION_EMAIL, onboarding));
        verify(sendInvitationEmail, times(2)).execute(any());
        assertThatThrownBy(() -> runtimeService().createMessageCorrelation(Messages.INVITATION_REDEEMED)
                .processInstanceId(onboarding.getId())
                .processInstanceVariableEquals(INVITATION_ID, "invitation-1")
                .correlate())
                .as("the replaced invitation redeems nothing")
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        redeem(onboarding);
        assertThat(onboarding).isWaitingAt(Elements.LINK_ACCOUNT);
    }

    @Test
    void aResendRequestFindsNoOnboardingOnceTheInvitationExpired() {
        ProcessInstance onboarding = expired();

        assertThatThrownBy(() -> requestResend(onboarding, "invitation-1"))
                .isInstanceOf(MismatchingMessageCorrelationException.class);

        assertThat(onboarding).isWaitingAt(Elements.REVIEW_EXPIRED_INVITATION);
    }

    @Test
    void aResendRequestForAnEarlierInvitationFindsNoOnboarding() {
        ProcessInstance onboarding = invitationSent();

        assertThatThrownBy(() -> requestResend(onboarding, "invitation-0"))
                .isInstanceOf(MismatchingMessageCorrelationException.class);

        assertThat(onboarding).isWaitingAt(Elements.WAIT_FOR_REDEMPTION);
    }

    @Test
    void aRedemptionOfAnEarlierInvitationFindsNoOnboarding() {
        ProcessInstance onboarding = invitationSent();

        assertThatThrownBy(() -> runtimeService().createMessageCorrelation(Messages.INVITATION_REDEEMED)
                .processInstanceId(onboarding.getId())
                .processInstanceVariableEquals(INVITATION_ID, "invitation-0")
                .correlate())
                .isInstanceOf(MismatchingMessageCorrelationException.class);

        assertThat(onboarding).isWaitingAt(Elements.WAIT_FOR_REDEMPTION);
    }

    @Test
    void anIdentityProviderOutageRetriesLinkAccountEveryTwoMinutesThenRaisesAnIncident() {
        ProcessInstance onboarding = invitationSent();
        redeem(onboarding);
        identityProviderDown.set(true);

        Job link = job(Elements.LINK_ACCOUNT, onboarding);
        assertThatThrownBy(() -> execute(link)).hasMessageContaining("identity provider unreachable");
        Job retried = job(Elements.LINK_ACCOUNT, onboarding);
        assertThat(retried.getRetries()).isEqualTo(35);
        assertThat(retried.getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(2))));

        assertThat(1 + attemptsUntilIncident(onboarding, Elements.LINK_ACCOUNT)).isEqualTo(36);
        assertThat(runtimeService().createIncidentQuery().processInstanceId(onboarding.getId())
                .activityId(Elements.LINK_ACCOUNT).count()).isEqualTo(1);
        assertThat(onboarding).isWaitingAt(Elements.LINK_ACCOUNT).hasNotPassed(Elements.ACTIVATE_CONTACT);
    }

    @Test
    void staffRetryAfterTheOutageCompletesTheOnboarding() {
        ProcessInstance onboarding = invitationSent();
        redeem(onboarding);
        identityProviderDown.set(true);
        attemptsUntilIncident(onboarding, Elements.LINK_ACCOUNT);

        identityProviderDown.set(false);
        Job link = job(Elements.LINK_ACCOUNT, onboarding);
        managementService().setJobRetries(link.getId(), 1);
        execute(link);
        execute(job(Elements.SEND_WELCOME_EMAIL, onboarding));

        assertThat(onboarding).hasPassed(Elements.END_ONBOARDED).isEnded();
    }

    private ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey(OnboardingProcess.PROCESS_KEY,
                withVariables(EMAIL, INVITED));
    }

    private ProcessInstance invitationSent() {
        ProcessInstance onboarding = start();
        execute(job(Elements.SEND_INVITATION_EMAIL, onboarding));
        assertThat(onboarding).isWaitingAt(Elements.WAIT_FOR_REDEMPTION);
        return onboarding;
    }

    private ProcessInstance expired() {
        ProcessInstance onboarding = invitationSent();
        execute(job(Elements.EXPIRY_TIMER, onboarding));
        return onboarding;
    }

    /** As ResendInvitationDelegate correlates: to the invitation's onboarding, while it waits for that invitation. */
    private static void requestResend(ProcessInstance onboarding, String invitationId) {
        runtimeService().createMessageCorrelation(Messages.INVITATION_RESEND_REQUESTED)
                .processInstanceId(onboarding.getId())
                .processInstanceVariableEquals(INVITATION_ID, invitationId)
                .correlate();
    }

    /** As InvitationRedemption correlates: to the invitation's onboarding, while that invitation is its latest. */
    private static void redeem(ProcessInstance onboarding) {
        Object latest = runtimeService().getVariable(onboarding.getId(), INVITATION_ID);
        runtimeService().createMessageCorrelation(Messages.INVITATION_REDEEMED)
                .processInstanceId(onboarding.getId())
                .processInstanceVariableEquals(INVITATION_ID, latest)
                .correlate();
    }

    private static long timers(ProcessInstance onboarding) {
        return managementService().createJobQuery().processInstanceId(onboarding.getId()).timers().count();
    }
}
