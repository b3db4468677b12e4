package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.INVITATION_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.REVOKE_REASON;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.onboarding.OnboardingProcess.Messages;

/**
 * BPMN task "Revoke invitation" in revoke-invitation.bpmn: kills the pending invitation's codes and
 * sends {@code InvitationRevoked} to the onboarding waiting for it, in the transaction that started
 * the revocation. With no pending invitation the start is refused and nothing happens.
 */
@Component
class RevokeInvitationDelegate implements JavaDelegate {

    private final InvitationRepository invitations;
    private final InvitationEvents events;
    private final Clock clock;

    RevokeInvitationDelegate(InvitationRepository invitations, InvitationEvents events, Clock clock) {
        this.invitations = invitations;
        this.events = events;
        this.clock = clock;
    }

    /** The fields of processes/revoke-invitation-start.form: a start may send these and nothing else. */
    static final Set<String> START_FORM_FIELDS = Set.of(EMAIL, REVOKE_REASON);
    static final int REASON_LENGTH = 500;

    @Override
    public void execute(DelegateExecution execution) {
        StartVariables start = StartVariables.of(execution, START_FORM_FIELDS);
        String sentEmail = InputPolicy.normalised(start.text(EMAIL));
        String reason = InputPolicy.normalised(start.text(REVOKE_REASON));
        List<String> problems = new ArrayList<>(start.problems());
        if (problems.isEmpty()) {
            problems.addAll(problems(sentEmail, REVOKE_REASON, reason));
        }
        if (!problems.isEmpty()) {
            throw new RejectedRequestException("Invalid revocation: " + String.join("; ", problems));
        }
        String email = InputPolicy.canonicalEmail(sentEmail);
        Invitation invitation = invitations.findOpenByEmail(email)
                .filter(open -> invitations.revoke(open.id(), clock.instant()))
                .orElseThrow(() -> new RejectedRequestException(
                        "There is no pending invitation for " + email + " to revoke."));
        events.record(invitation.id(), InvitationEventType.REVOKED, CurrentActor.of(execution), reason);
        // correlateAll: an onboarding deleted in Cockpit has no subscription left, the codes die anyway
        execution.getProcessEngineServices().getRuntimeService()
                .createMessageCorrelation(Messages.INVITATION_REVOKED)
                .processInstanceId(invitation.processInstanceId())
                .processInstanceVariableEquals(INVITATION_ID, invitation.id().toString())
                .correlateAll();
    }

    /**
     * The email by the same rule as an onboarding's; the reason is text that may have line breaks. Also
     * the rule of the offboarding's start form.
     */
    static List<String> problems(String email, String reasonField, String reason) {
        List<String> problems = new ArrayList<>();
        if (email == null || email.isEmpty()) {
            problems.add(EMAIL + " must not be blank");
        } else if (email.length() > OnboardingRequestValidator.EMAIL_LENGTH) {
            problems.add(EMAIL + " size must be between 0 and " + OnboardingRequestValidator.EMAIL_LENGTH);
        } else {
            InputPolicy.emailProblem(email).ifPresent(problem -> problems.add(EMAIL + " " + problem));
        }
        if (reason == null || reason.isBlank()) {
            problems.add(reasonField + " must not be blank");
        } else {
            if (reason.length() > REASON_LENGTH) {
                problems.add(reasonField + " size must be between 0 and " + REASON_LENGTH);
            }
            Optional<String> forbidden = InputPolicy.forbiddenCharacter(reason, true);
            forbidden.ifPresent(problem -> problems.add(reasonField + " " + problem));
        }
        return problems;
    }
}
