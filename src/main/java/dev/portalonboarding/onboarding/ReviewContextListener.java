package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.REVIEW_CONTEXT;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationEvent;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.invitation.InvitationRepository;

/**
 * Task listener (create) of "Review expired invitation" in portal-user-onboarding.bpmn: writes what
 * staff need to decide into the task-local variable {@code reviewContext}, which the review form shows
 * read-only. Tasklist forms cannot be translated, so the labels are English and German, like the forms.
 */
@Component
public class ReviewContextListener implements TaskListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private final OnboardingRecords records;
    private final InvitationRepository invitations;
    private final InvitationEvents events;
    private final DateTimeFormatter time;

    public ReviewContextListener(OnboardingRecords records, InvitationRepository invitations, InvitationEvents events,
            OnboardingProperties properties) {
        this.records = records;
        this.invitations = invitations;
        this.events = events;
        this.time = TIME.withZone(properties.mail().timeZone());
    }

    @Override
    public void notify(DelegateTask task) {
        Contact contact = records.contact(task);
        task.setVariableLocal(REVIEW_CONTEXT, summary(task, contact));
        // The form shows it beside the summary; the auditor history level keeps no history of it
        task.setVariableLocal(EMAIL, contact.email());
    }

    private String summary(DelegateTask task, Contact contact) {
        StringBuilder text = new StringBuilder()
                // Not the email: the form shows it from its own variable, and this text outlives the onboarding
                .append("Contact / Kontakt: ").append(contact.firstName()).append(' ').append(contact.lastName())
                .append(", ").append(contact.company()).append(" (").append(contact.id()).append(')')
                .append(", language / Sprache ").append(contact.language()).append('\n')
                .append("Started by / Gestartet von: ").append(initiator(task)).append('\n');
        List<InvitationEvent> trail = events.findByProcessInstance(task.getProcessInstanceId());
        List<Invitation> issued = invitations.findByContact(contact.id()).stream()
                .filter(invitation -> task.getProcessInstanceId().equals(invitation.processInstanceId()))
                .toList();
        for (int i = 0; i < issued.size(); i++) {
            Invitation invitation = issued.get(i);
            List<InvitationEvent> own = trail.stream()
                    .filter(event -> event.invitationId().equals(invitation.id()))
                    .toList();
            text.append('\n')
                    .append("Invitation / Einladung ").append(i + 1)
                    .append(" (valid / gültig ").append(invitation.validityDays()).append(" days / Tage)\n")
                    .append("  sent / gesendet: ").append(when(invitation.sentAt())).append('\n')
                    .append("  reminder / Erinnerung: ").append(when(invitation.remindedAt())).append('\n')
                    .append("  link opened / Link geöffnet: ").append(occurrences(own, InvitationEventType.OPENED))
                    .append('\n')
                    .append("  sign-in with another account / Anmeldung mit anderem Konto: ")
                    .append(occurrences(own, InvitationEventType.IDENTITY_MISMATCH)).append('\n')
                    .append("  status: ").append(invitation.status().name().toLowerCase())
                    .append(invitation.expiredAt() != null ? " " + when(invitation.expiredAt()) : "").append('\n');
        }
        return text.toString();
    }

    /**
     * The engine's record of who started the onboarding, not the variable startedBy: a task form could
     * send that one again with another value.
     */
    private static String initiator(DelegateTask task) {
        String userId = task.getProcessEngineServices().getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).singleResult().getStartUserId();
        return userId == null ? InvitationEvents.SYSTEM : userId;
    }

    private String when(Instant instant) {
        return instant == null ? "no / nein" : time.format(instant);
    }

    /** "no / nein", or how often and the latest, with where it came from. */
    private String occurrences(List<InvitationEvent> trail, InvitationEventType type) {
        List<InvitationEvent> matching = trail.stream().filter(event -> event.type() == type).toList();
        if (matching.isEmpty()) {
            return "no / nein";
        }
        InvitationEvent latest = matching.get(matching.size() - 1);
        return matching.size() + "x, latest / zuletzt " + time.format(latest.occurredAt())
                + (latest.ip() != null ? " from / von " + latest.ip() : "")
                + (latest.detail() != null ? " (" + latest.detail() + ")" : "");
    }
}
