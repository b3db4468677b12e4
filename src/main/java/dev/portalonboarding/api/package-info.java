/**
 * The versioned REST API for machine clients, {@code /api/v1}: onboardings and bulk onboardings started,
 * read and acted on as the client (OAuth2 client credentials), through the same processes staff use.
 * Its OpenAPI document is generated from these controllers.
 */
@ApplicationModule(allowedDependencies = { "onboarding", "history", "invitation", "bulk", "identity" })
package dev.portalonboarding.api;

import org.springframework.modulith.ApplicationModule;
