package dev.portalonboarding.onboarding;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

import dev.portalonboarding.contact.ContactRepository;

/** TEMPORARY stand-in for branch i11-facade's Onboardings (same signatures), removed when it lands on main. */
@Service
public class Onboardings {

    public enum StartOutcome { STARTED, ALREADY_ACTIVE, ALREADY_RUNNING }

    public record Started(String onboardingId, String contactId, StartOutcome outcome, String existingOnboardingId) {
    }

    private final RuntimeService runtime;
    private final IdentityService identity;
    private final ContactRepository contacts;

    Onboardings(RuntimeService runtime, IdentityService identity, ContactRepository contacts) {
        this.runtime = runtime;
        this.identity = identity;
        this.contacts = contacts;
    }

    public Started start(Actor actor, OnboardingRequest request, Integer validityDays) {
        VariableMap variables = Variables.createVariables()
                .putValue(OnboardingProcess.Variables.FIRST_NAME, request.firstName())
                .putValue(OnboardingProcess.Variables.LAST_NAME, request.lastName())
                .putValue(OnboardingProcess.Variables.EMAIL, request.email())
                .putValue(OnboardingProcess.Variables.COMPANY, request.company())
                .putValue(OnboardingProcess.Variables.LANGUAGE, request.language())
                .putValue(OnboardingProcess.Variables.ROLES,
                        request.roles() == null ? null : new ArrayList<>(request.roles()));
        if (validityDays != null) {
            variables.putValue(OnboardingProcess.Variables.VALIDITY_DAYS, validityDays);
        }
        ProcessInstanceWithVariables instance = as(actor, () -> runtime
                .createProcessInstanceByKey(OnboardingProcess.PROCESS_KEY)
                .setVariables(variables).executeWithVariablesInReturn());
        Object check = instance.getVariables().get(OnboardingProcess.Variables.CONTACT_CHECK);
        Object contactId = instance.getVariables().get(OnboardingProcess.Variables.CONTACT_ID);
        StartOutcome outcome = check == null || "READY".equals(String.valueOf(check)) ? StartOutcome.STARTED
                : StartOutcome.valueOf(String.valueOf(check));
        String existing = outcome == StartOutcome.ALREADY_RUNNING
                ? contacts.findByEmails(List.of(request.email())).stream().findFirst()
                        .map(contact -> contact.onboardingProcessInstanceId()).orElse(null)
                : null;
        return new Started(instance.getId(), contactId == null ? null : contactId.toString(), outcome, existing);
    }

    public String resend(Actor actor, String email, String reason) {
        throw new RejectedRequestException("Resending is not available yet.");
    }

    public String revoke(Actor actor, String email, String reason) {
        return as(actor, () -> runtime.createProcessInstanceByKey(OnboardingProcess.REVOKE_PROCESS_KEY)
                .setVariables(Variables.createVariables().putValue(OnboardingProcess.Variables.EMAIL, email)
                        .putValue(OnboardingProcess.Variables.REVOKE_REASON, reason))
                .execute().getId());
    }

    public String offboard(Actor actor, String email, String reason) {
        return as(actor, () -> runtime.createProcessInstanceByKey(OnboardingProcess.OFFBOARD_PROCESS_KEY)
                .setVariables(Variables.createVariables().putValue(OnboardingProcess.Variables.EMAIL, email)
                        .putValue(OnboardingProcess.Variables.OFFBOARD_REASON, reason))
                .execute().getId());
    }

    public String requestErasure(Actor actor, String email, String reason) {
        throw new RejectedRequestException("Not available yet.");
    }

    private <T> T as(Actor actor, java.util.function.Supplier<T> work) {
        identity.setAuthentication(actor.userId(), actor.groupIds());
        try {
            return work.get();
        } finally {
            identity.clearAuthentication();
        }
    }
}
