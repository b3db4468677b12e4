package dev.portalonboarding.history;

import java.time.LocalDate;

/** The auditors' search; every part is optional. Dates are days in UTC, both ends included. */
public record OnboardingFilter(String email, String company, OnboardingOutcome outcome, LocalDate from, LocalDate to) {
}
