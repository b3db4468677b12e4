package dev.portalonboarding.onboarding;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.ContactRepository;

/**
 * BPMN task "Activate contact" in portal-user-onboarding.bpmn: the contact becomes ACTIVE, which makes
 * the portal roles chosen in the start form effective.
 */
@Component
class ActivateContactDelegate implements JavaDelegate {

    private final OnboardingRecords records;
    private final ContactRepository contacts;
    private final Clock clock;

    ActivateContactDelegate(OnboardingRecords records, ContactRepository contacts, Clock clock) {
        this.records = records;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        contacts.activate(records.contact(execution).id(), clock.instant());
    }
}
