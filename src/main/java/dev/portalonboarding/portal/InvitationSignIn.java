package dev.portalonboarding.portal;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.onboarding.InvitationRedemption;
import dev.portalonboarding.onboarding.InputPolicy;

/**
 * What happens when a user comes back signed in from the identity provider. With an invitation
 * pending in the session, the identity's verified email must be the invited one: then the invitation
 * is redeemed; otherwise the user is signed out again and the invitation stays valid.
 */
public class InvitationSignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(InvitationSignIn.class);

    private final InvitationRedemption redemption;
    private final InvitationEvents events;

    public InvitationSignIn(InvitationRedemption redemption, InvitationEvents events) {
        this.redemption = redemption;
        this.events = events;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        Optional<PendingInvitation> pending = PendingInvitation.of(request);
        if (pending.isEmpty()) {
            response.sendRedirect("/portal");
            return;
        }
        VerifiedIdentity identity = ((VerifiedOidcUser) authentication.getPrincipal()).identity();
        if (!identity.emailVerified() || !InputPolicy.sameEmail(identity.email(), pending.get().invitedEmail())) {
            events.record(pending.get().invitationId(), InvitationEventType.IDENTITY_MISMATCH, identity.email(),
                    request.getRemoteAddr(), request.getHeader("User-Agent"),
                    "signed in as " + identity.email() + (identity.emailVerified() ? "" : " (unverified)")
                            + " with " + identity.issuer() + " " + identity.subject());
            signOut(request);
            request.getSession().setAttribute(InvitationPages.SIGNED_IN_AS, identity.email());
            response.sendRedirect("/invitations/mismatch");
            return;
        }
        InvitationRedemption.Outcome outcome = redemption.redeem(pending.get().invitationId(), identity);
        PendingInvitation.clear(request);
        switch (outcome) {
            case REDEEMED -> response.sendRedirect("/portal");
            case ALREADY_REDEEMED -> response.sendRedirect("/invitations/already-accepted");
            case INVALID -> {
                signOut(request);
                response.sendRedirect("/invitations/unavailable");
            }
        }
    }

    /** The provider refused, the user cancelled, or the provider was unreachable: offer to try again. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        log.warn("Sign-in at the identity provider did not complete: {}", exception.getMessage());
        response.sendRedirect("/invitations/sign-in-failed");
    }

    private static void signOut(HttpServletRequest request) {
        SecurityContextHolder.clearContext();
        request.getSession().removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
    }
}
