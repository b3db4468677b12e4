/**
 * The staff's Onboardings view in Tasklist: where each onboarding they may see stands, searched by
 * email, company, state, date and starter. It only reads; its actions (resend, revoke) are process
 * starts through the webapps' engine API, and the review task is Tasklist's own.
 */
@ApplicationModule(allowedDependencies = { "history", "onboarding" })
package dev.portalonboarding.staffview;

import org.springframework.modulith.ApplicationModule;
