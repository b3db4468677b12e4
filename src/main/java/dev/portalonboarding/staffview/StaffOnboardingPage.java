package dev.portalonboarding.staffview;

import java.util.List;

public record StaffOnboardingPage(long total, int page, int size, List<StaffOnboarding> items) {
}
