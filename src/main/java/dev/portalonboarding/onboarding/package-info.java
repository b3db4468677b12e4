/**
 * The onboarding process: its names (OnboardingProcess), its delegates, the start rules (InputPolicy,
 * OnboardingRequestValidator) and the redemption of an invitation with its message correlation. It owns
 * the records (contact, invitation) and drives the identity provider and the emails.
 */
@ApplicationModule(allowedDependencies = { "contact", "invitation", "identity", "mail" })
package dev.portalonboarding.onboarding;

import org.springframework.modulith.ApplicationModule;
