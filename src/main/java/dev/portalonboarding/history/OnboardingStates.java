package dev.portalonboarding.history;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.ACTIVATE_CONTACT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_ALREADY_ACTIVE;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_ALREADY_RUNNING;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.EXPIRE_INVITATION;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.REVIEW_EXPIRED_INVITATION;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.WAIT_FOR_REDEMPTION;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.springframework.stereotype.Service;

import dev.portalonboarding.history.CurrentOnboarding.LastEvent;
import dev.portalonboarding.history.OnboardingHistory.Reader;
import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationEvent;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.invitation.InvitationRepository;

/**
 * Onboardings with where they stand ({@link OnboardingState}), read as the signed-in user like
 * {@link OnboardingHistory}: the engine's READ_HISTORY decides which onboardings they see, and the
 * invitations are read only for those.
 */
@Service
public class OnboardingStates {

    private final OnboardingHistory history;
    private final InvitationRepository invitations;
    private final InvitationEvents invitationEvents;

    public OnboardingStates(OnboardingHistory history, InvitationRepository invitations,
            InvitationEvents invitationEvents) {
        this.history = history;
        this.invitations = invitations;
        this.invitationEvents = invitationEvents;
    }

    /** A page of the staff view's order: newest first, then by id. */
    public CurrentOnboardingPage find(Reader reader, OnboardingSearch search, int page, int size) {
        return history.asReader(reader, () -> query(search).map(query -> {
            long total = query.count();
            List<HistoricProcessInstance> onboardings = query.orderByProcessInstanceStartTime().desc()
                    .orderByProcessInstanceId().asc()
                    .listPage(page * size, size);
            return new CurrentOnboardingPage(total, page, size, current(onboardings));
        }).orElseGet(() -> new CurrentOnboardingPage(0, page, size, List.of())));
    }

    /** Oldest first, then by id: an order that new onboardings only extend, for the API's cursor paging. */
    public List<CurrentOnboarding> findInStartOrder(Reader reader, OnboardingSearch search, int first, int max) {
        return history.asReader(reader, () -> query(search)
                .map(query -> current(query.orderByProcessInstanceStartTime().asc().orderByProcessInstanceId().asc()
                        .listPage(first, max)))
                .orElse(List.of()));
    }

    /** One onboarding with where it stands; empty if there is none the reader may see. */
    public Optional<CurrentOnboarding> current(Reader reader, String processInstanceId) {
        return history.asReader(reader, () -> {
            HistoricProcessInstance onboarding = history.query(new OnboardingFilter(null, null, null, null, null))
                    .processInstanceId(processInstanceId)
                    .singleResult();
            return onboarding == null ? Optional.<CurrentOnboarding>empty()
                    : Optional.of(current(List.of(onboarding)).get(0));
        });
    }

    /** The search as an engine query; empty when nothing can match. */
    private Optional<HistoricProcessInstanceQuery> query(OnboardingSearch search) {
        // Opened is in our trail, not the engine's: the engine is given the onboardings it applies to
        Set<String> opened = search.state() == OnboardingState.SENT || search.state() == OnboardingState.OPENED
                ? new HashSet<>(invitationEvents.onboardingsWithOpenedOpenInvitation())
                : Set.of();
        if (search.state() == OnboardingState.OPENED && opened.isEmpty()) {
            return Optional.empty();
        }
        HistoricProcessInstanceQuery query = history.query(
                new OnboardingFilter(search.email(), search.company(), null, search.from(), search.to()));
        if (search.startedBy() != null) {
            query.startedBy(search.startedBy());
        }
        if (search.state() != null) {
            restrict(query, search.state(), opened);
        }
        return Optional.of(query);
    }

    /**
     * The engine's side of each state: where a running onboarding waits (its executions, so an
     * asynchronous step not yet run counts), or the end event a finished one reached.
     */
    private static void restrict(HistoricProcessInstanceQuery query, OnboardingState state, Set<String> opened) {
        switch (state) {
            case SENDING -> query.unfinished().activityIdIn(SEND_INVITATION_EMAIL);
            case SENT -> {
                query.unfinished().activityIdIn(WAIT_FOR_REDEMPTION);
                if (!opened.isEmpty()) {
                    query.processInstanceIdNotIn(opened.toArray(String[]::new));
                }
            }
            case OPENED -> query.unfinished().activityIdIn(WAIT_FOR_REDEMPTION).processInstanceIds(opened);
            case ACCEPTED -> query.unfinished().activityIdIn(LINK_ACCOUNT, ACTIVATE_CONTACT, SEND_WELCOME_EMAIL);
            case EXPIRED -> query.unfinished().activityIdIn(EXPIRE_INVITATION, REVIEW_EXPIRED_INVITATION);
            case ONBOARDED -> OnboardingOutcome.ONBOARDED.restrict(query);
            case REVOKED -> OnboardingOutcome.REVOKED.restrict(query);
            case CLOSED -> OnboardingOutcome.CLOSED.restrict(query);
            case NOT_INVITED -> query.finished().executedActivityIdIn(END_ALREADY_ACTIVE, END_ALREADY_RUNNING);
            case CANCELLED -> OnboardingOutcome.CANCELLED.restrict(query);
        }
    }

    private List<CurrentOnboarding> current(List<HistoricProcessInstance> onboardings) {
        List<OnboardingSummary> summaries = history.summaries(onboardings);
        List<String> ids = onboardings.stream().map(HistoricProcessInstance::getId).toList();
        Map<UUID, String> onboardingOf = new HashMap<>();
        Map<String, Invitation> newest = new HashMap<>();
        // Oldest first, so the last one put is the newest
        invitations.findByProcessInstances(ids).forEach(invitation -> {
            onboardingOf.put(invitation.id(), invitation.processInstanceId());
            newest.put(invitation.processInstanceId(), invitation);
        });
        Map<String, InvitationEvent> lastEvents = new HashMap<>();
        Set<UUID> openedInvitations = new HashSet<>();
        invitationEvents.findByProcessInstances(ids).forEach(event -> {
            lastEvents.put(onboardingOf.get(event.invitationId()), event);
            if (event.type() == InvitationEventType.OPENED) {
                openedInvitations.add(event.invitationId());
            }
        });
        return summaries.stream().map(summary -> {
            Invitation invitation = newest.get(summary.processInstanceId());
            OnboardingState state = OnboardingState.of(summary.outcome(),
                    invitation == null ? null : invitation.status(),
                    invitation != null && openedInvitations.contains(invitation.id()));
            return new CurrentOnboarding(summary, state,
                    lastEvent(summary, state, lastEvents.get(summary.processInstanceId())));
        }).toList();
    }

    private static LastEvent lastEvent(OnboardingSummary onboarding, OnboardingState state, InvitationEvent event) {
        // A revocation ends the onboarding in its own transaction: the trail's entry says who did it
        boolean endedByTheEvent = event != null && event.type() == InvitationEventType.REVOKED
                && state == OnboardingState.REVOKED;
        boolean endedLater = onboarding.endedAt() != null && !endedByTheEvent
                && (event == null || onboarding.endedAt().isAfter(event.occurredAt()));
        if (endedLater) {
            return new LastEvent("Onboarding ended: " + state.words(), onboarding.endedAt(), null, null, null);
        }
        if (event == null) {
            return new LastEvent("Onboarding started by " + onboarding.startedBy(), onboarding.startedAt(),
                    onboarding.startedBy(), null, null);
        }
        // The timeline's sentence without where from: the caller decides who sees the IP address and browser
        InvitationEvent withoutClient = new InvitationEvent(event.id(), event.invitationId(), event.type(),
                event.occurredAt(), event.actor(), null, null, event.detail());
        return new LastEvent(TimelineSentences.invitation(withoutClient, onboarding.email()), event.occurredAt(),
                event.actor(), event.ip(), event.userAgent());
    }
}
