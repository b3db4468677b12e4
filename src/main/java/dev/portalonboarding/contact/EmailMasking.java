package dev.portalonboarding.contact;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Emails as pages and audit sentences show them: enough to recognise one's own address, too little to
 * learn someone else's, the first letter and the domain.
 */
public final class EmailMasking {

    /** Anything shaped like an address inside free text (reasons, details). */
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>()\\[\\],;:\"']+@[^\\s@<>()\\[\\],;:\"']+");

    /** One address: "ada@example.com" becomes "a***@example.com". */
    public static String mask(String email) {
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return "***";
        }
        return (at <= 1 ? "***" : email.charAt(0) + "***") + email.substring(at);
    }

    /** Free text with every address in it masked; null stays null. */
    public static String maskWithin(String text) {
        return text == null ? null : EMAIL.matcher(text).replaceAll(match -> Matcher.quoteReplacement(mask(match.group())));
    }

    private EmailMasking() {
    }
}
