package dev.portalonboarding.onboarding;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactStatus;
import dev.portalonboarding.onboarding.OnboardingProcess.ContactCheck;

/**
 * Whether an existing contact may be onboarded: the one rule for single starts (Create contact) and the
 * bulk dry run. An active contact is already onboarded; a contact whose onboarding still runs gets no
 * second one; any other contact may be invited again. An email without a contact is always eligible.
 */
@Component
public class OnboardingEligibility {

    private final RuntimeService runtime;

    OnboardingEligibility(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /**
     * The check for one contact, from the onboarding {@code startingProcessInstanceId} (an onboarding does
     * not block itself). Called inside the engine's command, as both callers are delegates.
     */
    public ContactCheck check(Contact contact, String startingProcessInstanceId) {
        return check(List.of(contact), startingProcessInstanceId).get(contact.id());
    }

    /**
     * The checks for many contacts, by contact id, with one query for their onboardings; null for an
     * onboarding not started yet (the bulk dry run).
     */
    public Map<UUID, ContactCheck> check(Collection<Contact> contacts, String startingProcessInstanceId) {
        Set<String> running = running(contacts.stream()
                .filter(contact -> contact.status() != ContactStatus.ACTIVE)
                .map(Contact::onboardingProcessInstanceId)
                .filter(onboarding -> onboarding != null && !onboarding.equals(startingProcessInstanceId))
                .collect(Collectors.toSet()));
        return contacts.stream().collect(Collectors.toMap(Contact::id, contact -> {
            if (contact.status() == ContactStatus.ACTIVE) {
                return ContactCheck.ALREADY_ACTIVE;
            }
            return running.contains(contact.onboardingProcessInstanceId()) ? ContactCheck.ALREADY_RUNNING
                    : ContactCheck.READY;
        }));
    }

    /**
     * Which of these onboardings still run. Without authorization checks: the rule must see every
     * onboarding, also those the staff member starting this one may not read.
     */
    private Set<String> running(Set<String> processInstanceIds) {
        if (processInstanceIds.isEmpty()) {
            return Set.of();
        }
        return Context.getCommandContext().runWithoutAuthorization(() -> runtime.createProcessInstanceQuery()
                .processInstanceIds(processInstanceIds).list().stream()
                .map(ProcessInstance::getId)
                .collect(Collectors.toSet()));
    }
}
