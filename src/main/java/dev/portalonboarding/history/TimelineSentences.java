package dev.portalonboarding.history;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.portalonboarding.contact.ContactEvent;
import dev.portalonboarding.contact.EmailMasking;
import dev.portalonboarding.invitation.InvitationEvent;
import dev.portalonboarding.invitation.InvitationEvents;

/**
 * An onboarding's story in plain words, one sentence per timeline entry: what happened, who did it,
 * from where. Every email in a sentence is masked and free text passes through
 * {@link EmailMasking#maskWithin}, so any view or API may show the sentences as they are.
 */
public final class TimelineSentences {

    private static final Pattern VALIDITY = Pattern.compile("valid for (\\d+) days");
    private static final Pattern OFFBOARD_REASON = Pattern.compile("reason: (.*)$", Pattern.DOTALL);
    private static final Pattern CAMEL_CASE_WORD = Pattern.compile("(?<=[a-z])(?=[A-Z])");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    /** An entry of the invitation audit trail; {@code invitedEmail} is the onboarding's, masked here. */
    public static String invitation(InvitationEvent event, String invitedEmail) {
        String to = invitedEmail == null ? "" : " to " + EmailMasking.mask(invitedEmail);
        String by = byStaff(event.actor());
        return switch (event.type()) {
            case CREATED -> "Invitation created" + (by.isEmpty() ? "" : " by" + by) + validity(event.detail());
            case RESENT -> (by.isEmpty() ? "The invitation was issued again" : "Staff" + by + " resent the invitation")
                    + validity(event.detail());
            case SENT -> "Invitation email sent" + to;
            case REMINDER_SENT -> "Reminder email sent" + to;
            case OPENED -> ("HEAD".equals(event.detail()) ? "Link checked without opening the page (HEAD)" : "Link opened")
                    + whereFrom(event.ip(), event.userAgent());
            case ACCEPT_CLICKED -> "Invitation accepted on its page" + whereFrom(event.ip(), event.userAgent())
                    + "; sign-in started";
            case IDENTITY_MISMATCH -> "Signed in with another account" + maskedPerson(event.actor(), " (", ")")
                    + whereFrom(event.ip(), event.userAgent()) + "; the invitation stays valid";
            case REDEEMED -> "Invitation redeemed"
                    + (InvitationEvents.INVITEE.equals(event.actor()) ? " by the invitee" : maskedPerson(event.actor(), " by ", ""))
                    + issuer(event.detail(), " with ");
            case LINKED -> "Portal account linked" + issuer(event.detail(), " at ");
            case EXPIRED -> "Invitation expired unused";
            case NEW_INVITATION_REQUESTED -> "The invitee asked for a new invitation"
                    + whereFrom(event.ip(), event.userAgent());
            case REVOKED -> "Invitation revoked" + (by.isEmpty() ? "" : " by" + by) + reason(event.detail());
            case OFFBOARDED -> "Offboarded" + (by.isEmpty() ? "" : " by" + by) + reason(offboardReason(event.detail()));
            case ACCOUNT_DISABLED -> "Identity account disabled" + issuer(event.detail(), " at ");
            case ACCOUNT_ENABLED -> "Identity account enabled again" + issuer(event.detail(), " at ");
        };
    }

    /** An entry of the contact-level audit trail, shown in each of the contact's onboardings. */
    public static String contact(ContactEvent event) {
        return switch (event.type()) {
            case REQUESTED -> "Onboarding requested by " + event.actor()
                    + (event.detail() == null ? " (the request's details were erased)" : ": " + event.detail());
            case ERASED -> "Personal data erased on " + DAY.format(event.occurredAt()) + " by " + event.actor()
                    + ", approved by " + event.approver();
        };
    }

    /** "Firefox on Linux" from a user agent; "unknown browser" when it names none we know. */
    public static String browser(String userAgent) {
        String browser = userAgent.contains("Edg/") ? "Edge"
                : userAgent.contains("OPR/") ? "Opera"
                : userAgent.contains("Firefox/") ? "Firefox"
                : userAgent.contains("HeadlessChrome/") ? "headless Chrome"
                : userAgent.contains("Chrome/") || userAgent.contains("Chromium/") ? "Chrome"
                : userAgent.contains("Safari/") ? "Safari"
                : "unknown browser";
        String system = userAgent.contains("Windows") ? "Windows"
                : userAgent.contains("Android") ? "Android"
                : userAgent.contains("iPhone") || userAgent.contains("iPad") ? "iOS"
                : userAgent.contains("Mac OS X") ? "macOS"
                : userAgent.contains("Linux") ? "Linux"
                : null;
        return system == null ? browser : browser + " on " + system;
    }

    /** "exclusive gateway" from the engine's "exclusiveGateway". */
    static String words(String camelCase) {
        return CAMEL_CASE_WORD.splitAsStream(camelCase).map(word -> word.toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
    }

    /** ", reason: …" with addresses masked, or nothing. */
    static String reason(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + EmailMasking.maskWithin(reason.strip());
    }

    /** " sam" for a person, nothing for the engine itself or an anonymous visitor. */
    static String byStaff(String actor) {
        return actor == null || InvitationEvents.SYSTEM.equals(actor) || InvitationEvents.ANONYMOUS.equals(actor)
                ? "" : " " + EmailMasking.maskWithin(actor);
    }

    private static String validity(String detail) {
        Matcher days = detail == null ? null : VALIDITY.matcher(detail);
        return days != null && days.find() ? ", valid " + days.group(1) + " days" : "";
    }

    /** Offboarding details read "roles withdrawn: …; reason: …". */
    private static String offboardReason(String detail) {
        Matcher reason = detail == null ? null : OFFBOARD_REASON.matcher(detail);
        return reason != null && reason.find() ? reason.group(1) : null;
    }

    /** The person's address masked, or nothing once an erasure replaced it with a placeholder. */
    private static String maskedPerson(String actor, String before, String after) {
        return actor == null || actor.indexOf('@') < 0 ? "" : before + EmailMasking.mask(actor) + after;
    }

    /** Identity details read "<issuer> <subject>": the issuer says where; the subject is left out. */
    private static String issuer(String detail, String before) {
        return detail == null || detail.isBlank() ? "" : before + detail.strip().split("\\s+")[0];
    }

    /** " from 203.0.113.7, Firefox on Linux", as much of it as was recorded. */
    private static String whereFrom(String ip, String userAgent) {
        if (ip == null) {
            return userAgent == null ? "" : " with " + browser(userAgent);
        }
        return " from " + ip + (userAgent == null ? "" : ", " + browser(userAgent));
    }

    private TimelineSentences() {
    }
}
