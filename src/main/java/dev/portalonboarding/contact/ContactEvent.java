package dev.portalonboarding.contact;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the contact-level audit trail: about the contact as a whole (no process instance), or
 * about one of its onboardings.
 */
public record ContactEvent(long id, UUID contactId, ContactEventType type, Instant occurredAt, String actor,
        String approver, String reason, String processInstanceId, String detail) {
}
