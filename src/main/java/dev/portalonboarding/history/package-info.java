/**
 * The auditors' read-only onboarding history behind Cockpit's Onboardings view: engine history and the
 * invitations' audit trail, read only.
 */
@ApplicationModule(allowedDependencies = { "onboarding", "invitation" })
package dev.portalonboarding.history;

import org.springframework.modulith.ApplicationModule;
