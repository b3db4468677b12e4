package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.ErasureProcess.Variables.ERASURE_REASON;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.EMAIL;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.contact.ContactStatus;

/**
 * BPMN task "Check erasure request" in erase-contact.bpmn, in the start's transaction: finds the contact
 * to erase and keeps only its id, as variable and business key; the email the form sent leaves the
 * variables at once. An unknown or erased contact, or one with a running onboarding or erasure, refuses
 * the start.
 */
@Component
class CheckErasureRequestDelegate implements JavaDelegate {

    private final ContactRepository contacts;

    CheckErasureRequestDelegate(ContactRepository contacts) {
        this.contacts = contacts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ContactActionRequest request = ContactActionRequest.of(execution, ERASURE_REASON, "Invalid erasure request",
                "Löschung nicht beantragt");
        String email = request.email();
        String reason = request.reason();
        Contact contact = contacts.findByEmailForUpdate(email)
                .filter(found -> found.status() != ContactStatus.ERASED)
                .orElseThrow(() -> new RejectedRequestException("There is no contact " + email + " to erase.",
                        "Es gibt keinen Kontakt " + email + " zum Löschen."));
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        String contactId = contact.id().toString();
        // Every process about the contact counts, also those the requester may not read
        Context.getCommandContext().runWithoutAuthorization(() -> {
            if (contact.onboardingProcessInstanceId() != null && runtime.createProcessInstanceQuery()
                    .processInstanceId(contact.onboardingProcessInstanceId()).count() > 0) {
                throw new RejectedRequestException("An onboarding of " + email
                        + " is running; revoke its invitation first, then request the erasure.", "Ein Onboarding von "
                        + email + " läuft; widerrufen Sie zuerst seine Einladung, dann beantragen Sie die Löschung.");
            }
            if (runtime.createProcessInstanceQuery().processDefinitionKey(ErasureProcess.PROCESS_KEY)
                    .processInstanceBusinessKey(contactId).count() > 0) {
                throw new RejectedRequestException("An erasure of " + email + " is already waiting for approval.",
                        "Eine Löschung von " + email + " wartet bereits auf Genehmigung.");
            }
            return null;
        });
        execution.setVariable(CONTACT_ID, contactId);
        execution.setVariable(ERASURE_REASON, reason);
        execution.setProcessBusinessKey(contactId);
        // The email is the personal data this process erases: its history holds it only until the approval
        execution.removeVariable(EMAIL);
    }
}
