package dev.portalonboarding.security;

import java.util.Map;

import dev.portalonboarding.security.HostileCase.Answer;

/** What hostile cases talk to: the service as staff, auditor, script or stranger, and fixtures made on demand. */
interface HostileTarget {

    /** A POST in the staff member's Tasklist session, with its CSRF token. */
    Answer asStaff(String path, String contentType, String body);

    /** A POST in the staff member's Tasklist session, without the CSRF token. */
    Answer asStaffWithoutCsrfToken(String path, String contentType, String body);

    /** A POST in the auditor's Cockpit session, with its CSRF token. */
    Answer asAuditor(String path, String contentType, String body);

    /** Any method on the engine API in the staff member's or auditor's session, with its CSRF token. */
    Answer engineApi(Who who, String method, String path, String contentType, String body);

    /** Any request from a fresh client address; the session's cookie is added when {@code who} is staff or auditor. */
    Answer raw(Who who, String method, String target, Map<String, String> headers, byte[] body);

    /** The script upload with HTTP Basic as staff. */
    Answer upload(String query, String contentType, byte[] body);

    /** A token of the API's demo client with every scope, from the development provider. */
    String apiToken();

    /** The email of a contact whose invitation is pending (a new one once a case revoked it). */
    String pendingInvitationEmail();

    /** A code of a pending invitation. */
    String liveInvitationCode();

    /** An open "Review expired invitation" task. */
    String reviewTaskId();

    /** The onboarding of {@link #reviewTaskId()}. */
    String reviewOnboardingId();

    /** That onboarding's process variables and its review task's local variables, by "process:"/"task:" name. */
    Map<String, Object> reviewVariables();

    /** An open "Review dry run" task of a bulk onboarding. */
    String dryRunTaskId();

    /** A staff filter's id. */
    String staffFilterId();

    /** A fresh sign-in round trip: its session cookie and the state the provider would return. */
    SignInRoundTrip signInRoundTrip();

    record SignInRoundTrip(String cookie, String state) {
    }

    enum Who {
        ANONYMOUS, STAFF, AUDITOR
    }
}
