package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_CHECK;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.OUTCOME_REASON;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.contact.ContactStatus;
import dev.portalonboarding.onboarding.OnboardingProcess.ContactCheck;

/** BPMN task "Create contact" in portal-user-onboarding.bpmn. */
@Component
class CreateContactDelegate implements JavaDelegate {

    private final OnboardingRequestValidator validator;
    private final ContactRepository contacts;
    private final OnboardingEligibility eligibility;
    private final Clock clock;

    CreateContactDelegate(OnboardingRequestValidator validator, ContactRepository contacts,
            OnboardingEligibility eligibility, Clock clock) {
        this.validator = validator;
        this.contacts = contacts;
        this.eligibility = eligibility;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OnboardingRequest request = validator.validRequest(execution);
        String processInstanceId = execution.getProcessInstanceId();
        // Stored normalised, so later steps and searches see one spelling (rewritten only when it differs:
        // every write is a row in the history)
        if (!request.email().equals(execution.getVariable(EMAIL))) {
            execution.setVariable(EMAIL, request.email());
        }

        Optional<Contact> existing = contacts.findByEmailForUpdate(request.email());
        if (existing.isEmpty()) {
            UUID id = UUID.randomUUID();
            contacts.insert(new Contact(id, request.email(), request.firstName(), request.lastName(),
                    request.company(), request.language(), request.roles(), ContactStatus.PENDING,
                    processInstanceId, clock.instant(), null));
            ready(execution, id);
            return;
        }

        Contact contact = existing.get();
        about(execution, contact.id());
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

    private static void ready(DelegateExecution execution, UUID contactId) {
        about(execution, contactId);
        execution.setVariable(CONTACT_CHECK, ContactCheck.READY.name());
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
        execution.setVariable(CONTACT_CHECK, check.name());
        execution.setVariable(OUTCOME_REASON, reason);
    }
}
