package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_CHECK;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.INVITATION_EXPIRES_AT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.INVITATION_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.REMINDER_DUE_AT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.RESEND_REASON;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import dev.portalonboarding.onboarding.OnboardingProcess.ContactCheck;
import dev.portalonboarding.onboarding.OnboardingProcess.Elements;
import dev.portalonboarding.onboarding.OnboardingProcess.Messages;
import dev.portalonboarding.support.ProcessEngineTest;

/**
 * resend-invitation.bpmn with the onboarding it sends a new invitation for, on the engine alone. The
 * mocked Resend invitation sends the message as ResendInvitationDelegate does; what Issue invitation
 * then does to the records is proven by the full-application tests (OnboardingsFacadeTest).
 */
@Deployment(resources = {"processes/resend-invitation.bpmn", "processes/portal-user-onboarding.bpmn"})
class ResendInvitationProcessPathsTest extends ProcessEngineTest {

    private final AtomicInteger invitationsIssued = new AtomicInteger();
    /** The onboarding whose invitation the mocked Resend invitation finds pending, or none. */
    private final AtomicReference<ProcessInstance> pending = new AtomicReference<>();

    @BeforeEach
    void mockDelegates() {
        delegate("createContactDelegate", execution -> execution.setVariable(CONTACT_CHECK, ContactCheck.READY.name()));
        delegate("issueInvitationDelegate", execution -> {
            execution.setVariable(INVITATION_ID, "invitation-" + invitationsIssued.incrementAndGet());
            execution.setVariable(INVITATION_EXPIRES_AT, Date.from(Instant.now().plus(Duration.ofDays(7))));
            execution.setVariable(REMINDER_DUE_AT, Date.from(Instant.now().plus(Duration.ofDays(5))));
        });
        delegate("sendInvitationEmailDelegate");
        bean("reviewContextListener", Mockito.mock(TaskListener.class));
        delegate("resendInvitationDelegate", execution -> {
            ProcessInstance onboarding = pending.get();
            if (onboarding == null) {
                throw new RejectedRequestException("There is no pending invitation to resend.");
            }
            execution.getProcessEngineServices().getRuntimeService()
                    .createMessageCorrelation(Messages.INVITATION_RESEND_REQUESTED)
                    .processInstanceId(onboarding.getId())
                    .processInstanceVariableEquals(INVITATION_ID, "invitation-" + invitationsIssued.get())
                    .correlateAllWithResult();
        });
    }

    @Test
    void aResendSendsTheWaitingOnboardingANewInvitation() {
        ProcessInstance onboarding = runtimeService().startProcessInstanceByKey(OnboardingProcess.PROCESS_KEY,
                withVariables(EMAIL, "ada@partner.example"));
        execute(job(Elements.SEND_INVITATION_EMAIL, onboarding));
        pending.set(onboarding);

        ProcessInstance resend = resend();

        assertThat(resend).isEnded();
        assertThat(onboarding).hasPassed(Elements.RESEND_REQUESTED_MESSAGE).isWaitingAt(Elements.SEND_INVITATION_EMAIL)
                .variables().containsEntry(INVITATION_ID, "invitation-2");
        execute(job(Elements.SEND_INVITATION_EMAIL, onboarding));
        assertThat(onboarding).isWaitingAt(Elements.WAIT_FOR_REDEMPTION);
    }

    @Test
    void nothingPendingRefusesTheStart() {
        assertThatThrownBy(this::resend).isInstanceOf(RejectedRequestException.class);
    }

    private ProcessInstance resend() {
        return runtimeService().startProcessInstanceByKey(OnboardingProcess.RESEND_PROCESS_KEY,
                withVariables(EMAIL, "ada@partner.example", RESEND_REASON, "the first email went to spam"));
    }
}
