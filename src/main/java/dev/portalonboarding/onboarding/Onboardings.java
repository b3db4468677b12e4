package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.COMPANY;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_CHECK;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.FIRST_NAME;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.LANGUAGE;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.LAST_NAME;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.ROLES;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.VALIDITY_DAYS;

import java.util.UUID;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.Spin;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Service;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.onboarding.OnboardingProcess.ContactCheck;

/**
 * What other modules ask of onboarding: each method starts one of its processes as the actor, as
 * Tasklist would for the signed-in staff member. The engine checks the actor's grants (CREATE_INSTANCE
 * on the definition, CREATE on process instances) and records the actor as the initiator; the processes'
 * first steps validate the input as they do for a Tasklist start, so a refusal creates nothing.
 */
@Service
public class Onboardings {

    public enum StartOutcome { STARTED, ALREADY_ACTIVE, ALREADY_RUNNING }

    /** onboardingId = process instance id of portal-user-onboarding; existingOnboardingId set for ALREADY_RUNNING. */
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

    /**
     * Starts portal-user-onboarding as the actor (engine authorization applies); RejectedRequestException
     * (4xx, our message) for bad input; nothing created then.
     */
    public Started start(Actor actor, OnboardingRequest request, Integer validityDays) {
        if (request == null) {
            throw new RejectedRequestException("Invalid onboarding request: none was sent");
        }
        VariableMap form = Variables.createVariables();
        putIfPresent(form, FIRST_NAME, request.firstName());
        putIfPresent(form, LAST_NAME, request.lastName());
        putIfPresent(form, EMAIL, request.email());
        putIfPresent(form, COMPANY, request.company());
        putIfPresent(form, LANGUAGE, request.language());
        if (request.roles() != null) {
            // As Tasklist's checklist sends them: a JSON array, never a serialized Java object
            form.putValue(ROLES, SpinValues.jsonValue(Spin.JSON(request.roles())).create());
        }
        putIfPresent(form, VALIDITY_DAYS, validityDays);
        ProcessInstanceWithVariables onboarding = as(actor, () -> runtime
                .createProcessInstanceByKey(OnboardingProcess.PROCESS_KEY)
                .setVariables(form)
                .executeWithVariablesInReturn());

        // Create contact ran in the start's transaction: its check and contact are in the returned variables
        VariableMap variables = onboarding.getVariables();
        String contactId = variables.getValue(CONTACT_ID, String.class);
        return switch (ContactCheck.valueOf(variables.getValue(CONTACT_CHECK, String.class))) {
            case READY -> new Started(onboarding.getId(), contactId, StartOutcome.STARTED, null);
            case ALREADY_ACTIVE -> new Started(onboarding.getId(), contactId, StartOutcome.ALREADY_ACTIVE, null);
            case ALREADY_RUNNING -> new Started(onboarding.getId(), contactId, StartOutcome.ALREADY_RUNNING,
                    contacts.findById(UUID.fromString(contactId)).map(Contact::onboardingProcessInstanceId).orElse(null));
        };
    }

    /** Starts resend-invitation as the actor: a new code and email now, the old code dead. RejectedRequestException if nothing to resend. */
    public String resend(Actor actor, String email, String reason) {
        return startContactAction(actor, OnboardingProcess.RESEND_PROCESS_KEY, email,
                OnboardingProcess.Variables.RESEND_REASON, reason);
    }

    /** Starts revoke-invitation as the actor. */
    public String revoke(Actor actor, String email, String reason) {
        return startContactAction(actor, OnboardingProcess.REVOKE_PROCESS_KEY, email,
                OnboardingProcess.Variables.REVOKE_REASON, reason);
    }

    /** Starts offboard-portal-user as the actor; the user gets a goodbye email if asked (the form's checkbox). */
    public String offboard(Actor actor, String email, String reason, boolean sendGoodbyeEmail) {
        VariableMap form = contactActionForm(email, OnboardingProcess.Variables.OFFBOARD_REASON, reason);
        form.putValue(OnboardingProcess.Variables.SEND_GOODBYE_EMAIL, sendGoodbyeEmail);
        return startContactAction(actor, OnboardingProcess.OFFBOARD_PROCESS_KEY, form);
    }

    /** Starts erase-contact as the actor (a second person approves in Tasklist). */
    public String requestErasure(Actor actor, String email, String reason) {
        return startContactAction(actor, ErasureProcess.PROCESS_KEY, email, ErasureProcess.Variables.ERASURE_REASON,
                reason);
    }

    private String startContactAction(Actor actor, String processKey, String email, String reasonField, String reason) {
        return startContactAction(actor, processKey, contactActionForm(email, reasonField, reason));
    }

    private String startContactAction(Actor actor, String processKey, VariableMap form) {
        return as(actor, () -> runtime.startProcessInstanceByKey(processKey, form)).getId();
    }

    /** A start form of email and reason (ContactActionRequest checks both in the process's first step). */
    private static VariableMap contactActionForm(String email, String reasonField, String reason) {
        VariableMap form = Variables.createVariables();
        putIfPresent(form, EMAIL, email);
        putIfPresent(form, reasonField, reason);
        return form;
    }

    /** Absent rather than null, as a form sends an empty field: the start's check names it missing. */
    private static void putIfPresent(VariableMap form, String name, Object value) {
        if (value != null) {
            form.putValue(name, value);
        }
    }

    /**
     * Runs the start as the actor, then restores who was authenticated before. Inside an engine command
     * (a delegate calling) the engine's checks are off for custom code: they are turned on for the start.
     */
    private <T> T as(Actor actor, Supplier<T> start) {
        if (actor == null) {
            throw new IllegalArgumentException("An actor is required: the engine authorizes and records who starts");
        }
        Authentication before = identity.getCurrentAuthentication();
        CommandContext command = Context.getCommandContext();
        boolean checkedBefore = command == null || command.isAuthorizationCheckEnabled();
        identity.setAuthentication(actor.userId(), actor.groupIds());
        if (!checkedBefore) {
            command.enableAuthorizationCheck();
        }
        try {
            return start.get();
        } finally {
            if (!checkedBefore) {
                command.disableAuthorizationCheck();
            }
            if (before == null) {
                identity.clearAuthentication();
            } else {
                identity.setAuthentication(before);
            }
        }
    }
}
