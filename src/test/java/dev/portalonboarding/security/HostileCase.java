package dev.portalonboarding.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One hostile request of {@link HostileInputTest}: what it sends, which answers are acceptable, and what
 * it may change (by default nothing). Named "group: case" so a failing group reads at a glance.
 */
final class HostileCase {

    /** The answers a case accepts. */
    enum Answers {
        /** A start or task completion the engine API refuses by our rules: exactly 400. */
        ENGINE_REFUSAL,
        /** Any 4xx: the request is refused, whichever way. */
        REFUSAL,
        /** A 4xx, or a redirect that stays on this site (the OpenID Connect callback's failure page). */
        REFUSAL_OR_REDIRECT_HOME,
        /** Any answer but a 5xx, where refusing and ignoring are both right; redirects must stay on this site. */
        NO_SERVER_ERROR,
        /** A documented success (the valid baselines, a search that finds nothing). */
        SUCCESS
    }

    /** What a case sees of the service: an answer, with its headers lower-cased. */
    record Answer(int status, Map<String, List<String>> headers, String body) {

        Optional<String> header(String name) {
            return headers.getOrDefault(name, List.of()).stream().findFirst();
        }
    }

    final String group;
    final String name;
    final Function<HostileTarget, Answer> call;
    Answers answers = Answers.REFUSAL;
    /** Expected changes of {@link HostileInputTest#snapshot()} counts; every other count stays. */
    final Map<String, Long> changes = new LinkedHashMap<>();
    /** Counts whose change this case does not judge (e.g. sessions of a sign-in round trip). */
    boolean sessionsJudged;
    /** Text that must never begin a log line: the case smuggled it in after a line break. */
    String forgedLogLine;
    /** State the case must leave as it found it, by what it is, read before and after the request. */
    final Map<String, Function<HostileTarget, Object>> unchanged = new LinkedHashMap<>();
    /** Further checks of the answer. */
    Consumer<Answer> alsoCheck = answer -> { };

    HostileCase(String group, String name, Function<HostileTarget, Answer> call) {
        this.group = group;
        this.name = name;
        this.call = call;
    }

    HostileCase answers(Answers answers) {
        this.answers = answers;
        return this;
    }

    HostileCase changes(String count, long by) {
        changes.put(count, by);
        return this;
    }

    HostileCase createsNoSession() {
        sessionsJudged = true;
        return this;
    }

    HostileCase forgesLogLine(String line) {
        forgedLogLine = line;
        return this;
    }

    HostileCase keeps(String what, Function<HostileTarget, Object> state) {
        unchanged.put(what, state);
        return this;
    }

    HostileCase alsoCheck(Consumer<Answer> check) {
        alsoCheck = alsoCheck.andThen(check);
        return this;
    }

    @Override
    public String toString() {
        return group + ": " + name;
    }
}
