package dev.portalonboarding.onboarding;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What is wrong with a value, in English and German: Tasklist's forms show both languages, and a refusal
 * answers in the caller's ({@link RejectedRequestException#message}). English alone goes to logs, bulk
 * reports and scripts.
 */
public record Problem(String english, String german) {

    /** The problem of one field: "email must …" in English, "E-Mail ist …" in German. */
    Problem of(String field, String germanLabel) {
        return new Problem(field + " " + english, germanLabel + " " + german);
    }

    /** A refusal naming every problem after an introduction in each language. */
    static RejectedRequestException refusal(String english, String german, List<Problem> problems) {
        return new RejectedRequestException(
                english + ": " + problems.stream().map(Problem::english).collect(Collectors.joining("; ")),
                german + ": " + problems.stream().map(Problem::german).collect(Collectors.joining("; ")));
    }
}
