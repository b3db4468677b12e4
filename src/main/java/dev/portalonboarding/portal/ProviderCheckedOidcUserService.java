package dev.portalonboarding.portal;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.util.StringUtils;

import dev.portalonboarding.identity.IdentityProvider;

/**
 * Spring Security's OIDC user loading, plus the provider's own checks (Entra's tenant, for one), so a
 * token the provider would not vouch for fails the sign-in itself. The only place that asks the
 * provider's rules: the identity they give travels with the principal ({@link VerifiedOidcUser}).
 */
public class ProviderCheckedOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService standard = new OidcUserService();
    private final IdentityProvider identityProvider;

    public ProviderCheckedOidcUserService(IdentityProvider identityProvider) {
        this.identityProvider = identityProvider;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = standard.loadUser(request);
        String nameAttribute = request.getClientRegistration().getProviderDetails().getUserInfoEndpoint()
                .getUserNameAttributeName();
        return new VerifiedOidcUser(user, StringUtils.hasText(nameAttribute) ? nameAttribute : IdTokenClaimNames.SUB,
                identityProvider.identify(user));
    }
}
