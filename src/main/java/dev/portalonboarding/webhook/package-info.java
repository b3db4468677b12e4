/**
 * Webhooks: CloudEvents about onboardings, invitations and contacts, signed per Standard Webhooks and
 * delivered to the configured subscriptions from an outbox written in the event's transaction, one
 * asynchronous engine job per delivery (retries, locks across nodes, incidents in Cockpit).
 */
@ApplicationModule(allowedDependencies = { "onboarding", "invitation", "contact" })
package dev.portalonboarding.webhook;

import org.springframework.modulith.ApplicationModule;
