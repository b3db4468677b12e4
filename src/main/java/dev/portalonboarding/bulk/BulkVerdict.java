package dev.portalonboarding.bulk;

/** The dry run's verdict on one row. Only VALID rows are started. */
public enum BulkVerdict {
    VALID,
    /** A field breaks the rules of a single onboarding (OnboardingRequestValidator) or the row is malformed. */
    INVALID,
    /** An earlier line of the same file has the same email. */
    DUPLICATE,
    /** The email belongs to an active, linked contact. */
    ALREADY_ACTIVE,
    /** An onboarding for the email is running. */
    ALREADY_RUNNING
}
