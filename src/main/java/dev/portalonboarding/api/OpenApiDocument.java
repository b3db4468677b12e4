package dev.portalonboarding.api;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.identity.DevIdentityProvider;

/**
 * The OpenAPI 3 document's frame (springdoc generates the operations from the controllers): the server,
 * and the client-credentials flow with its token endpoint and scopes.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

    @Bean
    OpenAPI onboardingApi(OnboardingProperties properties, ApiProperties api,
            ObjectProvider<DevIdentityProvider> development) {
        DevIdentityProvider dev = development.getIfAvailable();
        String tokenUri = dev != null ? dev.tokenUri() : api.tokenUri() == null ? null : api.tokenUri().toString();
        OAuthFlow clientCredentials = new OAuthFlow().tokenUrl(tokenUri).scopes(new Scopes()
                .addString(ApiClients.SCOPE_READ, "Read onboardings and the rows of own bulk onboardings")
                .addString(ApiClients.SCOPE_WRITE, "Start onboardings and bulk onboardings, resend, revoke, offboard")
                .addString(ApiClients.SCOPE_AUDIT, "See IP addresses and user agents in timelines"));
        return new OpenAPI()
                .info(new Info().title("Portal user onboarding API").version("v1")
                        .description("Onboard portal users from other systems. Every write runs the same BPMN "
                                + "processes as staff do, as the client (engine user client:<client id>). An "
                                + "onboarding's state is the one staff see in Tasklist: state by name, stateWords "
                                + "in their words. Errors are problem details (RFC 9457)."))
                .addServersItem(new Server().url(properties.publicBaseUrl().toString()))
                .components(new Components().securitySchemes(Map.of(ApiPaths.SECURITY_SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.OAUTH2)
                        .flows(new OAuthFlows().clientCredentials(clientCredentials)))));
    }
}
