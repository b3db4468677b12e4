package dev.portalonboarding.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

import dev.portalonboarding.EngineGroups;
import dev.portalonboarding.api.ApiClients;
import dev.portalonboarding.api.ApiProperties;
import dev.portalonboarding.identity.DevIdentityProvider;

/**
 * The API's bearer tokens: JWTs signed by the trusted identity provider's keys, from its issuer, within
 * their lifetime, naming a client and (when configured) our audience. A valid token becomes the engine
 * user {@code client:<client id>} with its scopes and the engine groups the configuration gives the client.
 */
final class ApiTokens {

    private final String issuer;
    private final String jwkSetUri;
    private final ApiProperties api;
    private final ApiClients clients;

    private ApiTokens(String issuer, String jwkSetUri, ApiProperties api, ApiClients clients) {
        this.issuer = issuer;
        this.jwkSetUri = jwkSetUri;
        this.api = api;
        this.clients = clients;
    }

    /** The development provider's tokens when it runs (embedded), otherwise those of onboarding.api.issuer-uri. */
    static ApiTokens trusting(DevIdentityProvider development, ApiProperties api, ApiClients clients) {
        if (development != null) {
            return new ApiTokens(development.issuer(), development.jwkSetUri(), api, clients);
        }
        if (api.issuerUri() == null || api.jwkSetUri() == null) {
            throw new IllegalStateException("The API needs onboarding.api.issuer-uri and onboarding.api.jwk-set-uri "
                    + "(the identity provider's issuer and keys; see README, Integration)");
        }
        return new ApiTokens(api.issuerUri().toString(), api.jwkSetUri().toString(), api, clients);
    }

    /** The keys are fetched when the first token comes, so the service starts while the provider is down. */
    JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(issuer));
        validators.add(new JwtClaimValidator<String>(api.clientIdClaim(), clientId -> clientId != null
                && !clientId.isBlank()));
        if (api.audience() != null && !api.audience().isBlank()) {
            validators.add(new JwtClaimValidator<Collection<String>>("aud", audience -> audience != null
                    && audience.contains(api.audience())));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    Converter<Jwt, AbstractAuthenticationToken> authentication() {
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        scopes.setAuthoritiesClaimName(api.scopeClaim());
        return jwt -> {
            String clientId = jwt.getClaimAsString(api.clientIdClaim());
            List<GrantedAuthority> authorities = new ArrayList<>(scopes.convert(jwt));
            clients.groupsOfClient(clientId).forEach(group ->
                    authorities.add(new SimpleGrantedAuthority(EngineGroups.authority(group))));
            return new JwtAuthenticationToken(jwt, authorities, ApiClients.userId(clientId));
        };
    }
}
