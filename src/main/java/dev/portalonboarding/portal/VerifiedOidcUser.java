package dev.portalonboarding.portal;

import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import dev.portalonboarding.identity.VerifiedIdentity;

/**
 * The signed-in portal user with the identity its provider vouched for, checked once at sign-in
 * ({@link ProviderCheckedOidcUserService}) and kept with the principal in the session, so the sign-in
 * handler and every portal page read it instead of asking the provider's rules again.
 */
public class VerifiedOidcUser extends DefaultOidcUser {

    private static final long serialVersionUID = 1L;

    private final VerifiedIdentity identity;

    VerifiedOidcUser(OidcUser user, String nameAttributeKey, VerifiedIdentity identity) {
        super(user.getAuthorities(), user.getIdToken(), user.getUserInfo(), nameAttributeKey);
        this.identity = identity;
    }

    public VerifiedIdentity identity() {
        return identity;
    }
}
