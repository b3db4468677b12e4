/**
 * The onboarding funnel as Micrometer meters (counted on the node where each step happens, scraped at
 * /actuator/prometheus behind its own credential) and that credential's settings.
 */
@ApplicationModule(allowedDependencies = { "invitation" })
package dev.portalonboarding.metrics;

import org.springframework.modulith.ApplicationModule;
