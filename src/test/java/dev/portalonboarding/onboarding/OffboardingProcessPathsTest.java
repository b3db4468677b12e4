package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.OFFBOARD_REASON;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.SEND_GOODBYE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.portalonboarding.onboarding.OnboardingProcess.OffboardingElements;
import dev.portalonboarding.support.ProcessEngineTest;

/**
 * Every path of offboard-portal-user.bpmn on the engine alone, its delegates mocked. What they do to
 * the contact, its sessions and the identity provider is proven by OffboardingProcessTest.
 */
@Deployment(resources = "processes/offboard-portal-user.bpmn")
class OffboardingProcessPathsTest extends ProcessEngineTest {

    private final AtomicBoolean contactActive = new AtomicBoolean(true);
    private final AtomicBoolean identityProviderDown = new AtomicBoolean();
    private final AtomicBoolean smtpDown = new AtomicBoolean();

    private JavaDelegate markContactOffboarded;
    private JavaDelegate disableIdentityAccount;
    private JavaDelegate sendGoodbyeEmail;

    @BeforeEach
    void mockDelegates() {
        markContactOffboarded = delegate("markContactOffboardedDelegate", execution -> {
            if (!contactActive.get()) {
                throw new RejectedRequestException("Only an active portal user can be offboarded.");
            }
            execution.setVariable(CONTACT_ID, UUID.randomUUID().toString());
            execution.setVariable(SEND_GOODBYE_EMAIL, Boolean.TRUE.equals(execution.getVariable(SEND_GOODBYE_EMAIL)));
        });
        disableIdentityAccount = delegate("disableIdentityAccountDelegate", execution -> {
            if (identityProviderDown.get()) {
                throw new IllegalStateException("identity provider unreachable");
            }
        });
        sendGoodbyeEmail = delegate("sendGoodbyeEmailDelegate", execution -> {
            if (smtpDown.get()) {
                throw new IllegalStateException("SMTP unreachable");
            }
        });
    }

    @Test
    void theContactIsOffboardedInTheStartAndTheAccountDisabledInItsOwnJob() throws Exception {
        ProcessInstance offboarding = start();

        assertThat(offboarding).hasPassed(OffboardingElements.MARK_CONTACT_OFFBOARDED)
                .isWaitingAt(OffboardingElements.DISABLE_IDENTITY_ACCOUNT);
        verify(disableIdentityAccount, never()).execute(any());

        execute(job(OffboardingElements.DISABLE_IDENTITY_ACCOUNT, offboarding));

        assertThat(offboarding).hasPassedInOrder(OffboardingElements.START,
                OffboardingElements.MARK_CONTACT_OFFBOARDED, OffboardingElements.DISABLE_IDENTITY_ACCOUNT,
                OffboardingElements.END_OFFBOARDED).isEnded().hasNotPassed(OffboardingElements.SEND_GOODBYE_EMAIL);
        verify(sendGoodbyeEmail, never()).execute(any());
    }

    @Test
    void aTickedGoodbyeEmailGoesOutInItsOwnJobAfterTheAccountIsDisabled() throws Exception {
        ProcessInstance offboarding = start(true);
        execute(job(OffboardingElements.DISABLE_IDENTITY_ACCOUNT, offboarding));

        assertThat(offboarding).isWaitingAt(OffboardingElements.SEND_GOODBYE_EMAIL);
        verify(sendGoodbyeEmail, never()).execute(any());
        execute(job(OffboardingElements.SEND_GOODBYE_EMAIL, offboarding));

        assertThat(offboarding).hasPassedInOrder(OffboardingElements.DISABLE_IDENTITY_ACCOUNT,
                OffboardingElements.GOODBYE_WANTED, OffboardingElements.SEND_GOODBYE_EMAIL,
                OffboardingElements.END_OFFBOARDED).isEnded();
    }

    @Test
    void anSmtpOutageRetriesTheGoodbyeThenRaisesAnIncident() {
        smtpDown.set(true);
        ProcessInstance offboarding = start(true);
        execute(job(OffboardingElements.DISABLE_IDENTITY_ACCOUNT, offboarding));

        assertThat(attemptsUntilIncident(offboarding, OffboardingElements.SEND_GOODBYE_EMAIL)).isEqualTo(36);
        assertThat(offboarding).isWaitingAt(OffboardingElements.SEND_GOODBYE_EMAIL);
    }

    @Test
    void aContactThatIsNotActiveRefusesTheStart() throws Exception {
        contactActive.set(false);

        assertThatThrownBy(this::start).isInstanceOf(RejectedRequestException.class)
                .hasMessageContaining("active portal user");

        assertThat(runtimeService().createProcessInstanceQuery()
                .processDefinitionKey(OnboardingProcess.OFFBOARD_PROCESS_KEY).count()).isZero();
        verify(markContactOffboarded).execute(any());
        verify(disableIdentityAccount, never()).execute(any());
    }

    @Test
    void anIdentityProviderOutageRetriesThenRaisesAnIncident() {
        identityProviderDown.set(true);
        ProcessInstance offboarding = start();

        assertThat(attemptsUntilIncident(offboarding, OffboardingElements.DISABLE_IDENTITY_ACCOUNT)).isEqualTo(36);

        assertThat(runtimeService().createIncidentQuery().processInstanceId(offboarding.getId())
                .activityId(OffboardingElements.DISABLE_IDENTITY_ACCOUNT).count()).isEqualTo(1);
        assertThat(offboarding).isWaitingAt(OffboardingElements.DISABLE_IDENTITY_ACCOUNT);
    }

    @Test
    void aRetryAfterTheOutageEndsTheOffboarding() {
        identityProviderDown.set(true);
        ProcessInstance offboarding = start();
        attemptsUntilIncident(offboarding, OffboardingElements.DISABLE_IDENTITY_ACCOUNT);

        identityProviderDown.set(false);
        String jobId = job(OffboardingElements.DISABLE_IDENTITY_ACCOUNT, offboarding).getId();
        managementService().setJobRetries(jobId, 1);
        execute(job(OffboardingElements.DISABLE_IDENTITY_ACCOUNT, offboarding));

        assertThat(offboarding).hasPassed(OffboardingElements.END_OFFBOARDED).isEnded();
    }

    private ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey(OnboardingProcess.OFFBOARD_PROCESS_KEY,
                withVariables(EMAIL, "ada@partner.example", OFFBOARD_REASON, "left the partner company"));
    }

    private ProcessInstance start(boolean sendGoodbyeEmail) {
        return runtimeService().startProcessInstanceByKey(OnboardingProcess.OFFBOARD_PROCESS_KEY,
                withVariables(EMAIL, "ada@partner.example", OFFBOARD_REASON, "left the partner company",
                        SEND_GOODBYE_EMAIL, sendGoodbyeEmail));
    }
}
