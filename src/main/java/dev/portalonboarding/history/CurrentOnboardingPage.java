package dev.portalonboarding.history;

import java.util.List;

public record CurrentOnboardingPage(long total, int page, int size, List<CurrentOnboarding> items) {
}
