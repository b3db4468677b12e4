package dev.portalonboarding.identity;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
