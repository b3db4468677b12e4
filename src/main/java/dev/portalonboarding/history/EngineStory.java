package dev.portalonboarding.history;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.ACTIVATE_CONTACT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_ALREADY_ACTIVE;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_ALREADY_RUNNING;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_CLOSED;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_ONBOARDED;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_REVOKED;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.REVIEW_EXPIRED_INVITATION;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.START;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CLOSE_REASON;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.REVIEW_DECISION;

import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;

import dev.portalonboarding.contact.EmailMasking;
import dev.portalonboarding.history.TimelineEntry.Source;
import dev.portalonboarding.onboarding.OnboardingProcess.ReviewDecision;

/**
 * The engine's side of one onboarding's story as people read it: the steps a person cares about in
 * sentences, everything else (gateways, unnamed elements, steps the invitation trail tells better,
 * operations an activity already tells) marked as an engine detail.
 */
final class EngineStory {

    private static final String USER_TASK = "userTask";
    /** Engine operations another entry already tells: the start event and the task's completion. */
    private static final String CREATE = "Create";
    private static final String COMPLETE = "Complete";

    /** How each way the onboarding can end reads. */
    private static final Map<String, String> ENDINGS = Map.of(
            END_ONBOARDED, "Portal user onboarded",
            END_CLOSED, "Onboarding closed after the review",
            END_REVOKED, "Onboarding ended: the invitation was revoked",
            END_ALREADY_ACTIVE, "Onboarding ended: the contact is already an active portal user; no invitation sent",
            END_ALREADY_RUNNING, "Onboarding ended: another onboarding of this contact is running; no invitation sent");

    private final HistoricProcessInstance onboarding;
    /** The user task activities by task id, to name the task an operation was about. */
    private final Map<String, HistoricActivityInstance> tasks;
    /** Task id → who completed it, as the operation log says. */
    private final Map<String, String> completedBy = new HashMap<>();
    private final List<HistoricVariableUpdate> reviewUpdates;
    /** The contact's email as the onboarding shows it; after an erasure a placeholder without an @. */
    private final String invitedEmail;
    /** Entries of user tasks opening: a wait state ends its transaction, so they come last in their instant. */
    private final Set<TimelineEntry> waitsOpening = Collections.newSetFromMap(new IdentityHashMap<>());

    EngineStory(HistoricProcessInstance onboarding, List<HistoricActivityInstance> activities,
            List<List<UserOperationLogEntry>> operations, List<HistoricVariableUpdate> reviewUpdates,
            String invitedEmail) {
        this.onboarding = onboarding;
        this.tasks = activities.stream().filter(activity -> activity.getTaskId() != null)
                .collect(Collectors.toMap(HistoricActivityInstance::getTaskId, activity -> activity, (a, b) -> a));
        operations.stream().map(entries -> entries.get(0))
                .filter(entry -> COMPLETE.equals(entry.getOperationType()) && entry.getTaskId() != null)
                .forEach(entry -> completedBy.put(entry.getTaskId(), entry.getUserId()));
        this.reviewUpdates = reviewUpdates;
        this.invitedEmail = invitedEmail;
    }

    /**
     * Entries of service tasks and end events told as what they did ("Contact activated"): the engine times an
     * activity by its start to the millisecond only, so an audit entry that an earlier activity of the same
     * transaction wrote in that millisecond (the link before the activation) must come before it.
     */
    private final Set<TimelineEntry> effects = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * The order of entries of one millisecond: what happened in a transaction first (its start, the audit
     * entries), then what a step told as its effect did, the wait it ended in last.
     */
    int rankInItsInstant(TimelineEntry entry) {
        return waitsOpening.contains(entry) ? 2 : effects.contains(entry) ? 1 : 0;
    }

    /** An activity's entries: one, or for a user task one when it opened and one when it ended. */
    List<TimelineEntry> activityEntries(HistoricActivityInstance activity) {
        String id = activity.getActivityId();
        Instant start = instant(activity.getStartTime());
        Instant end = instant(activity.getEndTime());
        String type = activity.getActivityType();
        if (USER_TASK.equals(type)) {
            return userTaskEntries(activity, start, end);
        }
        String person = null;
        String sentence = null;
        if (START.equals(id)) {
            person = onboarding.getStartUserId();
            sentence = "Onboarding started" + (person == null ? "" : " by " + person);
        } else if (ENDINGS.containsKey(id)) {
            sentence = ENDINGS.get(id);
        } else if (ACTIVATE_CONTACT.equals(id)) {
            sentence = "Contact activated: portal access granted";
        } else if (SEND_WELCOME_EMAIL.equals(id)) {
            sentence = "Welcome email sent"
                    + (invitedEmail == null || invitedEmail.indexOf('@') < 0 ? "" : " to " + EmailMasking.mask(invitedEmail));
        }
        boolean engineDetail = sentence == null || activity.isCanceled();
        if (engineDetail) {
            sentence = (activity.getActivityName() == null ? "Unnamed " + TimelineSentences.words(type) + " " + id
                    : activity.getActivityName() + " (" + TimelineSentences.words(type) + ")")
                    + (activity.isCanceled() ? ", cancelled" : "");
        }
        TimelineEntry entry = new TimelineEntry(start, end, Source.ACTIVITY, sentence, engineDetail, name(activity),
                person, detail(activity), null, null);
        if (!engineDetail && !START.equals(id)) {
            effects.add(entry);
        }
        return List.of(entry);
    }

    private List<TimelineEntry> userTaskEntries(HistoricActivityInstance activity, Instant start, Instant end) {
        String task = REVIEW_EXPIRED_INVITATION.equals(activity.getActivityId()) ? "Review task"
                : "Task “" + name(activity) + "”";
        TimelineEntry opened = new TimelineEntry(start, end, Source.ACTIVITY, task + " opened for staff", false,
                name(activity), activity.getAssignee(), detail(activity), null, null);
        waitsOpening.add(opened);
        if (end == null) {
            return List.of(opened);
        }
        String sentence;
        String person = completedBy.getOrDefault(activity.getTaskId(), activity.getAssignee());
        if (activity.isCanceled()) {
            sentence = task + " cancelled";
        } else {
            sentence = task + " completed" + (person == null ? "" : " by " + person)
                    + (REVIEW_EXPIRED_INVITATION.equals(activity.getActivityId()) ? decision(activity) : "");
        }
        return List.of(opened, new TimelineEntry(end, null, Source.ACTIVITY, sentence, false, name(activity), person,
                detail(activity), null, null));
    }

    /** ": resend" or ": close (reason: …)", as the variables stood when the review ended. */
    private String decision(HistoricActivityInstance review) {
        Optional<String> decision = valueAt(REVIEW_DECISION, review);
        if (decision.isEmpty()) {
            return "";
        }
        String reason = ReviewDecision.CLOSE.equals(decision.get()) ? valueAt(CLOSE_REASON, review)
                .map(text -> " (reason" + TimelineSentences.reason(text) + ")").orElse("") : "";
        return ": " + decision.get() + reason;
    }

    /** The variable's last value set while the review was open. */
    private Optional<String> valueAt(String variable, HistoricActivityInstance review) {
        return reviewUpdates.stream()
                .filter(update -> variable.equals(update.getVariableName()))
                .filter(update -> !update.getTime().before(review.getStartTime())
                        && !update.getTime().after(review.getEndTime()))
                .reduce((earlier, later) -> later)
                .map(HistoricVariableUpdate::getValue)
                .map(Object::toString)
                .filter(value -> !value.isBlank());
    }

    /** One staff operation (the engine logs one entry per changed property). */
    TimelineEntry operationEntry(List<UserOperationLogEntry> entries) {
        UserOperationLogEntry first = entries.get(0);
        String type = first.getOperationType();
        String entity = first.getEntityType();
        String staff = "Staff " + first.getUserId();
        HistoricActivityInstance task = first.getTaskId() == null ? null : tasks.get(first.getTaskId());
        String theTask = task == null ? "a task"
                : REVIEW_EXPIRED_INVITATION.equals(task.getActivityId()) ? "the review task"
                : "the task “" + name(task) + "”";
        String detail = entries.stream()
                .filter(entry -> entry.getProperty() != null && entry.getNewValue() != null)
                .map(entry -> entry.getProperty() + ": " + entry.getNewValue())
                .collect(Collectors.joining(", "));
        boolean engineDetail = CREATE.equals(type) && "ProcessInstance".equals(entity)
                || COMPLETE.equals(type) && first.getTaskId() != null;
        String sentence = switch (type + " " + entity) {
            case "Create ProcessInstance" -> staff + " started the onboarding";
            case "Complete Task" -> staff + " completed " + theTask;
            case "Claim Task" -> staff + " claimed " + theTask;
            case "Assign Task", "SetOwner Task", "Delegate Task" -> staff + " " + TimelineSentences.words(type)
                    + " " + theTask + newValue(entries, " to ");
            case "Delete ProcessInstance" -> staff + " cancelled the onboarding";
            case "Suspend ProcessInstance" -> staff + " suspended the onboarding";
            case "Activate ProcessInstance" -> staff + " resumed the onboarding";
            default -> staff + ": " + TimelineSentences.words(type) + " (" + TimelineSentences.words(entity) + ")";
        };
        return new TimelineEntry(instant(first.getTimestamp()), null, Source.OPERATION, sentence, engineDetail,
                type + " " + entity, first.getUserId(), detail.isEmpty() ? null : detail, null, null);
    }

    private static String newValue(List<UserOperationLogEntry> entries, String before) {
        return entries.stream().map(UserOperationLogEntry::getNewValue).filter(value -> value != null).findFirst()
                .map(value -> before + EmailMasking.maskWithin(value)).orElse("");
    }

    private static String name(HistoricActivityInstance activity) {
        return activity.getActivityName() != null ? activity.getActivityName() : activity.getActivityId();
    }

    private static String detail(HistoricActivityInstance activity) {
        return activity.getActivityType() + (activity.isCanceled() ? ", cancelled" : "");
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
