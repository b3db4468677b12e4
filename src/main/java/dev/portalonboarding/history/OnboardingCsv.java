package dev.portalonboarding.history;

import java.time.Instant;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CSV lines (RFC 4180) for the export. Names and companies come from staff input, so a cell that
 * starts like a spreadsheet formula gets a leading apostrophe (OWASP CSV injection). UTF-8 with a byte
 * order mark.
 */
final class OnboardingCsv {

    /** First in the file, as in the bulk CSV: without it Excel reads UTF-8 as Windows-1252 ("MÃ¼ller"). */
    static final char BYTE_ORDER_MARK = '\uFEFF';

    static final String HEADER = line(Stream.of("process instance", "email", "first name", "last name", "company",
            "started by", "started at", "ended at", "outcome", "outcome reason"));

    static String row(OnboardingSummary onboarding) {
        return line(Stream.of(onboarding.processInstanceId(), onboarding.email(), onboarding.firstName(),
                onboarding.lastName(), onboarding.company(), onboarding.startedBy(), text(onboarding.startedAt()),
                text(onboarding.endedAt()), onboarding.outcome().name(), onboarding.outcomeReason()));
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private static String line(Stream<String> cells) {
        return cells.map(OnboardingCsv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String text(Instant instant) {
        return Objects.toString(instant, null);
    }

    private OnboardingCsv() {
    }
}
