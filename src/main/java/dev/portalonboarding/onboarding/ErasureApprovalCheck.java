package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.STARTED_BY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import dev.portalonboarding.onboarding.ErasureProcess.Decision;
import dev.portalonboarding.onboarding.ErasureProcess.Variables;

/**
 * On entering the gateway after "Approve erasure": approve or refuse, decided by a signed-in user who is
 * not the requester (the four-eyes rule the task's candidate group alone cannot hold, since one person
 * may be staff and privacy officer). Refusing refuses the task's completion, nothing is changed.
 */
@Component
public class ErasureApprovalCheck extends DecisionCheck {

    ErasureApprovalCheck() {
        super(Variables.ERASURE_DECISION, Decision.ALL);
    }

    @Override
    public void notify(DelegateExecution execution) {
        super.notify(execution);
        String decidedBy = CurrentActor.userId(execution);
        if (decidedBy == null) {
            throw new RejectedRequestException("An erasure is approved or refused by a signed-in privacy officer.",
                    "Eine Löschung genehmigt oder verweigert ein angemeldeter Datenschutzbeauftragter.");
        }
        if (decidedBy.equals(execution.getVariable(STARTED_BY))) {
            throw new RejectedRequestException(
                    "You requested this erasure; another privacy officer approves or refuses it.",
                    "Sie haben diese Löschung beantragt; ein anderer Datenschutzbeauftragter genehmigt oder verweigert sie.");
        }
        if (Decision.APPROVE.equals(execution.getVariable(Variables.ERASURE_DECISION))) {
            execution.setVariable(Variables.APPROVED_BY, decidedBy);
        }
    }
}
