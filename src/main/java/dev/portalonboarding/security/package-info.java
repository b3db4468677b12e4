/**
 * The composition root: web rules, Camunda groups and grants, engine API hardening, production settings.
 * It wires the other modules together and no module depends on it (their allowed dependencies leave
 * it out); the engine groups as authorities are shared through the root package (EngineGroups).
 */
package dev.portalonboarding.security;
