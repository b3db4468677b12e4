package dev.portalonboarding.onboarding;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Input the service refuses. Thrown in the transaction that starts a process or completes a task, so
 * nothing is created. The engine logs a {@link BadUserRequestException} at DEBUG only, and the webapps'
 * engine API answers it with 400 and this message alone, logged as one line
 * ({@code security.EngineApiErrors}).
 */
public class RejectedRequestException extends BadUserRequestException {

    public RejectedRequestException(String message) {
        super(message);
    }
}
