/**
 * The auditors' read-only onboarding history behind Cockpit's Onboardings view: engine history, the
 * invitations' and the contacts' audit trails, and the contacts (onboardings are found by their
 * contact's email), read only; and the engine's history level that keeps what they read.
 */
@ApplicationModule(allowedDependencies = { "onboarding", "invitation", "contact" })
package dev.portalonboarding.history;

import org.springframework.modulith.ApplicationModule;
