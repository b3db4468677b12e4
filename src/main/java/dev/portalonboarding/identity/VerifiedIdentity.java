package dev.portalonboarding.identity;

/**
 * An identity as the identity provider vouched for it in an ID token. Issuer and subject identify it;
 * email and name are descriptive and may change.
 */
public record VerifiedIdentity(String issuer, String subject, String email, String name) {
}
