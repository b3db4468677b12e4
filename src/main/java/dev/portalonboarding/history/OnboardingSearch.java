package dev.portalonboarding.history;

import java.time.LocalDate;

/**
 * A search for onboardings by where they stand; every part is optional. Email and company match a part,
 * ignoring case; the starter is a user id, matched exactly; dates are days in UTC, both ends included.
 */
public record OnboardingSearch(String email, String company, OnboardingState state, String startedBy,
        LocalDate from, LocalDate to) {
}
