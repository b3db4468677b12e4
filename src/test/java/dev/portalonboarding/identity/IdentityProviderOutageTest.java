package dev.portalonboarding.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.OffboardingElements.DISABLE_IDENTITY_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.OffboardingElements.END_OFFBOARDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactStatus;
import dev.portalonboarding.support.OnboardingTestBase;

/**
 * The application configured for Entra External ID, with Microsoft's token endpoint and Graph on a
 * stub server: while Graph is down, Link account retries and becomes an incident; once Graph is back,
 * retrying the incident links the account, and nothing was lost.
 */
class IdentityProviderOutageTest extends OnboardingTestBase {

    private static final String TENANT = "8b5f4a52-3e8c-4d63-9d8e-1f2a3b4c5d6e";
    private static final String EXTENSIONS_APP = "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";
    private static final WireMockServer microsoft = new WireMockServer(options().dynamicPort());

    static {
        microsoft.start();
    }

    @Autowired
    ManagementService management;

    @DynamicPropertySource
    static void entra(DynamicPropertyRegistry registry) {
        String base = microsoft.baseUrl() + "/" + TENANT;
        registry.add("onboarding.identity.provider", () -> "entra");
        registry.add("onboarding.identity.entra.tenant-id", () -> TENANT);
        registry.add("onboarding.identity.entra.extension-app-id", () -> EXTENSIONS_APP);
        registry.add("onboarding.identity.entra.graph-url", microsoft::baseUrl);
        // The REST API trusts the tenant's tokens; these tests call no API
        registry.add("onboarding.api.issuer-uri", () -> "https://" + TENANT + ".ciamlogin.com/" + TENANT + "/v2.0");
        registry.add("onboarding.api.jwk-set-uri", () -> microsoft.baseUrl() + "/discovery/v2.0/keys");
        String client = "spring.security.oauth2.client.";
        registry.add(client + "registration.portal.provider", () -> "entra");
        registry.add(client + "registration.portal.client-id", () -> "portal-app");
        registry.add(client + "registration.portal.client-secret", () -> "portal-secret");
        registry.add(client + "registration.portal.authorization-grant-type", () -> "authorization_code");
        registry.add(client + "registration.portal.scope", () -> "openid,profile,email");
        registry.add(client + "registration.portal.redirect-uri", () -> "https://portal.example.test/login/oauth2/code/portal");
        registry.add(client + "registration.entra-graph.provider", () -> "entra");
        registry.add(client + "registration.entra-graph.client-id", () -> "portal-app");
        registry.add(client + "registration.entra-graph.client-secret", () -> "portal-secret");
        registry.add(client + "registration.entra-graph.client-authentication-method", () -> "client_secret_post");
        registry.add(client + "registration.entra-graph.authorization-grant-type", () -> "client_credentials");
        registry.add(client + "registration.entra-graph.scope", () -> "https://graph.microsoft.com/.default");
        registry.add(client + "provider.entra.authorization-uri", () -> base + "/oauth2/v2.0/authorize");
        registry.add(client + "provider.entra.token-uri", () -> base + "/oauth2/v2.0/token");
        registry.add(client + "provider.entra.jwk-set-uri", () -> base + "/discovery/v2.0/keys");
    }

    @AfterAll
    static void stopMicrosoft() {
        microsoft.stop();
    }

    @Test
    void aGraphOutageBecomesAnIncidentAndLinkingResumesWhenGraphIsBack() {
        String email = uniqueEmail("graph-outage");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        String objectId = UUID.randomUUID().toString();
        redeem(codeFromLatestMail(email), new VerifiedIdentity(
                "https://" + TENANT + ".ciamlogin.com/" + TENANT + "/v2.0", objectId, email, true, "Ada Lovelace"));
        microsoft.stubFor(post(urlEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"graph-token\"}")));
        microsoft.stubFor(patch(urlEqualTo("/v1.0/users/" + objectId)).willReturn(aResponse().withStatus(503)));

        String linkJob = job(LINK_ACCOUNT, onboarding).getId();
        while (management.createJobQuery().jobId(linkJob).singleResult().getRetries() > 0) {
            assertThatThrownBy(() -> management.executeJob(linkJob)).hasMessageContaining("503");
        }
        Incident incident = processEngine.getRuntimeService().createIncidentQuery()
                .processInstanceId(onboarding.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo(LINK_ACCOUNT);
        Contact contact = contactByEmail(email).orElseThrow();
        assertThat(identitiesOf(contact.id())).as("rolled back with the failed attempts").isEmpty();

        microsoft.stubFor(patch(urlEqualTo("/v1.0/users/" + objectId)).willReturn(aResponse().withStatus(204)));
        management.setJobRetries(linkJob, 1);
        management.executeJob(linkJob);

        assertThat(onboarding).isWaitingAt(SEND_WELCOME_EMAIL);
        assertThat(identitiesOf(contact.id())).singleElement()
                .satisfies(identity -> assertThat(identity.subject()).isEqualTo(objectId));
        microsoft.verify(patchRequestedFor(urlEqualTo("/v1.0/users/" + objectId)).withRequestBody(equalToJson(
                "{\"extension_" + EXTENSIONS_APP.replace("-", "") + "_contactId\":\"" + contact.id() + "\"}")));
    }

    @Test
    void aGraphOutageWhileOffboardingBecomesAnIncidentAndTheRetryDisablesTheAccount() {
        String email = uniqueEmail("graph-offboard");
        String objectId = UUID.randomUUID().toString();
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        redeem(codeFromLatestMail(email), new VerifiedIdentity(
                "https://" + TENANT + ".ciamlogin.com/" + TENANT + "/v2.0", objectId, email, true, "Ada Lovelace"));
        microsoft.stubFor(post(urlEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"graph-token\"}")));
        microsoft.stubFor(patch(urlEqualTo("/v1.0/users/" + objectId)).willReturn(aResponse().withStatus(204)));
        execute(job(LINK_ACCOUNT, onboarding));
        execute(job(SEND_WELCOME_EMAIL, onboarding));
        microsoft.stubFor(patch(urlEqualTo("/v1.0/users/" + objectId)).willReturn(aResponse().withStatus(503)));

        ProcessInstance offboarding = startOffboarding(email, "Left the company");
        assertThat(contactByEmail(email).orElseThrow().status()).as("at once, whatever Graph does")
                .isEqualTo(ContactStatus.OFFBOARDED);
        String disableJob = job(DISABLE_IDENTITY_ACCOUNT, offboarding).getId();
        while (management.createJobQuery().jobId(disableJob).singleResult().getRetries() > 0) {
            assertThatThrownBy(() -> management.executeJob(disableJob)).hasMessageContaining("503");
        }
        assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(offboarding.getId())
                .singleResult().getActivityId()).isEqualTo(DISABLE_IDENTITY_ACCOUNT);

        microsoft.stubFor(patch(urlEqualTo("/v1.0/users/" + objectId)).willReturn(aResponse().withStatus(204)));
        management.setJobRetries(disableJob, 1);
        management.executeJob(disableJob);

        assertThat(offboarding).isEnded().hasPassed(END_OFFBOARDED);
        microsoft.verify(patchRequestedFor(urlEqualTo("/v1.0/users/" + objectId))
                .withRequestBody(equalToJson("{\"accountEnabled\":false}")));
    }
}
