package dev.portalonboarding.onboarding;

import java.net.IDN;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one policy for text that staff and scripts send: names, company, email and reasons, from the
 * Tasklist forms, bulk files and the revoke form alike. Values are Unicode NFC with the spaces at
 * either end removed; characters that are invisible, change direction or break lines are refused.
 * Roles are checked against the configured catalogue ({@link OnboardingRequestValidator}).
 */
public final class InputPolicy {

    /**
     * The syntax of an email address, also the {@code validate.pattern} of the Tasklist forms (so it
     * must mean the same as a JavaScript RegExp and a Java pattern: no {@code \s}, no flags). An ASCII
     * local part (mail servers without SMTPUTF8 deliver nothing else), an {@code @}, and a domain with
     * a dot, no spaces and no control characters; the domain may be internationalised, see
     * {@link #emailProblem}.
     */
    public static final String EMAIL_PATTERN =
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[^\\x00-\\x20\\x7F@.]+(\\.[^\\x00-\\x20\\x7F@.]+)+$";

    public static final String INVALID_EMAIL = "must be a valid email address";
    public static final String FORBIDDEN_CHARACTER = "must not contain line breaks, control or invisible characters";
    private static final String INVALID_EMAIL_DE = "ist keine gültige E-Mail-Adresse";
    private static final String FORBIDDEN_CHARACTER_DE = "darf keine Zeilenumbrüche, Steuer- oder unsichtbaren Zeichen enthalten";

    private static final Pattern EMAIL = Pattern.compile(EMAIL_PATTERN);

    /**
     * Control (Cc, which holds CR, LF and U+0085), format (Cf: zero-width and bidirectional marks, the
     * byte order mark), line and paragraph separators (Zl, Zp), lone surrogates (Cs) and code points
     * Unicode has not assigned (Cn).
     */
    private static final Set<Integer> FORBIDDEN_TYPES = Set.of((int) Character.CONTROL, (int) Character.FORMAT,
            (int) Character.LINE_SEPARATOR, (int) Character.PARAGRAPH_SEPARATOR, (int) Character.SURROGATE,
            (int) Character.UNASSIGNED);

    /** Scripts that go with any other in a domain label: digits, hyphens, combining marks. */
    private static final Set<Character.UnicodeScript> NEUTRAL_SCRIPTS =
            EnumSet.of(Character.UnicodeScript.COMMON, Character.UnicodeScript.INHERITED);

    /**
     * The mixtures a label may have, as in UTS #39's "highly restrictive" level: how Japanese, Chinese
     * and Korean are written, with or without Latin. Any other label has one script.
     */
    private static final List<Set<Character.UnicodeScript>> WRITING_SYSTEMS = List.of(
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.HIRAGANA,
                    Character.UnicodeScript.KATAKANA),
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.BOPOMOFO),
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.HANGUL));

    private InputPolicy() {
    }

    /** NFC, without spaces at either end; null stays null. Other characters stay, to be refused. */
    public static String normalised(String value) {
        if (value == null) {
            return null;
        }
        String nfc = Normalizer.normalize(value, Normalizer.Form.NFC);
        int start = 0;
        int end = nfc.length();
        while (start < end && Character.getType(nfc.charAt(start)) == Character.SPACE_SEPARATOR) {
            start++;
        }
        while (end > start && Character.getType(nfc.charAt(end - 1)) == Character.SPACE_SEPARATOR) {
            end--;
        }
        return nfc.substring(start, end);
    }

    /**
     * Why a one-line text is refused, e.g. "must not contain … (U+2028 at position 4)"; empty if every
     * character is allowed. {@code multiLine} allows CR and LF (a reason typed in a text area).
     */
    public static Optional<Problem> forbiddenCharacter(String value, boolean multiLine) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            boolean lineBreak = codePoint == '\n' || codePoint == '\r';
            if (FORBIDDEN_TYPES.contains(Character.getType(codePoint)) && !(multiLine && lineBreak)) {
                String where = codePoint(codePoint) + " at position " + (value.codePointCount(0, i) + 1);
                return Optional.of(new Problem(FORBIDDEN_CHARACTER + " (" + where + ")",
                        FORBIDDEN_CHARACTER_DE + " (" + where.replace(" at position ", " an Position ") + ")"));
            }
            i += Character.charCount(codePoint);
        }
        return Optional.empty();
    }

    /**
     * The value for a message or a log line: in double quotes, every character the policy refuses
     * (and backslashes and quotes) escaped as {@code \\uXXXX}, so it cannot break or fake a line.
     */
    public static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        value.codePoints().forEach(codePoint -> {
            if (FORBIDDEN_TYPES.contains(Character.getType(codePoint)) || codePoint == '"' || codePoint == '\\') {
                // A lone surrogate or an astral code point: escaped per UTF-16 unit, as Java and JSON write them
                for (char unit : Character.toChars(codePoint)) {
                    quoted.append(String.format(Locale.ROOT, "\\u%04X", (int) unit));
                }
            } else {
                quoted.appendCodePoint(codePoint);
            }
        });
        return quoted.append('"').toString();
    }

    /**
     * Why an email (already {@link #normalised}) is refused, empty if it is fine: no refused characters,
     * the {@link #EMAIL_PATTERN} syntax, a domain that IDNA (as {@link IDN} implements it, with the STD3
     * rules: letters, digits and hyphens) can write in ASCII, and no label that mixes scripts (a Cyrillic
     * "а" among Latin letters, say; digits and hyphens go with any script, and the scripts of Japanese,
     * Chinese and Korean with each other and with Latin).
     */
    public static Optional<Problem> emailProblem(String email) {
        Optional<Problem> forbidden = forbiddenCharacter(email, false);
        if (forbidden.isPresent()) {
            return forbidden;
        }
        if (!EMAIL.matcher(email).matches() || email.codePoints().anyMatch(Character::isSpaceChar)) {
            return Optional.of(new Problem(INVALID_EMAIL, INVALID_EMAIL_DE));
        }
        String domain = email.substring(email.indexOf('@') + 1);
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return Optional.of(new Problem(INVALID_EMAIL + " (the domain cannot be written in ASCII)",
                    INVALID_EMAIL_DE + " (die Domain lässt sich nicht in ASCII schreiben)"));
        }
        // Decoded again, so a label given as punycode (xn--…) is checked as what it shows
        for (String label : IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES).split("\\.")) {
            Set<Character.UnicodeScript> scripts = EnumSet.noneOf(Character.UnicodeScript.class);
            label.codePoints().mapToObj(Character.UnicodeScript::of)
                    .filter(script -> !NEUTRAL_SCRIPTS.contains(script))
                    .forEach(scripts::add);
            if (scripts.size() > 1 && WRITING_SYSTEMS.stream().noneMatch(system -> system.containsAll(scripts))) {
                String names = scripts.stream().map(script -> script.name().toLowerCase(Locale.ROOT)).sorted().toList()
                        .toString();
                return Optional.of(new Problem(INVALID_EMAIL + " (the domain part " + quoted(label) + " mixes scripts: "
                        + names + ")", INVALID_EMAIL_DE + " (der Domainteil " + quoted(label) + " mischt Schriften: "
                        + names + ")"));
            }
        }
        return Optional.empty();
    }

    /**
     * The one spelling an email is stored, compared and sent as: lower case, the domain in ASCII
     * (punycode for an internationalised domain). An address {@link #emailProblem} refuses is only
     * lower-cased, for messages and reports.
     */
    public static String canonicalEmail(String email) {
        if (email == null) {
            return null;
        }
        String lower = email.toLowerCase(Locale.ROOT);
        if (emailProblem(email).isPresent()) {
            return lower;
        }
        int at = lower.indexOf('@');
        return lower.substring(0, at + 1) + IDN.toASCII(lower.substring(at + 1), IDN.USE_STD3_ASCII_RULES);
    }

    /**
     * Whether an address from elsewhere (the email an identity provider reports, perhaps with the
     * domain in Unicode) is the stored {@link #canonicalEmail canonical} one.
     */
    public static boolean sameEmail(String email, String canonical) {
        return email != null && canonicalEmail(normalised(email)).equals(canonical);
    }

    private static String codePoint(int codePoint) {
        return String.format(Locale.ROOT, "U+%04X", codePoint);
    }
}
