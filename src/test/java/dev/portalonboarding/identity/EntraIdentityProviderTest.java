package dev.portalonboarding.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.client.HttpServerErrorException;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactIdentity;
import dev.portalonboarding.contact.ContactStatus;

/**
 * Entra External ID: tokens shaped like Entra's, and the token and Graph requests checked on a stub
 * server against the shape Microsoft documents.
 */
class EntraIdentityProviderTest {

    private static final String TENANT = "8b5f4a52-3e8c-4d63-9d8e-1f2a3b4c5d6e";
    private static final String EXTENSIONS_APP = "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";
    private static final String OID = "2d1e0f9a-8b7c-4d6e-9f0a-1b2c3d4e5f60";

    @RegisterExtension
    static WireMockExtension microsoft = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private EntraIdentityProvider provider;

    @BeforeEach
    void provider() {
        ClientRegistration graphApp = ClientRegistration.withRegistrationId("entra-graph")
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .clientId("portal-app")
                .clientSecret("portal-secret")
                .scope("https://graph.microsoft.com/.default")
                .tokenUri(microsoft.baseUrl() + "/" + TENANT + "/oauth2/v2.0/token")
                .build();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(graphApp);
        IdentityProperties.Entra settings = new IdentityProperties.Entra(TENANT, EXTENSIONS_APP, "contactId",
                URI.create(microsoft.baseUrl()), "entra-graph");
        provider = new EntraIdentityProvider(IdentityProviderConfiguration.serviceClient(microsoft.baseUrl(),
                "entra-graph", registrations, new InMemoryOAuth2AuthorizedClientService(registrations)), settings);
        microsoft.stubFor(post(urlEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"graph-token\"}")));
    }

    @Test
    void theUserIsTheObjectIdWithinTheTenantNotThePairwiseSubject() {
        VerifiedIdentity identity = provider.identify(entraUser(TENANT));

        assertThat(identity.issuer()).isEqualTo("https://" + TENANT + ".ciamlogin.com/" + TENANT + "/v2.0");
        assertThat(identity.subject()).isEqualTo(OID);
        assertThat(identity.email()).isEqualTo("ada@example.com");
        assertThat(identity.emailVerified()).as("verified by a one-time code at sign-up").isTrue();
        assertThat(identity.name()).isEqualTo("Ada Lovelace");
    }

    @Test
    void aTokenFromAnotherTenantIsRefused() {
        assertThatThrownBy(() -> provider.identify(entraUser("11111111-2222-3333-4444-555555555555")))
                .isInstanceOf(OAuth2AuthenticationException.class);
    }

    @Test
    void linkingWritesTheContactIdToTheExtensionAttributeWithAnAppToken() {
        microsoft.stubFor(patch(urlEqualTo("/v1.0/users/" + OID)).willReturn(aResponse().withStatus(204)));
        Contact contact = contact();

        provider.linkAccount(contact, provider.identify(entraUser(TENANT)));

        microsoft.verify(postRequestedFor(urlEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"))
                .withRequestBody(containing("client_id=portal-app"))
                .withRequestBody(containing("client_secret=portal-secret")));
        microsoft.verify(patchRequestedFor(urlEqualTo("/v1.0/users/" + OID))
                .withHeader("Authorization", equalTo("Bearer graph-token"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("{\"extension_" + EXTENSIONS_APP.replace("-", "")
                        + "_contactId\":\"" + contact.id() + "\"}")));
    }

    @Test
    void erasureDeletesTheUserAndAUserDeletedAlreadyCountsAsDoneButAnOutageFails() {
        ContactIdentity identity = new ContactIdentity("https://" + TENANT + ".ciamlogin.com/" + TENANT + "/v2.0",
                OID, java.util.UUID.randomUUID(), "ada@example.com", Instant.now());
        microsoft.stubFor(delete(urlEqualTo("/v1.0/users/" + OID)).willReturn(aResponse().withStatus(204)));
        provider.deleteAccount(identity);
        microsoft.verify(deleteRequestedFor(urlEqualTo("/v1.0/users/" + OID))
                .withHeader("Authorization", equalTo("Bearer graph-token")));

        microsoft.stubFor(delete(urlEqualTo("/v1.0/users/" + OID)).willReturn(aResponse().withStatus(404)));
        provider.deleteAccount(identity);

        microsoft.stubFor(delete(urlEqualTo("/v1.0/users/" + OID)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> provider.deleteAccount(identity)).isInstanceOf(HttpServerErrorException.class);
    }

    @Test
    void aGraphOutageFailsTheLinkSoTheEngineRetriesIt() {
        microsoft.stubFor(patch(urlEqualTo("/v1.0/users/" + OID)).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> provider.linkAccount(contact(), provider.identify(entraUser(TENANT))))
                .isInstanceOf(HttpServerErrorException.class);
    }

    private static OidcUser entraUser(String tenant) {
        OidcIdToken token = OidcIdToken.withTokenValue("id-token")
                .issuer("https://" + tenant + ".ciamlogin.com/" + tenant + "/v2.0")
                .subject("pairwise-subject-for-this-app")
                .audience(List.of("portal-app"))
                .claim("oid", OID)
                .claim("tid", tenant)
                .claim("email", "ada@example.com")
                .claim("name", "Ada Lovelace")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(3600))
                .build();
        return new DefaultOidcUser(List.of(), token);
    }

    private static Contact contact() {
        return new Contact(UUID.randomUUID(), "ada@example.com", "Ada", "Lovelace", "Analytical Engines Ltd", "en",
                List.of("portal-user"), ContactStatus.PENDING, null, Instant.now(), null);
    }
}
