package dev.portalonboarding.history;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CLOSE_REASON;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.OUTCOME_REASON;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.REVIEW_DECISION;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactEvent;
import dev.portalonboarding.contact.ContactEvents;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.history.TimelineEntry.Source;
import dev.portalonboarding.invitation.InvitationEvent;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.onboarding.OnboardingProcess;

/**
 * Reads onboardings, running and finished, from the engine history as the signed-in user, so the
 * engine's READ_HISTORY authorization decides what they see. The invitation audit trail of an
 * onboarding, and the trail of the contact it was about, are only shown once the engine has let the
 * user see that onboarding.
 */
@Service
public class OnboardingHistory {

    /** The largest page the API serves, and the page size of the CSV export. */
    static final int MAX_PAGE_SIZE = 500;
    /** The most contacts an email search may match: their ids become one query's parameters. */
    static final int MAX_MATCHING_CONTACTS = 1000;
    /** The most a company search may match: a bulk may onboard thousands of one company. */
    static final int MAX_MATCHING_COMPANY_CONTACTS = 10_000;
    /** A business key no onboarding has (they are contact ids): a search no contact matches finds nothing. */
    private static final String NO_CONTACT = "no contact matches";

    private final HistoryService history;
    private final IdentityService identity;
    private final InvitationEvents invitationEvents;
    private final ContactEvents contactEvents;
    private final ContactRepository contacts;

    public OnboardingHistory(HistoryService history, IdentityService identity, InvitationEvents invitationEvents,
            ContactEvents contactEvents, ContactRepository contacts) {
        this.history = history;
        this.identity = identity;
        this.invitationEvents = invitationEvents;
        this.contactEvents = contactEvents;
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

    /**
     * One onboarding's story, oldest first; engine details (gateways, internal steps, operations another
     * entry tells) only when asked for.
     */
    public Optional<OnboardingTimeline> timeline(Reader reader, String processInstanceId, boolean engineDetails) {
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
            List<List<UserOperationLogEntry>> operations = operations(processInstanceId);
            OnboardingSummary summary = summaries(List.of(onboarding)).get(0);
            EngineStory story = new EngineStory(onboarding, activities, operations,
                    reviewVariableUpdates(processInstanceId), summary.email());

            List<TimelineEntry> entries = new ArrayList<>();
            activities.forEach(activity -> entries.addAll(story.activityEntries(activity)));
            operations.forEach(operation -> entries.add(story.operationEntry(operation)));
            invitationEvents.findByProcessInstance(processInstanceId)
                    .forEach(event -> entries.add(invitationEntry(event, summary.email())));
            contactOf(processInstanceId).map(contact -> contactEvents.findForOnboarding(contact, processInstanceId))
                    .orElse(List.of())
                    .forEach(event -> entries.add(contactEntry(event)));
            // Stable: entries of one instant keep the order of their source, a task's opening last. By the
            // millisecond: the engine stores its times so, the audit trails to the microsecond
            entries.sort(Comparator.comparing((TimelineEntry entry) -> entry.at().truncatedTo(ChronoUnit.MILLIS))
                    .thenComparingInt(story::rankInItsInstant));

            Set<String> passed = activities.stream().map(HistoricActivityInstance::getActivityId)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            Set<String> active = activities.stream().filter(activity -> activity.getEndTime() == null)
                    .map(HistoricActivityInstance::getActivityId)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            return Optional.of(new OnboardingTimeline(summary,
                    onboarding.getProcessDefinitionId(), passed, active,
                    entries.stream().filter(entry -> engineDetails || !entry.engineDetail()).toList()));
        });
    }

    HistoricProcessInstanceQuery query(OnboardingFilter filter) {
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
            // The contact record holds the company: the onboarding's request fields are not process variables
            List<UUID> matching = contacts.idsWithCompanyContaining(filter.company().trim(),
                    MAX_MATCHING_COMPANY_CONTACTS + 1);
            if (matching.size() > MAX_MATCHING_COMPANY_CONTACTS) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The company part matches more than "
                        + MAX_MATCHING_COMPANY_CONTACTS + " contacts; give more of the name.");
            }
            query.processInstanceBusinessKeyIn(matching.isEmpty() ? new String[] {NO_CONTACT}
                    : matching.stream().map(UUID::toString).toArray(String[]::new));
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
                .variableNameIn(CONTACT_ID, OUTCOME_REASON)
                .disableCustomObjectDeserialization()
                .list()
                .forEach(variable -> variables.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
                        .put(variable.getName(), variable.getValue()));
        // The contact as it is now: an erased contact shows its placeholders
        Map<String, Contact> contactsById = contacts.findByIds(variables.values().stream()
                        .map(values -> values.get(CONTACT_ID)).filter(String.class::isInstance)
                        .map(id -> UUID.fromString((String) id)).collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(contact -> contact.id().toString(), contact -> contact));
        return onboardings.stream().map(onboarding -> {
            Map<String, Object> values = variables.getOrDefault(onboarding.getId(), Map.of());
            Optional<Contact> contact = Optional.ofNullable(contactsById.get(text(values.get(CONTACT_ID))));
            return new OnboardingSummary(
                    onboarding.getId(),
                    contact.map(Contact::email).orElse(null),
                    contact.map(Contact::firstName).orElse(null),
                    contact.map(Contact::lastName).orElse(null),
                    contact.map(Contact::company).orElse(null),
                    onboarding.getStartUserId(),
                    instant(onboarding.getStartTime()),
                    instant(onboarding.getEndTime()),
                    OnboardingOutcome.of(onboarding),
                    text(values.get(OUTCOME_REASON)));
        }).toList();
    }

    /** The engine logs one entry per changed property; one operation becomes one list. */
    private List<List<UserOperationLogEntry>> operations(String processInstanceId) {
        return List.copyOf(history.createUserOperationLogQuery()
                .processInstanceId(processInstanceId)
                .orderByTimestamp().asc()
                .list()
                .stream()
                .collect(Collectors.groupingBy(UserOperationLogEntry::getOperationId, LinkedHashMap::new,
                        Collectors.toList()))
                .values());
    }

    /** Every value the review's decision and close reason took, oldest first. */
    private List<HistoricVariableUpdate> reviewVariableUpdates(String processInstanceId) {
        return history.createHistoricDetailQuery()
                .processInstanceId(processInstanceId)
                .variableUpdates()
                .disableCustomObjectDeserialization()
                .orderByTime().asc()
                .list()
                .stream()
                .map(HistoricVariableUpdate.class::cast)
                .filter(update -> REVIEW_DECISION.equals(update.getVariableName())
                        || CLOSE_REASON.equals(update.getVariableName()))
                .toList();
    }

    /** The contact the onboarding was about, as its process variable names it (it outlives an erasure). */
    private Optional<UUID> contactOf(String processInstanceId) {
        return history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId)
                .variableName(CONTACT_ID)
                .list()
                .stream()
                .map(variable -> variable.getValue())
                .filter(String.class::isInstance)
                .map(value -> UUID.fromString((String) value))
                .findFirst();
    }

    private static TimelineEntry invitationEntry(InvitationEvent event, String invitedEmail) {
        return new TimelineEntry(event.occurredAt(), null, Source.INVITATION,
                TimelineSentences.invitation(event, invitedEmail), false, event.type().name(), event.actor(),
                event.detail(), event.ip(), event.userAgent());
    }

    private static TimelineEntry contactEntry(ContactEvent event) {
        String detail = event.approver() == null ? event.detail()
                : "approved by " + event.approver() + (event.reason() == null ? "" : "; reason: " + event.reason());
        return new TimelineEntry(event.occurredAt(), null, Source.CONTACT, TimelineSentences.contact(event), false,
                event.type().name(), event.actor(), detail, null, null);
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
