package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_CHECK;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.INVITATION_EXPIRES_AT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.INVITATION_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.REMINDER_DUE_AT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.REVOKE_REASON;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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
 * revoke-invitation.bpmn with the onboarding it ends, on the engine alone. The mocked Revoke invitation
 * sends the message as RevokeInvitationDelegate does; what it does to the records is proven by the
 * full-application tests.
 */
@Deployment(resources = {"processes/revoke-invitation.bpmn", "processes/portal-user-onboarding.bpmn"})
class RevokeInvitationProcessPathsTest extends ProcessEngineTest {

    private static final String INVITATION = "invitation-1";

    /** The invitation the mocked Revoke invitation finds pending, or none. */
    private final AtomicReference<ProcessInstance> pending = new AtomicReference<>();

    @BeforeEach
    void mockDelegates() {
        delegate("createContactDelegate", execution -> execution.setVariable(CONTACT_CHECK, ContactCheck.READY.name()));
        delegate("issueInvitationDelegate", execution -> {
            execution.setVariable(INVITATION_ID, INVITATION);
            execution.setVariable(INVITATION_EXPIRES_AT, Date.from(Instant.now().plus(Duration.ofDays(7))));
            execution.setVariable(REMINDER_DUE_AT, Date.from(Instant.now().plus(Duration.ofDays(5))));
        });
        delegate("sendInvitationEmailDelegate");
        bean("reviewContextListener", Mockito.mock(TaskListener.class));
        delegate("revokeInvitationDelegate", execution -> {
            ProcessInstance onboarding = pending.get();
            if (onboarding == null) {
                throw new RejectedRequestException("There is no pending invitation to revoke.");
            }
            execution.getProcessEngineServices().getRuntimeService()
                    .createMessageCorrelation(Messages.INVITATION_REVOKED)
                    .processInstanceId(onboarding.getId())
                    .processInstanceVariableEquals(INVITATION_ID, INVITATION)
                    .correlateAll();
        });
    }

    @Test
    void aRevocationEndsTheWaitingOnboardingOnInvitationRevoked() {
        ProcessInstance onboarding = runtimeService().startProcessInstanceByKey(OnboardingProcess.PROCESS_KEY,
                withVariables(EMAIL, "ada@partner.example"));
        execute(job(Elements.SEND_INVITATION_EMAIL, onboarding));
        pending.set(onboarding);

        ProcessInstance revocation = revoke();

        assertThat(revocation).isEnded();
        assertThat(onboarding).hasPassed(Elements.END_REVOKED).isEnded();
    }

    @Test
    void noPendingInvitationRefusesTheStart() {
        assertThatThrownBy(this::revoke).isInstanceOf(RejectedRequestException.class);
    }

    private ProcessInstance revoke() {
        return runtimeService().startProcessInstanceByKey(OnboardingProcess.REVOKE_PROCESS_KEY,
                withVariables(EMAIL, "ada@partner.example", REVOKE_REASON, "sent to the wrong person"));
    }
}
