package dev.portalonboarding.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;

import dev.portalonboarding.invitation.InvitationEvents;

/**
 * Who acts now, as the engine knows it: the signed-in staff member, the uploader of a bulk while its
 * batch starts onboardings (StartNextBatchDelegate), or nobody for timers and jobs.
 */
final class CurrentActor {

    /** The name an audit entry gives: the engine's authenticated user, or "system". */
    static String of(DelegateExecution execution) {
        String userId = userId(execution);
        return userId == null ? InvitationEvents.SYSTEM : userId;
    }

    /** The engine's authenticated user, as it records a start's initiator; null for nobody. */
    static String userId(DelegateExecution execution) {
        Authentication authentication = execution.getProcessEngineServices().getIdentityService()
                .getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    private CurrentActor() {
    }
}
