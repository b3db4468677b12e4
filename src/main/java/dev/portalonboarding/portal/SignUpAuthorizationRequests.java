package dev.portalonboarding.portal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import dev.portalonboarding.identity.IdentityProperties;

/**
 * Spring Security's authorization request (state, nonce, PKCE), plus, for a user who just accepted an
 * invitation: {@code prompt} to open the provider's sign-up (or {@code login} to pick another account
 * after a mismatch), the invited email as {@code login_hint}, and the contact's language as
 * {@code ui_locales}.
 *
 * <p>Only the sign-in registration starts a login. Any other id under {@code /oauth2/authorization/}
 * (unknown, or one of the service's own client-credentials registrations) is no request for this
 * resolver, so it ends as a plain 404 instead of Spring Security's 500.
 */
public class SignUpAuthorizationRequests implements OAuth2AuthorizationRequestResolver {

    private final DefaultOAuth2AuthorizationRequestResolver standard;
    private final IdentityProperties.SignUp signUp;
    private final String registrationId;
    private final RequestMatcher signIn;

    public SignUpAuthorizationRequests(ClientRegistrationRepository registrations, IdentityProperties identity) {
        this.standard = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        this.standard.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        this.signUp = identity.signUp();
        this.registrationId = identity.registrationId();
        this.signIn = PathPatternRequestMatcher.withDefaults().matcher("/oauth2/authorization/" + registrationId);
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        return signIn.matches(request) ? forInvitation(request, standard.resolve(request)) : null;
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
        return registrationId.equals(clientRegistrationId)
                ? forInvitation(request, standard.resolve(request, clientRegistrationId)) : null;
    }

    private OAuth2AuthorizationRequest forInvitation(HttpServletRequest request,
            OAuth2AuthorizationRequest authorization) {
        Optional<PendingInvitation> pending = PendingInvitation.of(request);
        if (authorization == null || pending.isEmpty()) {
            return authorization;
        }
        Map<String, Object> parameters = new LinkedHashMap<>(authorization.getAdditionalParameters());
        if (pending.get().anotherAccount()) {
            parameters.put("prompt", "login");
        } else if (!signUp.prompt().isBlank()) {
            parameters.put("prompt", signUp.prompt());
        }
        if (signUp.loginHint()) {
            parameters.put("login_hint", pending.get().invitedEmail());
        }
        if (signUp.uiLocales()) {
            parameters.put("ui_locales", pending.get().language());
        }
        return OAuth2AuthorizationRequest.from(authorization)
                .additionalParameters(parameters)
                .authorizationRequestUri((String) null) // rebuilt with the added parameters
                .build();
    }
}
