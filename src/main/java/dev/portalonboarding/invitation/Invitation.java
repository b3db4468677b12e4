package dev.portalonboarding.invitation;

import java.time.Instant;
import java.util.UUID;

public record Invitation(
        UUID id,
        UUID contactId,
        String processInstanceId,
        InvitationStatus status,
        int validityDays,
        Instant createdAt,
        Instant sentAt,
        Instant remindedAt,
        Instant expiresAt,
        Instant redeemedAt,
        String redeemedIssuer,
        String redeemedSubject,
        Instant expiredAt,
        Instant revokedAt) {
}
