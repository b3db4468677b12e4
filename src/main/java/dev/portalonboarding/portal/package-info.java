/**
 * The pages portal users see: the invitation pages, the sign-in round trip and the portal page. It
 * redeems through the onboarding module and reads the records; it never correlates the process itself.
 */
@ApplicationModule(allowedDependencies = { "onboarding", "contact", "invitation", "identity" })
package dev.portalonboarding.portal;

import org.springframework.modulith.ApplicationModule;
