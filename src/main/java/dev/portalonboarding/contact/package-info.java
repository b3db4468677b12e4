/**
 * The contacts (portal users as the business knows them) and their linked identities: records of the
 * onboarding, depending on no other module.
 */
@ApplicationModule(allowedDependencies = {})
package dev.portalonboarding.contact;

import org.springframework.modulith.ApplicationModule;
