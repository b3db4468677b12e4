package dev.portalonboarding.contact;

public enum ContactStatus {
    /** Invited, not yet linked to an identity. */
    PENDING,
    /** Linked to an identity and granted its portal roles. */
    ACTIVE,
    /**
     * Portal access ended by staff: roles withdrawn, the portal refuses the contact, its identity
     * accounts are disabled. It stays so through a later onboarding until that onboarding activates it.
     */
    OFFBOARDED,
    /**
     * Erased on a data subject's request: the row keeps only placeholders, so that the audit trails and
     * the engine history keep their subject without the person. No identity is linked any more.
     */
    ERASED
}
