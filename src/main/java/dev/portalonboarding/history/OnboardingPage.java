package dev.portalonboarding.history;

import java.util.List;

public record OnboardingPage(long total, int page, int size, List<OnboardingSummary> items) {
}
