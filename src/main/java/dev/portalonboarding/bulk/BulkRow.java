package dev.portalonboarding.bulk;

/**
 * One data line of a bulk onboarding file, as stored in {@code onboarding.bulk_row}. Values are as
 * given (trimmed, email lower-cased); roles are separated by semicolons as in the file.
 */
record BulkRow(
        String bulkId,
        int lineNumber,
        String email,
        String firstName,
        String lastName,
        String company,
        String language,
        String roles,
        BulkVerdict verdict,
        BulkRowStatus status,
        String detail,
        String onboardingProcessInstanceId) {

    BulkRow withResult(BulkRowStatus newStatus, String newDetail, String onboardingId) {
        return new BulkRow(bulkId, lineNumber, email, firstName, lastName, company, language, roles, verdict,
                newStatus, newDetail, onboardingId);
    }
}
