/**
 * The auditors' read-only onboarding history behind Cockpit's Onboardings view: engine history, the
 * invitations' and the contacts' audit trails, read only.
 */
@ApplicationModule(allowedDependencies = { "onboarding", "invitation", "contact" })
package dev.portalonboarding.history;

import org.springframework.modulith.ApplicationModule;
