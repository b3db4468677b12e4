package dev.portalonboarding.onboarding;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import dev.portalonboarding.onboarding.OnboardingProcess.ReviewDecision;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;

/**
 * On entering the gateway after "Review expired invitation": resend or close, nothing else; a close has
 * its reason, by the rules of every reason (as the form checks it). A resend's validity is checked when
 * the new invitation is issued.
 */
@Component
public class ReviewDecisionCheck extends DecisionCheck {

    ReviewDecisionCheck() {
        super(Variables.REVIEW_DECISION, ReviewDecision.ALL);
    }

    @Override
    public void notify(DelegateExecution execution) {
        super.notify(execution);
        if (ReviewDecision.CLOSE.equals(execution.getVariable(Variables.REVIEW_DECISION))) {
            Object reason = execution.getVariable(Variables.CLOSE_REASON);
            List<Problem> problems = ContactActionRequest.reasonProblems(Variables.CLOSE_REASON,
                    reason instanceof String text ? InputPolicy.normalised(text) : null);
            if (!problems.isEmpty()) {
                throw Problem.refusal("Onboarding not closed", "Onboarding nicht abgeschlossen", problems);
            }
        }
    }
}
