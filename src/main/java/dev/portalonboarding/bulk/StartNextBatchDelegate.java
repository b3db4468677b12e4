package dev.portalonboarding.bulk;

import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.LOOP_COUNTER;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.ROWS_LEFT;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.STARTERS;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Variables.STARTER_ROWS_DONE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess.ContactCheck;
import dev.portalonboarding.onboarding.OnboardingRequest;

/**
 * BPMN task "Start next batch" (asynchronous, one job per batch) in bulk-onboarding.bpmn. Starts one
 * Portal user onboarding per pending row of this starter's share and records each result, all in the
 * job's transaction: after a crash the job runs again and finds only the rows not yet started.
 * The onboardings are started as the bulk's uploader, with the uploader's Camunda grants of now: the
 * engine records the uploader as their initiator, and the invitation trail names the uploader.
 */
@Component
public class StartNextBatchDelegate implements JavaDelegate {

    private final BulkRowRepository rows;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final OnboardingProperties properties;
    private final List<UploaderGroups> otherUploaders;

    public StartNextBatchDelegate(BulkRowRepository rows, RuntimeService runtime, HistoryService history,
            IdentityService identity, AuthorizationService authorizations, OnboardingProperties properties,
            List<UploaderGroups> otherUploaders) {
        this.otherUploaders = otherUploaders;
        this.rows = rows;
        this.runtime = runtime;
        this.history = history;
        this.identity = identity;
        this.authorizations = authorizations;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int batchSize = properties.bulk().batchSize();
        List<BulkRow> batch = rows.lockNextPending(execution.getProcessInstanceId(),
                (Integer) execution.getVariable(LOOP_COUNTER), (Integer) execution.getVariable(STARTERS), batchSize);
        Object validityDays = execution.getVariable(OnboardingProcess.Variables.VALIDITY_DAYS);
        String uploader = history.createHistoricProcessInstanceQuery()
                .processInstanceId(execution.getProcessInstanceId()).singleResult().getStartUserId();
        List<String> groups = uploader == null ? List.of() : groupsOf(uploader);

        List<BulkRow> results = new ArrayList<>(batch.size());
        if (uploader != null && !mayStartOnboardings(uploader, groups)) {
            String reason = "not started: " + uploader + " may no longer start Portal user onboardings"
                    + " (Camunda authorization)";
            batch.forEach(row -> results.add(row.withResult(BulkRowStatus.SKIPPED, reason, null)));
        } else if (!batch.isEmpty()) {
            asUploader(uploader, groups, () -> batch.forEach(row -> results.add(start(row, validityDays))));
        }
        rows.recordResults(results);

        Integer done = (Integer) execution.getVariableLocal(STARTER_ROWS_DONE);
        execution.setVariableLocal(STARTER_ROWS_DONE, (done == null ? 0 : done) + batch.size());
        // Transient: only the gateway right after this task reads it. A starter ends after a batch that
        // found nothing, so the job that completes it (and may collide with another starter) starts nothing.
        execution.setVariableLocal(ROWS_LEFT, Variables.booleanValue(!batch.isEmpty(), true));
    }

    private BulkRow start(BulkRow row, Object validityDays) {
        ProcessInstanceWithVariables onboarding = runtime.createProcessInstanceByKey(OnboardingProcess.PROCESS_KEY)
                .setVariables(onboardingStart(row, validityDays))
                .executeWithVariablesInReturn();
        // The onboarding checks the contact again: it may have become active or busy since the dry run
        String check = onboarding.getVariables().getValue(OnboardingProcess.Variables.CONTACT_CHECK, String.class);
        return ContactCheck.READY.name().equals(check)
                ? row.withResult(BulkRowStatus.STARTED, null, onboarding.getId())
                : row.withResult(BulkRowStatus.SKIPPED, onboarding.getVariables()
                        .getValue(OnboardingProcess.Variables.OUTCOME_REASON, String.class), onboarding.getId());
    }

    /** The uploader's engine groups now: memberships in the identity service, or an API client's configured ones. */
    private List<String> groupsOf(String uploader) {
        return otherUploaders.stream().map(source -> source.groupsOf(uploader)).flatMap(Optional::stream).findFirst()
                .orElseGet(() -> identity.createGroupQuery().groupMember(uploader).list().stream()
                        .map(Group::getId).toList());
    }

    /** What the engine checks when the uploader starts an onboarding in Tasklist. */
    private boolean mayStartOnboardings(String uploader, List<String> groups) {
        return authorizations.isUserAuthorized(uploader, groups, Permissions.CREATE_INSTANCE,
                Resources.PROCESS_DEFINITION, OnboardingProcess.PROCESS_KEY)
                && authorizations.isUserAuthorized(uploader, groups, Permissions.CREATE, Resources.PROCESS_INSTANCE);
    }

    /**
     * Runs the starts as the uploader, with the engine's authorization checks on (delegate code runs
     * without them), then restores who and what was before. A bulk started by nobody (the Java API)
     * starts its onboardings as nobody, as before.
     */
    private void asUploader(String uploader, List<String> groups, Runnable starts) {
        if (uploader == null) {
            starts.run();
            return;
        }
        Authentication before = identity.getCurrentAuthentication();
        CommandContext command = Context.getCommandContext();
        boolean checkedBefore = command.isAuthorizationCheckEnabled();
        identity.setAuthentication(uploader, groups);
        command.enableAuthorizationCheck();
        try {
            starts.run();
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

    /**
     * The row's request as the dry run validated it, handed over in the start's transaction only
     * (transient): the onboarding checks the contact again, not the fields. Not startedBy: the engine sets
     * it to the uploader, the authenticated user.
     */
    private static Map<String, Object> onboardingStart(BulkRow row, Object validityDays) {
        OnboardingRequest request = new OnboardingRequest(row.firstName(), row.lastName(), row.email(),
                row.company(), row.language(), Arrays.asList(row.roles().split(";")));
        Map<String, Object> start = new HashMap<>();
        start.put(OnboardingProcess.Variables.VALIDATED_REQUEST, Variables.objectValue(request, true).create());
        if (validityDays != null) {
            start.put(OnboardingProcess.Variables.VALIDITY_DAYS, Variables.untypedValue(validityDays, true));
        }
        return start;
    }
}
