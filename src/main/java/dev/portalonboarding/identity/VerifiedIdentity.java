package dev.portalonboarding.identity;

import java.io.Serializable;

/**
 * An identity as the identity provider vouched for it in an ID token. Issuer and subject identify it;
 * email and name are descriptive and may change. {@code emailVerified} says whether the provider
 * vouches for the email (see each provider for how it knows). Serializable: the portal keeps it in the
 * signed-in user's session, which the nodes share.
 */
public record VerifiedIdentity(String issuer, String subject, String email, boolean emailVerified, String name)
        implements Serializable {
}
