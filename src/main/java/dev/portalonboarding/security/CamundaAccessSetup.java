package dev.portalonboarding.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.portalonboarding.api.ApiClients;
import dev.portalonboarding.bulk.BulkOnboardingProcess;
import dev.portalonboarding.onboarding.ErasureProcess;
import dev.portalonboarding.onboarding.OnboardingProcess;

/**
 * Creates the staff and auditor groups, their grants and the staff task filters each time the engine
 * starts, and changes nothing that already exists, so restarts and extra nodes are harmless.
 * Admins are the starter's {@code camunda-admin} group ({@code camunda.bpm.admin-user}).
 */
@Component
@Order(0)
public class CamundaAccessSetup extends AbstractCamundaConfiguration {

    public static final String STAFF_GROUP = "onboarding-staff";
    public static final String AUDITOR_GROUP = "onboarding-auditors";
    /** Privacy officers: approve erasures, which someone else requested. */
    public static final String PRIVACY_GROUP = "onboarding-privacy";
    public static final String ERASURES_TO_APPROVE_FILTER = "Erasures to approve";
    public static final String EXPIRED_INVITATIONS_FILTER = "Expired invitations to review";
    public static final String ALL_ONBOARDING_TASKS_FILTER = "All onboarding tasks";
    public static final String BULK_ONBOARDINGS_FILTER = "Bulk onboardings to review";

    /** The processes staff start and whose tasks they work. */
    private static final List<String> STAFF_PROCESSES =
            List.of(OnboardingProcess.PROCESS_KEY, OnboardingProcess.REVOKE_PROCESS_KEY,
                    OnboardingProcess.RESEND_PROCESS_KEY, OnboardingProcess.OFFBOARD_PROCESS_KEY, BulkOnboardingProcess.PROCESS_KEY);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        AuthorizationService authorizations = engine.getAuthorizationService();
        group(identity, STAFF_GROUP, "Onboarding staff");
        group(identity, AUDITOR_GROUP, "Onboarding auditors");
        group(identity, PRIVACY_GROUP, "Privacy officers");
        group(identity, ApiClients.GROUP, "API clients");

        // Staff: Tasklist, start the processes, see and work the onboarding tasks
        grant(authorizations, STAFF_GROUP, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        for (String key : STAFF_PROCESSES) {
            grant(authorizations, STAFF_GROUP, Resources.PROCESS_DEFINITION, key, Permissions.READ,
                    ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
                    ProcessDefinitionPermissions.TASK_WORK);
        }
        // The staff view of onboardings reads their history as the staff member; no Cockpit access comes with it
        grant(authorizations, STAFF_GROUP, Resources.PROCESS_DEFINITION, OnboardingProcess.PROCESS_KEY,
                ProcessDefinitionPermissions.READ_HISTORY);
        // Staff request erasures but never see or work their approval: that is the privacy officers' task
        grant(authorizations, STAFF_GROUP, Resources.PROCESS_DEFINITION, ErasureProcess.PROCESS_KEY, Permissions.READ,
                ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(authorizations, STAFF_GROUP, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);

        // API clients (by default; see README, Integration): start what staff start, decide their own bulks'
        // dry runs, and read the onboardings' history; no webapp. The API's scopes narrow this per client.
        for (String key : STAFF_PROCESSES) {
            grant(authorizations, ApiClients.GROUP, Resources.PROCESS_DEFINITION, key, Permissions.READ,
                    ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
                    ProcessDefinitionPermissions.TASK_WORK, ProcessDefinitionPermissions.READ_HISTORY);
        }
        grant(authorizations, ApiClients.GROUP, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);

        // Privacy officers: Tasklist, see and work the erasure approvals (never start anything)
        grant(authorizations, PRIVACY_GROUP, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(authorizations, PRIVACY_GROUP, Resources.PROCESS_DEFINITION, ErasureProcess.PROCESS_KEY, Permissions.READ,
                ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.TASK_WORK);

        // Auditors: Cockpit, read runtime and history, nothing that changes state
        grant(authorizations, AUDITOR_GROUP, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(authorizations, AUDITOR_GROUP, Resources.PROCESS_DEFINITION, ANY, Permissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.READ_HISTORY);
        grant(authorizations, AUDITOR_GROUP, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
        grant(authorizations, AUDITOR_GROUP, Resources.TASK, ANY, Permissions.READ);
        grant(authorizations, AUDITOR_GROUP, Resources.DEPLOYMENT, ANY, Permissions.READ);

        FilterService filters = engine.getFilterService();
        TaskService tasks = engine.getTaskService();
        Filter expired = filter(filters, EXPIRED_INVITATIONS_FILTER, -10, tasks.createTaskQuery()
                .processDefinitionKey(OnboardingProcess.PROCESS_KEY)
                .taskDefinitionKey(OnboardingProcess.Elements.REVIEW_EXPIRED_INVITATION));
        Filter all = filter(filters, ALL_ONBOARDING_TASKS_FILTER, 0, tasks.createTaskQuery()
                .processDefinitionKeyIn(STAFF_PROCESSES.toArray(String[]::new)));
        // Second in the list, so a bulk's dry run and results are one click away after its start
        Filter bulks = filter(filters, BULK_ONBOARDINGS_FILTER, -5, tasks.createTaskQuery()
                .processDefinitionKey(BulkOnboardingProcess.PROCESS_KEY));
        for (Filter filter : List.of(expired, bulks, all)) {
            grant(authorizations, STAFF_GROUP, Resources.FILTER, filter.getId(), Permissions.READ);
        }
        Filter erasures = filter(filters, ERASURES_TO_APPROVE_FILTER, -20, tasks.createTaskQuery()
                .processDefinitionKey(ErasureProcess.PROCESS_KEY)
                .taskDefinitionKey(ErasureProcess.Elements.APPROVE_ERASURE));
        grant(authorizations, PRIVACY_GROUP, Resources.FILTER, erasures.getId(), Permissions.READ);
    }

    private static void group(IdentityService identity, String id, String name) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

    /** Adds the permissions to the group's grant on the resource, creating the grant if needed. */
    private static void grant(AuthorizationService authorizations, String groupId, Resource resource,
            String resourceId, Permission... permissions) {
        Authorization authorization = authorizations.createAuthorizationQuery()
                .groupIdIn(groupId)
                .resourceType(resource)
                .resourceId(resourceId)
                .authorizationType(AUTH_TYPE_GRANT)
                .singleResult();
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        boolean missing = false;
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                missing = true;
            }
        }
        if (missing) {
            authorizations.saveAuthorization(authorization);
        }
    }

    private static Filter filter(FilterService filters, String name, int priority, TaskQuery query) {
        Filter existing = filters.createFilterQuery().filterName(name).singleResult();
        if (existing != null) {
            return existing;
        }
        Filter filter = filters.newTaskFilter(name)
                .setQuery(query)
                .setProperties(Map.of("priority", priority, "description", name, "refresh", true));
        return filters.saveFilter(filter);
    }
}
