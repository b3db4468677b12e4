package dev.portalonboarding.onboarding;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;

/**
 * Strips a contact's personal data from the engine history of every process that was about it
 * (onboardings, revocations, resends, offboardings, erasures): its historic variables holding personal data go,
 * with their details; process instances, activities, tasks and user operations stay. Form submissions
 * are history details without a variable, which the API cannot delete: one statement does.
 */
@Component
class EngineHistoryErasure {

    /** The variables that hold personal data or free text that may (names, reasons, summaries). */
    static final Set<String> PERSONAL_VARIABLES = Set.of(Variables.FIRST_NAME, Variables.LAST_NAME,
            Variables.EMAIL, Variables.COMPANY, Variables.IDENTITY_EMAIL, Variables.IDENTITY_NAME,
            Variables.IDENTITY_SUBJECT, Variables.IDENTITY_ISSUER, Variables.OUTCOME_REASON,
            Variables.REVIEW_CONTEXT, Variables.CLOSE_REASON, Variables.REVOKE_REASON, Variables.RESEND_REASON,
            Variables.OFFBOARD_REASON);

    private final InvitationRepository invitations;
    private final JdbcClient jdbc;

    EngineHistoryErasure(InvitationRepository invitations, JdbcClient jdbc) {
        this.invitations = invitations;
        this.jdbc = jdbc;
    }

    /**
     * Erases the history of the contact's processes but the calling one's live variables; refused while
     * another of them runs, since its variables are still in use.
     */
    void erase(ProcessEngineServices engine, String currentProcessInstanceId, Contact contact,
            Collection<String> emails) {
        HistoryService history = engine.getHistoryService();
        // On the process's behalf: it strips processes the requester or approver may not read
        Context.getCommandContext().runWithoutAuthorization(() -> {
            Set<String> instances = processInstancesOf(history, contact, emails);
            List<String> running = history.createHistoricProcessInstanceQuery()
                    .processInstanceIds(instances).unfinished().list().stream()
                    .map(HistoricProcessInstance::getId)
                    .filter(id -> !id.equals(currentProcessInstanceId))
                    .toList();
            if (!running.isEmpty()) {
                throw new RejectedRequestException("Processes about this contact still run (" + String.join(", ", running)
                        + "); end them first, then approve the erasure.");
            }
            for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                    .processInstanceIdIn(instances.toArray(String[]::new)).variableNameIn(
                            PERSONAL_VARIABLES.toArray(String[]::new)).includeDeleted().list()) {
                // The running erasure's own variables are live, except the email it removed at its start
                if (!variable.getProcessInstanceId().equals(currentProcessInstanceId)
                        || HistoricVariableInstance.STATE_DELETED.equals(variable.getState())) {
                    history.deleteHistoricVariableInstance(variable.getId());
                }
            }
            String prefix = Context.getProcessEngineConfiguration().getDatabaseTablePrefix();
            jdbc.sql("delete from " + prefix + "act_hi_detail where type_ = 'FormProperty'"
                            + " and proc_inst_id_ in (:instances) and name_ in (:names)")
                    .param("instances", instances)
                    .param("names", PERSONAL_VARIABLES)
                    .update();
            return null;
        });
    }

    private Set<String> processInstancesOf(HistoryService history, Contact contact, Collection<String> emails) {
        Set<String> instances = new TreeSet<>();
        invitations.findByContact(contact.id()).stream().map(Invitation::processInstanceId).forEach(instances::add);
        if (contact.onboardingProcessInstanceId() != null) {
            instances.add(contact.onboardingProcessInstanceId());
        }
        // Business keys: the contact id from now on, the email for onboardings started before
        for (String key : concat(List.of(contact.id().toString()), emails)) {
            history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).list().stream()
                    .map(HistoricProcessInstance::getId).forEach(instances::add);
        }
        // Processes that only named the email: revocations, resends, onboardings refused at their start
        for (String email : emails) {
            for (String name : List.of(Variables.EMAIL, Variables.IDENTITY_EMAIL)) {
                history.createHistoricVariableInstanceQuery().variableValueEquals(name, email)
                        .matchVariableValuesIgnoreCase().includeDeleted().list().stream()
                        .map(HistoricVariableInstance::getProcessInstanceId).forEach(instances::add);
            }
        }
        return instances;
    }

    private static List<String> concat(List<String> first, Collection<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
