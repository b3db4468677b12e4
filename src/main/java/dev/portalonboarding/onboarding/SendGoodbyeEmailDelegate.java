package dev.portalonboarding.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.portalonboarding.mail.OnboardingMails;

/**
 * BPMN task "Send goodbye email" (asynchronous, retried) in offboard-portal-user.bpmn, when staff ticked
 * it. Every attempt sends the same Message-ID, named after the offboarding.
 */
@Component
class SendGoodbyeEmailDelegate implements JavaDelegate {

    private final OnboardingRecords records;
    private final OnboardingMails mails;

    SendGoodbyeEmailDelegate(OnboardingRecords records, OnboardingMails mails) {
        this.records = records;
        this.mails = mails;
    }

    @Override
    public void execute(DelegateExecution execution) {
        mails.sendGoodbye(records.contact(execution), execution.getProcessInstanceId());
    }
}
