package dev.portalonboarding.contact;

/** Entries of the contact-level audit trail. */
public enum ContactEventType {
    /**
     * The actor asked for an onboarding of the contact: the detail holds the request's names, company,
     * language and roles, the process instance the onboarding.
     */
    REQUESTED,
    /** The contact's personal data was erased, requested by the actor and approved by the approver. */
    ERASED
}
