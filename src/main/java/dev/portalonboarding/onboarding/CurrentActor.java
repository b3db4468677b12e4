package dev.portalonboarding.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;

import dev.portalonboarding.invitation.InvitationEvents;

/** Who an audit entry names: the logged-in staff member, or "system" for timers and jobs. */
final class CurrentActor {

    static String of(DelegateExecution execution) {
        Authentication authentication = execution.getProcessEngineServices().getIdentityService()
                .getCurrentAuthentication();
        return authentication == null ? InvitationEvents.SYSTEM : authentication.getUserId();
    }

    private CurrentActor() {
    }
}
