package dev.portalonboarding.onboarding;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Input the service refuses. Thrown in the transaction that starts a process or completes a task, so
 * nothing is created; the webapps' engine API answers 400 with this message (see
 * {@code security.EngineApiErrors}), and the engine logs it at DEBUG only.
 */
public class RejectedRequestException extends BadUserRequestException {

    /** In the engine's range for custom error codes; the engine API's error body carries it as {@code code}. */
    public static final int CODE = 20_400;

    public RejectedRequestException(String message) {
        super(message);
        setCode(CODE);
    }
}
