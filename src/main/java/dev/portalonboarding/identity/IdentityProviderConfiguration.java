package dev.portalonboarding.identity;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

import dev.portalonboarding.OnboardingProperties;

/**
 * The identity provider named by {@code onboarding.identity.provider}. Keycloak and Entra External ID
 * take their client registration from {@code spring.security.oauth2.client.*}; the development
 * provider registers itself, since its address is only known once it runs.
 */
@Configuration(proxyBeanMethods = false)
public class IdentityProviderConfiguration {

    /** Where the provider sends users back: built from the public base URL, never from a request. */
    public static String redirectUri(OnboardingProperties properties) {
        return properties.link("/login/oauth2/code/{registrationId}");
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "onboarding.identity.provider", havingValue = "keycloak")
    static class Keycloak {

        @Bean
        KeycloakIdentityProvider keycloakIdentityProvider(IdentityProperties identity,
                ClientRegistrationRepository registrations, OAuth2AuthorizedClientService authorizedClients) {
            IdentityProperties.Keycloak keycloak = required(identity.keycloak(), "onboarding.identity.keycloak");
            return new KeycloakIdentityProvider(serviceClient(keycloak.url().toString(), keycloak.adminRegistrationId(),
                    registrations, authorizedClients), keycloak);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "onboarding.identity.provider", havingValue = "entra")
    static class Entra {

        @Bean
        EntraIdentityProvider entraIdentityProvider(IdentityProperties identity,
                ClientRegistrationRepository registrations, OAuth2AuthorizedClientService authorizedClients) {
            IdentityProperties.Entra entra = required(identity.entra(), "onboarding.identity.entra");
            return new EntraIdentityProvider(serviceClient(entra.graphUrl().toString(), entra.graphRegistrationId(),
                    registrations, authorizedClients), entra);
        }
    }

    /**
     * A REST client that authenticates as this service (client credentials), with the token from
     * Spring Security's OAuth2 client; it works outside web requests, in the engine's jobs.
     */
    static RestClient serviceClient(String baseUrl, String registrationId, ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientService authorizedClients) {
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
        OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setClientRegistrationIdResolver(request -> registrationId);
        return RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(timeouts())
                .requestInterceptor(interceptor)
                .build();
    }

    /** A provider that does not answer must fail the job (and be retried), not hang it. */
    private static ClientHttpRequestFactory timeouts() {
        // The JDK client, because Graph needs PATCH
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        factory.setReadTimeout(Duration.ofSeconds(20));
        return factory;
    }

    private static <T> T required(T settings, String prefix) {
        if (settings == null) {
            throw new IllegalStateException("The identity provider needs the settings " + prefix + ".* (see README)");
        }
        return settings;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "onboarding.identity.provider", havingValue = "dev", matchIfMissing = true)
    static class Development {

        @Bean
        DevIdentityProvider devIdentityProvider(IdentityProperties properties) {
            return new DevIdentityProvider(properties.dev());
        }

        @Bean
        ClientRegistrationRepository portalClientRegistration(DevIdentityProvider provider,
                IdentityProperties identity, OnboardingProperties properties) {
            return new InMemoryClientRegistrationRepository(ClientRegistration
                    .withRegistrationId(identity.registrationId())
                    .clientName("Development identity provider")
                    .clientId("portal")
                    .clientSecret("development-only")
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(redirectUri(properties))
                    .scope("openid", "profile", "email")
                    .issuerUri(provider.issuer())
                    .authorizationUri(provider.authorizationUri())
                    .tokenUri(provider.tokenUri())
                    .jwkSetUri(provider.jwkSetUri())
                    .userInfoUri(provider.userInfoUri())
                    .userNameAttributeName("sub")
                    .build());
        }
    }
}
