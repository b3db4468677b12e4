package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_CHECK;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.OUTCOME_REASON;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.REQUEST_FIELDS;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.VALIDITY_DAYS;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactEventType;
import dev.portalonboarding.contact.ContactEvents;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.contact.ContactStatus;
import dev.portalonboarding.onboarding.OnboardingProcess.ContactCheck;

/**
 * BPMN task "Create contact" in portal-user-onboarding.bpmn. The request's fields go into the contact
 * record and the REQUESTED audit entry; the engine keeps only the contact id (and, on a refusal, why).
 */
@Component
class CreateContactDelegate implements JavaDelegate {

    private final OnboardingRequestValidator validator;
    private final ContactRepository contacts;
    private final ContactEvents contactEvents;
    private final OnboardingEligibility eligibility;
    private final Clock clock;

    CreateContactDelegate(OnboardingRequestValidator validator, ContactRepository contacts,
            ContactEvents contactEvents, OnboardingEligibility eligibility, Clock clock) {
        this.validator = validator;
        this.contacts = contacts;
        this.contactEvents = contactEvents;
        this.eligibility = eligibility;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OnboardingRequest request = validator.validRequest(execution);
        String processInstanceId = execution.getProcessInstanceId();
        forgetRequestFields(execution);

        Optional<Contact> existing = contacts.findByEmailForUpdate(request.email());
        if (existing.isEmpty()) {
            UUID id = UUID.randomUUID();
            contacts.insert(new Contact(id, request.email(), request.firstName(), request.lastName(),
                    request.company(), request.language(), request.roles(), ContactStatus.PENDING,
                    processInstanceId, clock.instant(), null));
            recordRequest(execution, id, request);
            ready(execution, id);
            return;
        }

        Contact contact = existing.get();
        about(execution, contact.id());
        recordRequest(execution, contact.id(), request);
        switch (eligibility.check(contact, processInstanceId)) {
            // The reasons name the contact by id: free text outlives an erasure's reach
            case ALREADY_ACTIVE -> refuse(execution, ContactCheck.ALREADY_ACTIVE, "Contact " + contact.id()
                    + " is already an active portal user; no invitation was sent.");
            case ALREADY_RUNNING -> refuse(execution, ContactCheck.ALREADY_RUNNING, "An onboarding of contact "
                    + contact.id() + " is already running (process instance "
                    + contact.onboardingProcessInstanceId() + "); no second invitation was sent.");
            case READY -> {
                contacts.assignToOnboarding(contact.id(), request.firstName(), request.lastName(),
                        request.company(), request.language(), request.roles(), processInstanceId);
                ready(execution, contact.id());
            }
        }
    }

    /**
     * Removed in the start's transaction, the form's fields are never written (a sixth of an onboarding's
     * rows). Issue invitation, next in this transaction, still reads the validity.
     */
    private static void forgetRequestFields(DelegateExecution execution) {
        REQUEST_FIELDS.stream().filter(name -> !VALIDITY_DAYS.equals(name)).forEach(execution::removeVariable);
    }

    /** Who asked for what, when: what the form's fields told the engine's history before. */
    private void recordRequest(DelegateExecution execution, UUID contactId, OnboardingRequest request) {
        contactEvents.recordFor(execution.getProcessInstanceId(), contactId, ContactEventType.REQUESTED,
                CurrentActor.of(execution), request.firstName() + " " + request.lastName() + ", "
                        + request.company() + "; language " + request.language() + "; roles "
                        + String.join(", ", request.roles()));
    }

    private static void ready(DelegateExecution execution, UUID contactId) {
        about(execution, contactId);
        execution.setVariable(CONTACT_CHECK, Variables.stringValue(ContactCheck.READY.name(), true));
    }

    /**
     * The contact id names the onboarding, as variable and business key (never the email, which the
     * engine's history would keep where an erasure cannot reach), from the start's transaction on.
     */
    private static void about(DelegateExecution execution, UUID contactId) {
        execution.setVariable(CONTACT_ID, contactId.toString());
        execution.setProcessBusinessKey(contactId.toString());
    }

    private static void refuse(DelegateExecution execution, ContactCheck check, String reason) {
        execution.setVariable(CONTACT_CHECK, Variables.stringValue(check.name(), true));
        execution.setVariable(OUTCOME_REASON, reason);
    }
}
