/**
 * The emails of an onboarding, their sending pace and the development mailbox.
 */
@ApplicationModule(allowedDependencies = { "contact", "invitation" })
package dev.portalonboarding.mail;

import org.springframework.modulith.ApplicationModule;
