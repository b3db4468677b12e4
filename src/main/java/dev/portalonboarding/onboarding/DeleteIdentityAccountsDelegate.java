package dev.portalonboarding.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactIdentity;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.identity.IdentityProvider;

/**
 * BPMN task "Delete identity accounts" (asynchronous, retried) in erase-contact.bpmn: deletes the erased
 * contact's accounts at the identity provider, each link after its account. An outage fails the job; it
 * retries (the accounts deleted already count as done) and then becomes an incident.
 */
@Component
class DeleteIdentityAccountsDelegate implements JavaDelegate {

    private final OnboardingRecords records;
    private final ContactRepository contacts;
    private final IdentityProvider identityProvider;

    DeleteIdentityAccountsDelegate(OnboardingRecords records, ContactRepository contacts,
            IdentityProvider identityProvider) {
        this.records = records;
        this.contacts = contacts;
        this.identityProvider = identityProvider;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Contact contact = records.contact(execution);
        for (ContactIdentity identity : contacts.findIdentities(contact.id())) {
            identityProvider.deleteAccount(identity);
            contacts.deleteIdentity(identity);
        }
    }
}
