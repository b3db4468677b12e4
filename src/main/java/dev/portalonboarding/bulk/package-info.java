/**
 * Bulk onboarding from a CSV file: its own process, which starts onboardings through the onboarding
 * module's rules.
 */
@ApplicationModule(allowedDependencies = { "onboarding", "contact" })
package dev.portalonboarding.bulk;

import org.springframework.modulith.ApplicationModule;
