package dev.portalonboarding.invitation;

import java.time.Instant;
import java.util.UUID;

/**
 * Published (a Spring application event) when an audit trail entry is written, in its transaction, so
 * that listeners (webhooks, metrics) see exactly what the trail records.
 */
public record InvitationEventRecorded(UUID invitationId, InvitationEventType type, Instant occurredAt) {
}
