/**
 * The invitations, their codes and their audit trail: records of the onboarding, depending on no other
 * module. Redeeming one correlates the waiting process, so that lives in the onboarding module.
 */
@ApplicationModule(allowedDependencies = {})
package dev.portalonboarding.invitation;

import org.springframework.modulith.ApplicationModule;
