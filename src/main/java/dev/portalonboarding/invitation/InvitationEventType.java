package dev.portalonboarding.invitation;

/** Entries of the invitation audit trail that auditors read beside the engine history. */
public enum InvitationEventType {
    CREATED,
    /** Issued to replace an earlier invitation that expired or was still open. */
    RESENT,
    SENT,
    REMINDER_SENT,
    OPENED,
    ACCEPT_CLICKED,
    IDENTITY_MISMATCH,
    REDEEMED,
    LINKED,
    EXPIRED,
    /** The user asked for a new invitation from the page of an expired one. */
    NEW_INVITATION_REQUESTED,
    REVOKED
}
