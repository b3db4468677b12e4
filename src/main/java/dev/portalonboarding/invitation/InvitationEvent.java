package dev.portalonboarding.invitation;

import java.time.Instant;
import java.util.UUID;

public record InvitationEvent(
        long id,
        UUID invitationId,
        InvitationEventType type,
        Instant occurredAt,
        String actor,
        String ip,
        String userAgent,
        String detail) {
}
