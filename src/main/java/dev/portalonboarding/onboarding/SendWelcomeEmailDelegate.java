package dev.portalonboarding.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.portalonboarding.mail.OnboardingMails;

/**
 * BPMN task "Send welcome email" (asynchronous, retried) in portal-user-onboarding.bpmn. Every attempt
 * sends the same Message-ID, named after the redeemed invitation.
 */
@Component
class SendWelcomeEmailDelegate implements JavaDelegate {

    private final OnboardingRecords records;
    private final OnboardingMails mails;

    SendWelcomeEmailDelegate(OnboardingRecords records, OnboardingMails mails) {
        this.records = records;
        this.mails = mails;
    }

    @Override
    public void execute(DelegateExecution execution) {
        mails.sendWelcome(records.contact(execution), OnboardingRecords.invitationId(execution));
    }
}
