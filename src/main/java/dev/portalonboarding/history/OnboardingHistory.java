package dev.portalonboarding.history;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.COMPANY;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.FIRST_NAME;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.LAST_NAME;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.OUTCOME_REASON;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Service;

import dev.portalonboarding.history.TimelineEntry.Source;
import dev.portalonboarding.invitation.InvitationEvent;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.onboarding.OnboardingProcess;

/**
 * Reads onboardings, running and finished, from the engine history as the signed-in user, so the
 * engine's READ_HISTORY authorization decides what they see. The invitation audit trail of an
 * onboarding is only shown once the engine has let the user see that onboarding.
 */
@Service
public class OnboardingHistory {

    /** The largest page the API serves, and the page size of the CSV export. */
    static final int MAX_PAGE_SIZE = 500;

    private final HistoryService history;
    private final IdentityService identity;
    private final InvitationEvents invitationEvents;

    public OnboardingHistory(HistoryService history, IdentityService identity, InvitationEvents invitationEvents) {
        this.history = history;
        this.identity = identity;
        this.invitationEvents = invitationEvents;
    }

    /** The signed-in user, as the engine checks authorizations for them. */
    public record Reader(String userId, List<String> groupIds) {
    }

    public OnboardingPage find(Reader reader, OnboardingFilter filter, int page, int size) {
        return asReader(reader, () -> {
            HistoricProcessInstanceQuery query = query(filter);
            long total = query.count();
            List<HistoricProcessInstance> onboardings = query.orderByProcessInstanceStartTime().desc()
                    .orderByProcessInstanceId().asc()
                    .listPage(page * size, size);
            return new OnboardingPage(total, page, size, summaries(onboardings));
        });
    }

    public Optional<OnboardingTimeline> timeline(Reader reader, String processInstanceId) {
        return asReader(reader, () -> {
            HistoricProcessInstance onboarding = history.createHistoricProcessInstanceQuery()
                    .processDefinitionKey(OnboardingProcess.PROCESS_KEY)
                    .processInstanceId(processInstanceId)
                    .singleResult();
            if (onboarding == null) {
                return Optional.empty();
            }
            List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
                    .processInstanceId(processInstanceId)
                    .orderByHistoricActivityInstanceStartTime().asc()
                    .orderPartiallyByOccurrence().asc()
                    .list();
            List<TimelineEntry> entries = new ArrayList<>();
            activities.forEach(activity -> entries.add(activityEntry(activity)));
            entries.addAll(operationEntries(processInstanceId));
            invitationEvents.findByProcessInstance(processInstanceId)
                    .forEach(event -> entries.add(invitationEntry(event)));
            // Stable: entries of one instant keep the order of their source
            entries.sort(Comparator.comparing(TimelineEntry::at));

            Set<String> passed = activities.stream().map(HistoricActivityInstance::getActivityId)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            Set<String> active = activities.stream().filter(activity -> activity.getEndTime() == null)
                    .map(HistoricActivityInstance::getActivityId)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            return Optional.of(new OnboardingTimeline(summaries(List.of(onboarding)).get(0),
                    onboarding.getProcessDefinitionId(), passed, active, entries));
        });
    }

    HistoricProcessInstanceQuery query(OnboardingFilter filter) {
        HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(OnboardingProcess.PROCESS_KEY);
        if (filter.email() != null) {
            // The business key is the onboarding's email, stored lower-cased
            query.processInstanceBusinessKeyLike("%" + filter.email().trim().toLowerCase() + "%");
        }
        if (filter.company() != null) {
            query.variableValueLike(COMPANY, "%" + filter.company().trim() + "%").matchVariableValuesIgnoreCase();
        }
        if (filter.outcome() != null) {
            filter.outcome().restrict(query);
        }
        if (filter.from() != null) {
            query.startedAfter(Date.from(filter.from().atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        if (filter.to() != null) {
            query.startedBefore(Date.from(filter.to().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        return query;
    }

    List<OnboardingSummary> summaries(List<HistoricProcessInstance> onboardings) {
        if (onboardings.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, Object>> variables = new HashMap<>();
        history.createHistoricVariableInstanceQuery()
                .processInstanceIdIn(onboardings.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
                .variableNameIn(FIRST_NAME, LAST_NAME, COMPANY, OUTCOME_REASON)
                .disableCustomObjectDeserialization()
                .list()
                .forEach(variable -> variables.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
                        .put(variable.getName(), variable.getValue()));
        return onboardings.stream().map(onboarding -> {
            Map<String, Object> values = variables.getOrDefault(onboarding.getId(), Map.of());
            return new OnboardingSummary(
                    onboarding.getId(),
                    onboarding.getBusinessKey(),
                    text(values.get(FIRST_NAME)),
                    text(values.get(LAST_NAME)),
                    text(values.get(COMPANY)),
                    onboarding.getStartUserId(),
                    instant(onboarding.getStartTime()),
                    instant(onboarding.getEndTime()),
                    OnboardingOutcome.of(onboarding),
                    text(values.get(OUTCOME_REASON)));
        }).toList();
    }

    private static TimelineEntry activityEntry(HistoricActivityInstance activity) {
        String name = activity.getActivityName() != null ? activity.getActivityName() : activity.getActivityId();
        String detail = activity.getActivityType() + (activity.isCanceled() ? ", cancelled" : "");
        return new TimelineEntry(instant(activity.getStartTime()), instant(activity.getEndTime()), Source.ACTIVITY,
                name, activity.getAssignee(), detail, null, null);
    }

    /** The engine logs one entry per changed property; one operation becomes one timeline line. */
    private List<TimelineEntry> operationEntries(String processInstanceId) {
        Map<String, List<UserOperationLogEntry>> operations = history.createUserOperationLogQuery()
                .processInstanceId(processInstanceId)
                .orderByTimestamp().asc()
                .list()
                .stream()
                .collect(Collectors.groupingBy(UserOperationLogEntry::getOperationId, LinkedHashMap::new,
                        Collectors.toList()));
        return operations.values().stream().map(entries -> {
            UserOperationLogEntry first = entries.get(0);
            String detail = entries.stream()
                    .filter(entry -> entry.getProperty() != null && entry.getNewValue() != null)
                    .map(entry -> entry.getProperty() + ": " + entry.getNewValue())
                    .collect(Collectors.joining(", "));
            return new TimelineEntry(instant(first.getTimestamp()), null, Source.OPERATION,
                    first.getOperationType() + " " + first.getEntityType(), first.getUserId(),
                    detail.isEmpty() ? null : detail, null, null);
        }).toList();
    }

    private static TimelineEntry invitationEntry(InvitationEvent event) {
        return new TimelineEntry(event.occurredAt(), null, Source.INVITATION, event.type().name(), event.actor(),
                event.detail(), event.ip(), event.userAgent());
    }

    <T> T asReader(Reader reader, Supplier<T> work) {
        identity.setAuthentication(reader.userId(), reader.groupIds());
        try {
            return work.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
