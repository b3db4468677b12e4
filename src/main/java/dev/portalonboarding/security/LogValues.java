package dev.portalonboarding.security;

/** Puts user-supplied text into a log line so that it cannot start or forge another line. */
final class LogValues {

    /** The text with every control, format and line or paragraph separator character as {@code \\uXXXX}. */
    static String escaped(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder escaped = new StringBuilder(value.length());
        value.codePoints().forEach(codePoint -> {
            int type = Character.getType(codePoint);
            boolean invisible = type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.UNASSIGNED;
            if (invisible) {
                escaped.append(String.format("\\u%04x", codePoint));
            } else {
                escaped.appendCodePoint(codePoint);
            }
        });
        return escaped.toString();
    }

    private LogValues() {
    }
}
