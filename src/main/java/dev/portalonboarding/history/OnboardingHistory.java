package dev.portalonboarding.history;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.COMPANY;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_ID;
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
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactRepository;
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
    /** The most contacts an email search may match: their ids become one query's parameters. */
    static final int MAX_MATCHING_CONTACTS = 1000;

    private final HistoryService history;
    private final IdentityService identity;
    private final InvitationEvents invitationEvents;
    private final ContactRepository contacts;

    public OnboardingHistory(HistoryService history, IdentityService identity, InvitationEvents invitationEvents,
            ContactRepository contacts) {
        this.history = history;
        this.identity = identity;
        this.invitationEvents = invitationEvents;
        this.contacts = contacts;
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

    private HistoricProcessInstanceQuery query(OnboardingFilter filter) {
        HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(OnboardingProcess.PROCESS_KEY);
        if (filter.email() != null) {
            String part = filter.email().trim().toLowerCase();
            List<UUID> matching = contacts.idsWithEmailContaining(part, MAX_MATCHING_CONTACTS + 1);
            if (matching.size() > MAX_MATCHING_CONTACTS) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The email part matches more than "
                        + MAX_MATCHING_CONTACTS + " contacts; give more of the address.");
            }
            // The business key is the contact id, or the lower-cased email for onboardings started before
            HistoricProcessInstanceQuery either = query.or()
                    .processInstanceBusinessKeyLike("%" + part.replace("%", "\\%").replace("_", "\\_") + "%");
            if (!matching.isEmpty()) {
                either.processInstanceBusinessKeyIn(matching.stream().map(UUID::toString).toArray(String[]::new));
            }
            either.endOr();
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

    private List<OnboardingSummary> summaries(List<HistoricProcessInstance> onboardings) {
        if (onboardings.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, Object>> variables = new HashMap<>();
        history.createHistoricVariableInstanceQuery()
                .processInstanceIdIn(onboardings.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
                .variableNameIn(CONTACT_ID, FIRST_NAME, LAST_NAME, COMPANY, OUTCOME_REASON)
                .disableCustomObjectDeserialization()
                .list()
                .forEach(variable -> variables.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
                        .put(variable.getName(), variable.getValue()));
        // The contact's email of now: an erased contact shows its placeholder
        Map<String, String> emails = contacts.findByIds(variables.values().stream()
                        .map(values -> values.get(CONTACT_ID)).filter(String.class::isInstance)
                        .map(id -> UUID.fromString((String) id)).collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(contact -> contact.id().toString(), Contact::email));
        return onboardings.stream().map(onboarding -> {
            Map<String, Object> values = variables.getOrDefault(onboarding.getId(), Map.of());
            return new OnboardingSummary(
                    onboarding.getId(),
                    emails.get(text(values.get(CONTACT_ID))),
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

    private <T> T asReader(Reader reader, Supplier<T> work) {
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
