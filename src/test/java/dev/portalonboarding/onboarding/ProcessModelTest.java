package dev.portalonboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import dev.portalonboarding.bulk.BulkOnboardingProcess;
import dev.portalonboarding.support.OnboardingTestBase;

/** The deployed models agree with OnboardingProcess, their delegates and forms exist, and history is kept. */
class ProcessModelTest extends OnboardingTestBase {

    @Autowired
    ApplicationContext context;

    @ParameterizedTest
    @ValueSource(strings = {OnboardingProcess.PROCESS_KEY, OnboardingProcess.REVOKE_PROCESS_KEY,
            OnboardingProcess.RESEND_PROCESS_KEY, OnboardingProcess.OFFBOARD_PROCESS_KEY, ErasureProcess.PROCESS_KEY, BulkOnboardingProcess.PROCESS_KEY})
    void isDeployedOnceWithHistoryTimeToLiveAndItsStartForm(String key) {
        ProcessDefinition definition = processEngine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(key).latestVersion().singleResult();

        assertThat(definition.getVersion()).isEqualTo(1);
        assertThat(definition.getHistoryTimeToLive()).isEqualTo(180);
        assertThat(definition.isStartableInTasklist()).isTrue();
        assertThat(processEngine.getFormService().getDeployedStartForm(definition.getId())).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {OnboardingProcess.PROCESS_KEY, OnboardingProcess.REVOKE_PROCESS_KEY,
            OnboardingProcess.RESEND_PROCESS_KEY, OnboardingProcess.OFFBOARD_PROCESS_KEY, ErasureProcess.PROCESS_KEY, BulkOnboardingProcess.PROCESS_KEY})
    void everyServiceTaskNamesADelegateBeanCalledAfterIt(String key) {
        BpmnModelInstance model = model(key);
        Collection<ServiceTask> tasks = model.getModelElementsByType(ServiceTask.class);

        assertThat(tasks).isNotEmpty().allSatisfy(task -> {
            String bean = task.getCamundaDelegateExpression().replaceAll("[${}]", "");
            assertThat(bean).isEqualTo(task.getId() + "Delegate");
            assertThat(context.getBean(bean)).isInstanceOf(JavaDelegate.class);
        });
    }

    @Test
    void elementIdsAndMessageNamesMatchTheSharedConstants() throws IllegalAccessException {
        BpmnModelInstance model = model(OnboardingProcess.PROCESS_KEY);
        for (var field : OnboardingProcess.Elements.class.getFields()) {
            String id = (String) field.get(null);
            Object element = model.getModelElementById(id);
            assertThat(element).as(field.getName() + " = " + id).isInstanceOf(FlowNode.class);
        }
        assertThat(model.getModelElementsByType(Message.class)).extracting(Message::getName)
                .containsExactlyInAnyOrder(OnboardingProcess.Messages.INVITATION_REDEEMED,
                        OnboardingProcess.Messages.INVITATION_REVOKED,
                        OnboardingProcess.Messages.INVITATION_RESEND_REQUESTED);
    }

    /**
     * Every call to a far side (SMTP, the identity provider) is an asynchronous step that retries alike:
     * every 2 minutes for 70 minutes, then an incident (README, Failures). The models cannot name a
     * shared constant, so this keeps them equal.
     */
    @Test
    void everyCallToAFarSideRetriesEveryTwoMinutesForSeventyMinutes() {
        Collection<ServiceTask> asynchronous = model(OnboardingProcess.PROCESS_KEY).getModelElementsByType(ServiceTask.class)
                .stream().filter(ServiceTask::isCamundaAsyncBefore).toList();

        assertThat(asynchronous).extracting(ServiceTask::getId).containsExactlyInAnyOrder(
                OnboardingProcess.Elements.SEND_INVITATION_EMAIL, OnboardingProcess.Elements.SEND_REMINDER_EMAIL,
                OnboardingProcess.Elements.LINK_ACCOUNT, OnboardingProcess.Elements.SEND_WELCOME_EMAIL);
        assertThat(asynchronous).extracting(ProcessModelTest::retryCycle).containsOnly("R36/PT2M");

        ServiceTask disable = model(OnboardingProcess.OFFBOARD_PROCESS_KEY)
                .getModelElementById(OnboardingProcess.OffboardingElements.DISABLE_IDENTITY_ACCOUNT);
        assertThat(disable.isCamundaAsyncBefore()).isTrue();
        assertThat(retryCycle(disable)).isEqualTo("R36/PT2M");

        ServiceTask delete = model(ErasureProcess.PROCESS_KEY)
                .getModelElementById(ErasureProcess.Elements.DELETE_IDENTITY_ACCOUNTS);
        assertThat(delete.isCamundaAsyncBefore()).isTrue();
        assertThat(retryCycle(delete)).isEqualTo("R36/PT2M");
    }

    @Test
    void erasureElementIdsMatchTheSharedConstants() throws IllegalAccessException {
        BpmnModelInstance model = model(ErasureProcess.PROCESS_KEY);
        for (var field : ErasureProcess.Elements.class.getFields()) {
            String id = (String) field.get(null);
            assertThat((Object) model.getModelElementById(id)).as(field.getName() + " = " + id).isInstanceOf(FlowNode.class);
        }
    }

    @Test
    void offboardingElementIdsMatchTheSharedConstants() throws IllegalAccessException {
        BpmnModelInstance model = model(OnboardingProcess.OFFBOARD_PROCESS_KEY);
        for (var field : OnboardingProcess.OffboardingElements.class.getFields()) {
            String id = (String) field.get(null);
            assertThat((Object) model.getModelElementById(id)).as(field.getName() + " = " + id).isInstanceOf(FlowNode.class);
        }
    }

    private static String retryCycle(ServiceTask task) {
        return task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
                .singleResult().getTextContent();
    }

    @Test
    void bulkElementIdsMatchTheSharedConstants() throws IllegalAccessException {
        BpmnModelInstance model = model(BulkOnboardingProcess.PROCESS_KEY);
        for (var field : BulkOnboardingProcess.Elements.class.getFields()) {
            String id = (String) field.get(null);
            assertThat((Object) model.getModelElementById(id)).as(field.getName() + " = " + id).isInstanceOf(FlowNode.class);
        }
    }

    private BpmnModelInstance model(String key) {
        ProcessDefinition definition = processEngine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(key).latestVersion().singleResult();
        return processEngine.getRepositoryService().getBpmnModelInstance(definition.getId());
    }
}
