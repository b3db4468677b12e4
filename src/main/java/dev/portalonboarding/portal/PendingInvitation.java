package dev.portalonboarding.portal;

import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The invitation a user accepted in this browser, kept in the server-side session between the accept
 * click and the return from the identity provider: never in a URL, and never the code itself.
 */
public record PendingInvitation(UUID invitationId, String invitedEmail, String language, boolean anotherAccount)
        implements Serializable {

    private static final String ATTRIBUTE = PendingInvitation.class.getName();

    public static Optional<PendingInvitation> of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((PendingInvitation) session.getAttribute(ATTRIBUTE));
    }

    public void store(HttpServletRequest request) {
        request.getSession().setAttribute(ATTRIBUTE, this);
    }

    public static void clear(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(ATTRIBUTE);
        }
    }

    /** The next sign-in should offer another account, after one that did not match. */
    public PendingInvitation withAnotherAccount() {
        return new PendingInvitation(invitationId, invitedEmail, language, true);
    }
}
