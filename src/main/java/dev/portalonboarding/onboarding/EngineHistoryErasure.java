package dev.portalonboarding.onboarding;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;

/**
 * Strips a contact's personal data from the engine history of every process that was about it
 * (onboardings, revocations, resends, offboardings, erasures): its historic variables holding personal data go,
 * with their details; process instances, activities, tasks and user operations stay. Form submissions
 * are history details without a variable (written under full history only), which the API cannot
 * delete: one statement does. What the API
 * cannot rewrite either, SQL does: business keys that were the email (onboardings started before the
 * contact id became the key) become the contact id, and the email in free text the engine wrote (task
 * names and descriptions, incident and job failure messages with their stack traces, user operation
 * values) becomes the contact's placeholder. Runtime rows need none of this: no other process about the
 * contact may run, and the erasure's own never held the email past its start.
 */
@Component
class EngineHistoryErasure {

    /** The variables that hold personal data or free text that may (names, reasons, summaries). */
    static final Set<String> PERSONAL_VARIABLES = Set.of(Variables.FIRST_NAME, Variables.LAST_NAME,
            Variables.EMAIL, Variables.COMPANY, Variables.IDENTITY_EMAIL, Variables.IDENTITY_NAME,
            Variables.IDENTITY_SUBJECT, Variables.IDENTITY_ISSUER, Variables.OUTCOME_REASON,
            Variables.REVIEW_CONTEXT, Variables.CLOSE_REASON, Variables.REVOKE_REASON, Variables.RESEND_REASON,
            Variables.OFFBOARD_REASON);

    /** The engine's free text about a process that may name the email (an older model's, a failure's). */
    private static final List<FreeText> FREE_TEXT = List.of(
            new FreeText("act_hi_taskinst", "proc_inst_id_", List.of("name_", "description_")),
            new FreeText("act_hi_incident", "proc_inst_id_", List.of("incident_msg_")),
            new FreeText("act_hi_job_log", "process_instance_id_", List.of("job_exception_msg_")),
            new FreeText("act_hi_op_log", "proc_inst_id_", List.of("org_value_", "new_value_")));

    private final InvitationRepository invitations;
    private final JdbcClient jdbc;

    EngineHistoryErasure(InvitationRepository invitations, JdbcClient jdbc) {
        this.invitations = invitations;
        this.jdbc = jdbc;
    }

    /**
     * Erases the history of the contact's processes but the calling one's live variables; refused while
     * another of them runs, since its variables are still in use. Returns the ids of the processes about
     * the contact (the calling one among them).
     */
    Set<String> erase(ProcessEngineServices engine, String currentProcessInstanceId, Contact contact,
            Collection<String> emails) {
        HistoryService history = engine.getHistoryService();
        // On the process's behalf: it strips processes the requester or approver may not read
        return Context.getCommandContext().runWithoutAuthorization(() -> {
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
            jdbc.sql("update " + prefix + "act_hi_procinst set business_key_ = :contactId"
                            + " where proc_inst_id_ in (:instances) and lower(business_key_) in (:emails)")
                    .param("contactId", contact.id().toString())
                    .param("instances", instances)
                    .param("emails", emails)
                    .update();
            Pattern anyEmail = Pattern.compile(emails.stream().map(Pattern::quote).collect(Collectors.joining("|")),
                    Pattern.CASE_INSENSITIVE);
            String placeholder = ContactRepository.erasedPlaceholder(contact.id());
            for (FreeText text : FREE_TEXT) {
                rewrite(prefix, text, instances, anyEmail, placeholder);
            }
            rewriteStackTraces(prefix, instances, anyEmail, placeholder);
            return Set.copyOf(instances);
        });
    }

    /** A table's free-text columns, found by process instance. */
    private record FreeText(String table, String instanceColumn, List<String> columns) {
    }

    private void rewrite(String prefix, FreeText text, Set<String> instances, Pattern anyEmail, String placeholder) {
        String columns = String.join(", ", text.columns());
        List<Map<String, Object>> rows = jdbc.sql("select id_, " + columns + " from " + prefix + text.table()
                + " where " + text.instanceColumn() + " in (:instances)").param("instances", instances)
                .query().listOfRows();
        for (Map<String, Object> row : rows) {
            for (String column : text.columns()) {
                Object value = row.get(column);
                if (value instanceof String before && anyEmail.matcher(before).find()) {
                    jdbc.sql("update " + prefix + text.table() + " set " + column + " = :value where id_ = :id")
                            .param("value", anyEmail.matcher(before).replaceAll(placeholder))
                            .param("id", row.get("id_"))
                            .update();
                }
            }
        }
    }

    /** Failed jobs keep their stack trace, message included, as a byte array of UTF-8 text. */
    private void rewriteStackTraces(String prefix, Set<String> instances, Pattern anyEmail, String placeholder) {
        List<Map<String, Object>> traces = jdbc.sql("select id_, bytes_ from " + prefix + "act_ge_bytearray"
                        + " where id_ in (select job_exception_stack_id_ from " + prefix + "act_hi_job_log"
                        + " where process_instance_id_ in (:instances))")
                .param("instances", instances).query().listOfRows();
        for (Map<String, Object> trace : traces) {
            if (trace.get("bytes_") instanceof byte[] bytes) {
                String before = new String(bytes, StandardCharsets.UTF_8);
                if (anyEmail.matcher(before).find()) {
                    jdbc.sql("update " + prefix + "act_ge_bytearray set bytes_ = :bytes where id_ = :id")
                            .param("bytes", anyEmail.matcher(before).replaceAll(placeholder)
                                    .getBytes(StandardCharsets.UTF_8))
                            .param("id", trace.get("id_"))
                            .update();
                }
            }
        }
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
