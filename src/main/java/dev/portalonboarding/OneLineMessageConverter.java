package dev.portalonboarding;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log message ({@code %m}, {@code %msg}, {@code %message} in logback-spring.xml) on one line:
 * line breaks and other control characters in logged values (a callback's error parameter, a form's
 * email, a file's header cell) are written as escapes, so no value can start a forged log line.
 * Spring Boot's report of a failed start stays as laid out: it comes from configuration, before any
 * request is served.
 */
public class OneLineMessageConverter extends MessageConverter {

    private static final String START_FAILURE_REPORT = "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter";

    @Override
    public String convert(ILoggingEvent event) {
        String message = super.convert(event);
        return START_FAILURE_REPORT.equals(event.getLoggerName()) ? message : escaped(message);
    }

    static String escaped(String message) {
        if (message == null || message.chars().noneMatch(OneLineMessageConverter::breaksLines)) {
            return message;
        }
        StringBuilder out = new StringBuilder(message.length() + 16);
        message.chars().forEach(c -> {
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                default -> {
                    if (breaksLines(c)) {
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** Controls other than tab (C0, DEL, C1 with NEL), and the Unicode line and paragraph separators. */
    private static boolean breaksLines(int c) {
        return (Character.isISOControl(c) && c != '\t') || c == '\u2028' || c == '\u2029';
    }
}
