package dev.portalonboarding.contact;

public enum ContactStatus {
    /** Invited, not yet linked to an identity. */
    PENDING,
    /** Linked to an identity and granted its portal roles. */
    ACTIVE
}
