package dev.portalonboarding.contact;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

public record Contact(
        UUID id,
        String email,
        String firstName,
        String lastName,
        String company,
        String language,
        List<String> roles,
        ContactStatus status,
        String onboardingProcessInstanceId,
        Instant createdAt,
        Instant activatedAt) {

    public Locale locale() {
        return Locale.forLanguageTag(language);
    }

    public String fullName() {
        return firstName + " " + lastName;
    }
}
