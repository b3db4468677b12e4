package dev.portalonboarding.onboarding;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * Staff input the service refuses. Thrown in the transaction that starts a process or completes a
 * task, so nothing is created and Tasklist shows the message.
 */
public class RejectedRequestException extends ProcessEngineException {

    public RejectedRequestException(String message) {
        super(message);
    }
}
