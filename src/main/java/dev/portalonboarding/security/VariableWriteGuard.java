package dev.portalonboarding.security;

import java.util.Collections;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

import dev.portalonboarding.onboarding.RejectedRequestException;

/**
 * Refuses a signed-in user's direct variable write (set, modify or remove, on a task or an execution):
 * the engine lets a task's candidates write any variable through the task, {@code startedBy} into the
 * process instance or the review context into the task, and the audit would believe it. Variables come
 * only through the forms, whose fields {@link TaskFormFieldGuard} checks. The service's own code writes
 * without a signed-in user (the portal) or inside a command (delegates, listeners, jobs), and admins keep
 * Cockpit's variable editing, which the engine's operation log records with their name.
 */
class VariableWriteGuard extends CommandInterceptor {

    static final String REFUSAL = "Variables are set only through the forms.";

    private final ProcessEngineConfigurationImpl configuration;

    VariableWriteGuard(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
        if ((command instanceof AbstractVariableCmd || command instanceof AbstractPatchVariablesCmd)
                // Runs before the command context opens: one that exists belongs to an enclosing command
                && Context.getCommandContext() == null) {
            Authentication user = configuration.getIdentityService().getCurrentAuthentication();
            if (user != null && !isAdmin(user)) {
                throw new RejectedRequestException(REFUSAL);
            }
        }
        return next.execute(command);
    }

    private boolean isAdmin(Authentication user) {
        return configuration.getAdminUsers() != null && configuration.getAdminUsers().contains(user.getUserId())
                || user.getGroupIds() != null && configuration.getAdminGroups() != null
                        && !Collections.disjoint(user.getGroupIds(), configuration.getAdminGroups());
    }
}
