package dev.portalonboarding.onboarding;

import java.util.List;

/**
 * The start form of an onboarding as the server reads it, normalised by the {@link InputPolicy}. The
 * form validates too, but the engine API can be called without it, so {@link OnboardingRequestValidator}
 * is the check that counts.
 */
public record OnboardingRequest(
        String firstName,
        String lastName,
        /** Canonical: lower case, the domain in ASCII ({@link InputPolicy#canonicalEmail}). */
        String email,
        String company,
        String language,
        List<String> roles) {

    /** A request from the values as sent, NFC and without spaces at either end; bulk rows use it too. */
    public static OnboardingRequest normalised(String firstName, String lastName, String email, String company,
            String language, List<String> roles) {
        return new OnboardingRequest(InputPolicy.normalised(firstName), InputPolicy.normalised(lastName),
                InputPolicy.canonicalEmail(InputPolicy.normalised(email)), InputPolicy.normalised(company),
                InputPolicy.normalised(language),
                roles == null ? List.of() : roles.stream().map(InputPolicy::normalised).toList());
    }
}
