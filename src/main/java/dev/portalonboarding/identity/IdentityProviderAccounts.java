package dev.portalonboarding.identity;

import dev.portalonboarding.contact.Contact;

/**
 * The account at the identity provider, as the onboarding changes it: Keycloak, Entra External ID or
 * the development provider each implement it (see the redemption issue).
 */
public interface IdentityProviderAccounts {

    /**
     * Marks the provider's account as belonging to the contact. Must be safe to repeat: the engine
     * retries it after an outage.
     */
    void linkAccount(Contact contact, VerifiedIdentity identity);
}
