package dev.portalonboarding.contact;

import java.time.Instant;
import java.util.UUID;

/** An identity at an identity provider, linked to a contact by issuer and subject (never by email). */
public record ContactIdentity(String issuer, String subject, UUID contactId, String email, Instant linkedAt) {
}
