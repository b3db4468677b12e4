package dev.portalonboarding.contact;

/** Entries of the contact-level audit trail. */
public enum ContactEventType {
    /** The contact's personal data was erased, requested by the actor and approved by the approver. */
    ERASED
}
