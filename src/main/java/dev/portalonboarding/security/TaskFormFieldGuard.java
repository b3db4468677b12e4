package dev.portalonboarding.security;

import static dev.portalonboarding.security.EngineFields.field;
import static dev.portalonboarding.security.EngineFields.read;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

import dev.portalonboarding.bulk.BulkOnboardingProcess;
import dev.portalonboarding.onboarding.ErasureProcess;
import dev.portalonboarding.onboarding.InputPolicy;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.RejectedRequestException;

/**
 * Refuses a task completion (submit-form, complete, resolve) that sends a variable its task's form does
 * not have, such as {@code startedBy}: the engine would write it into the process instance. The fields
 * are declared per task in the processes' constants; a task without a declaration accepts none. Runs in
 * the command's context, before the command, so it finds the task as the command will.
 */
class TaskFormFieldGuard extends CommandInterceptor {

    /** Form fields by task definition key; start-up fails if two processes declare the same task id. */
    private static final Map<String, Set<String>> FORM_FIELDS = Stream.of(
                    OnboardingProcess.TASK_FORM_FIELDS, ErasureProcess.TASK_FORM_FIELDS,
                    BulkOnboardingProcess.TASK_FORM_FIELDS)
            .flatMap(fields -> fields.entrySet().stream())
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    /** What a completion works on. */
    private static final Field COMPLETE_TASK_ID = field(CompleteTaskCmd.class, "taskId");
    private static final Field COMPLETE_VARIABLES = field(CompleteTaskCmd.class, "variables");
    private static final Field SUBMIT_TASK_ID = field(SubmitTaskFormCmd.class, "taskId");
    private static final Field SUBMIT_VARIABLES = field(SubmitTaskFormCmd.class, "properties");

    @Override
    public <T> T execute(Command<T> command) {
        if (command instanceof CompleteTaskCmd) {
            refuseUnknownFields(read(COMPLETE_TASK_ID, command), read(COMPLETE_VARIABLES, command));
        } else if (command instanceof SubmitTaskFormCmd) {
            refuseUnknownFields(read(SUBMIT_TASK_ID, command), read(SUBMIT_VARIABLES, command));
        }
        return next.execute(command);
    }

    private static void refuseUnknownFields(Object taskId, Object variables) {
        if (!(taskId instanceof String id) || !(variables instanceof Map<?, ?> sent) || sent.isEmpty()) {
            return;
        }
        // Unknown task: the command itself refuses it
        TaskEntity task = Context.getCommandContext().getTaskManager().findTaskById(id);
        if (task == null) {
            return;
        }
        Set<String> fields = FORM_FIELDS.getOrDefault(task.getTaskDefinitionKey(), Set.of());
        Set<String> unknown = sent.keySet().stream().map(String::valueOf).filter(name -> !fields.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!unknown.isEmpty()) {
            throw new RejectedRequestException("Unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + unknown.stream().map(InputPolicy::quoted).collect(Collectors.joining(", "))
                    + (fields.isEmpty() ? ": this task takes none."
                            : ": this task takes only " + String.join(", ", new TreeSet<>(fields)) + "."));
        }
    }
}
