package dev.portalonboarding.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactIdentity;
import dev.portalonboarding.contact.ContactStatus;

/** Keycloak's Admin REST API as the linking uses it, on a stub server (the real Keycloak has its own test). */
class KeycloakIdentityProviderTest {

    private static final String USER_ID = "6c1e5f2a-0d3b-4e7f-9a8b-7c6d5e4f3a2b";

    @RegisterExtension
    static WireMockExtension keycloak = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private KeycloakIdentityProvider provider;

    @BeforeEach
    void provider() {
        provider = providerAt(keycloak.baseUrl());
        keycloak.stubFor(post(urlEqualTo("/realms/portal/protocol/openid-connect/token"))
                .willReturn(okJson("{\"access_token\":\"admin-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
    }

    @Test
    void keycloakSaysWhetherTheEmailIsVerified() {
        VerifiedIdentity identity = provider.identify(new DefaultOidcUser(List.of(), OidcIdToken.withTokenValue("t")
                .issuer("https://login.example.com/realms/portal").subject(USER_ID)
                .claim("email", "ada@example.com").claim("email_verified", false).claim("name", "Ada Lovelace")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build()));

        assertThat(identity.subject()).isEqualTo(USER_ID);
        assertThat(identity.emailVerified()).isFalse();
    }

    @Test
    void aTokenOfAnotherRealmIsRefused() {
        assertThatThrownBy(() -> provider.identify(new DefaultOidcUser(List.of(), OidcIdToken.withTokenValue("t")
                .issuer("https://login.example.com/realms/other").subject(USER_ID).claim("email", "ada@example.com")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build())))
                .isInstanceOf(OAuth2AuthenticationException.class);
    }

    @Test
    void linkingSetsTheContactAttributeKeepingOthersAndAddsThePortalGroup() {
        keycloak.stubFor(get(urlEqualTo("/admin/realms/portal/users/" + USER_ID))
                .willReturn(okJson("{\"id\":\"" + USER_ID + "\",\"email\":\"ada@example.com\","
                        + "\"attributes\":{\"locale\":[\"de\"]}}")));
        keycloak.stubFor(put(urlEqualTo("/admin/realms/portal/users/" + USER_ID)).willReturn(aResponse().withStatus(204)));
        keycloak.stubFor(get(urlPathEqualTo("/admin/realms/portal/groups"))
                .willReturn(okJson("[{\"id\":\"g-42\",\"name\":\"portal-users\"}]")));
        keycloak.stubFor(put(urlEqualTo("/admin/realms/portal/users/" + USER_ID + "/groups/g-42"))
                .willReturn(aResponse().withStatus(204)));
        Contact contact = contact();

        provider.linkAccount(contact, new VerifiedIdentity("https://login.example.com/realms/portal", USER_ID,
                "ada@example.com", true, "Ada"));

        keycloak.verify(postRequestedFor(urlEqualTo("/realms/portal/protocol/openid-connect/token"))
                .withRequestBody(containing("grant_type=client_credentials")));
        keycloak.verify(putRequestedFor(urlEqualTo("/admin/realms/portal/users/" + USER_ID))
                .withHeader("Authorization", equalTo("Bearer admin-token"))
                .withRequestBody(equalToJson("{\"id\":\"" + USER_ID + "\",\"email\":\"ada@example.com\","
                        + "\"attributes\":{\"locale\":[\"de\"],\"contact_id\":[\"" + contact.id() + "\"]}}")));
        keycloak.verify(putRequestedFor(urlEqualTo("/admin/realms/portal/users/" + USER_ID + "/groups/g-42")));
    }

    @Test
    void disablingPutsTheWholeUserBackWithEnabledFalse() {
        keycloak.stubFor(get(urlEqualTo("/admin/realms/portal/users/" + USER_ID))
                .willReturn(okJson("{\"id\":\"" + USER_ID + "\",\"email\":\"ada@example.com\",\"enabled\":true,"
                        + "\"attributes\":{\"contact_id\":[\"c-1\"]}}")));
        keycloak.stubFor(put(urlEqualTo("/admin/realms/portal/users/" + USER_ID)).willReturn(aResponse().withStatus(204)));

        provider.setAccountEnabled(identity(), false);

        keycloak.verify(putRequestedFor(urlEqualTo("/admin/realms/portal/users/" + USER_ID))
                .withRequestBody(equalToJson("{\"id\":\"" + USER_ID + "\",\"email\":\"ada@example.com\","
                        + "\"enabled\":false,\"attributes\":{\"contact_id\":[\"c-1\"]}}")));
    }

    @Test
    void aUserDeletedInKeycloakCountsAsDisabled() {
        keycloak.stubFor(get(urlEqualTo("/admin/realms/portal/users/" + USER_ID)).willReturn(aResponse().withStatus(404)));

        provider.setAccountEnabled(identity(), false);

        keycloak.verify(0, putRequestedFor(urlEqualTo("/admin/realms/portal/users/" + USER_ID)));
    }

    @Test
    void erasureDeletesTheUserAndAUserDeletedAlreadyCountsAsDone() {
        keycloak.stubFor(delete(urlEqualTo("/admin/realms/portal/users/" + USER_ID)).willReturn(aResponse().withStatus(204)));
        provider.deleteAccount(identity());
        keycloak.verify(deleteRequestedFor(urlEqualTo("/admin/realms/portal/users/" + USER_ID))
                .withHeader("Authorization", equalTo("Bearer admin-token")));

        keycloak.stubFor(delete(urlEqualTo("/admin/realms/portal/users/" + USER_ID)).willReturn(aResponse().withStatus(404)));
        provider.deleteAccount(identity());
    }

    private static ContactIdentity identity() {
        return new ContactIdentity("https://login.example.com/realms/portal", USER_ID, UUID.randomUUID(),
                "ada@example.com", Instant.now());
    }

    @Test
    void anUnreachableKeycloakFailsTheLinkSoTheEngineRetriesIt() {
        KeycloakIdentityProvider unreachable = providerAt("http://127.0.0.1:9");

        assertThatThrownBy(() -> unreachable.linkAccount(contact(), new VerifiedIdentity("i", USER_ID, "a@b.c", true, "A")))
                .isInstanceOf(RuntimeException.class);
    }

    private static KeycloakIdentityProvider providerAt(String url) {
        ClientRegistration admin = ClientRegistration.withRegistrationId("keycloak-admin")
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientId("onboarding-service")
                .clientSecret("service-secret")
                .tokenUri(url + "/realms/portal/protocol/openid-connect/token")
                .build();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(admin);
        return new KeycloakIdentityProvider(IdentityProviderConfiguration.serviceClient(url, "keycloak-admin",
                registrations, new InMemoryOAuth2AuthorizedClientService(registrations)),
                new IdentityProperties.Keycloak(URI.create("https://login.example.com/realms/portal"), URI.create(url), "portal", "keycloak-admin", "portal-users", "contact_id"));
    }

    private static Contact contact() {
        return new Contact(UUID.randomUUID(), "ada@example.com", "Ada", "Lovelace", "Analytical Engines Ltd", "en",
                List.of("portal-user"), ContactStatus.PENDING, null, Instant.now(), null);
    }
}
