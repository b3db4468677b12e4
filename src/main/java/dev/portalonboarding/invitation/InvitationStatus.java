package dev.portalonboarding.invitation;

public enum InvitationStatus {
    /** Recorded, email not yet sent: no code exists yet. */
    NEW,
    /** Emailed; the code can be redeemed until it expires. */
    SENT,
    REDEEMED,
    EXPIRED,
    REVOKED;

    public boolean isOpen() {
        return this == NEW || this == SENT;
    }
}
