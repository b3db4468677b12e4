package dev.portalonboarding.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code onboarding.api.*}: whose tokens the API trusts and what a machine client may do in the engine.
 * The development provider names its own issuer, so the embedded profile sets neither URI.
 */
@Validated
@ConfigurationProperties("onboarding.api")
public record ApiProperties(
        /** The issuer ({@code iss}) of the clients' tokens: the Keycloak realm, the Entra tenant. */
        URI issuerUri,
        /** Where this service fetches the issuer's signing keys (JWKS). */
        URI jwkSetUri,
        /** The issuer's token endpoint, named in the OpenAPI document for clients. */
        URI tokenUri,
        /** When set, a token must name it in {@code aud}. */
        String audience,
        /** The claim that names the client: {@code azp} in Keycloak's and Entra's (v2) tokens. */
        @NotBlank @DefaultValue("azp") String clientIdClaim,
        /** The claim with the granted scopes: {@code scope} (Keycloak), {@code roles} (Entra app roles). */
        @NotBlank @DefaultValue("scope") String scopeClaim,
        /** The engine groups of a client not listed in {@code clients}. */
        @NotEmpty @DefaultValue(ApiClients.GROUP) List<String> defaultGroups,
        /** Per client id: its engine groups instead of the default ones. */
        @Valid @NotNull @DefaultValue Map<String, Client> clients,
        /** How long an Idempotency-Key is remembered. */
        @NotNull @DefaultValue("PT24H") Duration idempotencyRetention) {

    public record Client(@NotEmpty List<String> groups) {
    }

    /** The engine groups a client acts with. */
    public List<String> groupsOf(String clientId) {
        Client client = clients.get(clientId);
        return client != null ? client.groups() : defaultGroups;
    }
}
