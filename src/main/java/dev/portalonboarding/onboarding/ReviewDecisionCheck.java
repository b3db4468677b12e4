package dev.portalonboarding.onboarding;

import org.springframework.stereotype.Component;

import dev.portalonboarding.onboarding.OnboardingProcess.ReviewDecision;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;

/** On entering the gateway after "Review expired invitation": resend or close, nothing else. */
@Component
public class ReviewDecisionCheck extends DecisionCheck {

    ReviewDecisionCheck() {
        super(Variables.REVIEW_DECISION, ReviewDecision.ALL);
    }
}
