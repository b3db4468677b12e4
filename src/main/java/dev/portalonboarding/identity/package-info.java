/**
 * The identity providers (Keycloak, Entra External ID, development): accounts for contacts and the
 * identities users sign in with.
 */
@ApplicationModule(allowedDependencies = "contact")
package dev.portalonboarding.identity;

import org.springframework.modulith.ApplicationModule;
