package dev.portalonboarding.identity;

import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.Contact;

/**
 * Stands in until the provider implementations arrive: the link then lives only in our own tables
 * (contact identity, recorded by Link account).
 */
@Component
class NoOpIdentityProviderAccounts implements IdentityProviderAccounts {

    @Override
    public void linkAccount(Contact contact, VerifiedIdentity identity) {
        // Nothing to change at a provider yet.
    }
}
