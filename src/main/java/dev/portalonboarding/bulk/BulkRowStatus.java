package dev.portalonboarding.bulk;

/** Where a row stands: PENDING rows wait for a batch; the other states are final. */
public enum BulkRowStatus {
    PENDING,
    /** Its onboarding runs; the invitation email is on its way. */
    STARTED,
    /** Not started: invalid in the dry run, or refused by the onboarding at start (the reason is in the row). */
    SKIPPED,
    /** Staff cancelled the bulk onboarding after the dry run. */
    CANCELLED
}
