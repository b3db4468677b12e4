package dev.portalonboarding.onboarding;

import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Input the service refuses. Thrown in the transaction that starts a process or completes a task, so
 * nothing is created. The engine logs a {@link BadUserRequestException} at DEBUG only, and the webapps'
 * engine API answers it with 400 and this message alone, in the caller's language, logged as one line
 * in English ({@code security.EngineApiErrors}).
 */
public class RejectedRequestException extends BadUserRequestException {

    private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN);

    private final String german;

    /** A refusal only other clients than the forms meet (unknown fields, wrong types): English alone. */
    public RejectedRequestException(String message) {
        this(message, message);
    }

    /** A refusal staff meet in Tasklist, in English ({@link #getMessage}) and German. */
    public RejectedRequestException(String english, String german) {
        super(english);
        this.german = german;
    }

    /**
     * The message for a caller whose browser asks for these languages (an {@code Accept-Language} header,
     * as Tasklist sends it; null for none): German if German comes before English, otherwise English.
     */
    public String message(String acceptLanguage) {
        Locale chosen = null;
        if (acceptLanguage != null) {
            try {
                chosen = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
            } catch (IllegalArgumentException malformed) {
                // a malformed header asks for nothing
            }
        }
        return Locale.GERMAN.equals(chosen) ? german : getMessage();
    }
}
