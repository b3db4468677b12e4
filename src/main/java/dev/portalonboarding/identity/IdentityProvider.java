package dev.portalonboarding.identity;

import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactIdentity;

/**
 * The external identity provider users sign up and sign in with: Keycloak, Entra External ID, or the
 * development provider, chosen by {@code onboarding.identity.provider}. The OpenID Connect exchange
 * itself is Spring Security's; this is what differs between providers.
 */
public interface IdentityProvider {

    /** Who signed in, by the provider's own rules for the stable user id and the email's trust. */
    VerifiedIdentity identify(OidcUser user);

    /**
     * Marks the provider's account as belonging to the contact. Must be safe to repeat: the engine
     * retries it after an outage, and an outage must throw so that it does.
     */
    void linkAccount(Contact contact, VerifiedIdentity identity);

    /**
     * Disables (offboarding) or enables again (a new onboarding of an offboarded contact) the linked
     * account, so that sign-in fails or works at the provider itself. An account the provider no longer
     * has counts as done. Safe to repeat; an outage must throw so that the engine retries.
     */
    void setAccountEnabled(ContactIdentity identity, boolean enabled);

    /**
     * Deletes the linked account at the provider (erasure). An account the provider no longer has counts
     * as done. Safe to repeat; an outage must throw so that the engine retries.
     */
    void deleteAccount(ContactIdentity identity);
}
