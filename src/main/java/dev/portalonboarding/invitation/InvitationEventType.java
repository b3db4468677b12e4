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
    REVOKED,
    /**
     * Staff ended the contact's portal access (recorded on its latest invitation until a contact-level
     * trail exists).
     */
    OFFBOARDED,
    /** The identity provider disabled the offboarded contact's account. */
    ACCOUNT_DISABLED,
    /** The identity provider enabled the account again for a new onboarding of an offboarded contact. */
    ACCOUNT_ENABLED
}
