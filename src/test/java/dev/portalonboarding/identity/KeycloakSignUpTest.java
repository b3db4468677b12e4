package dev.portalonboarding.identity;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.OffboardingElements.DISABLE_IDENTITY_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.portalonboarding.support.ApiClient;
import dev.portalonboarding.onboarding.ErasureProcess;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.Browser;
import dev.portalonboarding.support.KeycloakServer;
import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.TestMailServer;

/**
 * Against a real Keycloak 26 with the realm of docker-compose: a new user registers on Keycloak's own
 * sign-up page in headless Chromium, verifies the email, ends on the portal page, and Keycloak then
 * holds the contact_id attribute and the portal-users group that Link account set. Offboarding then
 * disables the Keycloak user, so Keycloak refuses the user's sign-in, and a new onboarding of the email
 * enables it again; an approved erasure deletes the Keycloak user. The realm's API client gets a
 * client-credentials token from Keycloak and starts an onboarding through the REST API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles({"test", "keycloak"})
class KeycloakSignUpTest extends OnboardingTestBase {

    private static final int APP_PORT = KeycloakServer.freePort();
    private static final int KEYCLOAK_PORT = KeycloakServer.freePort();
    private static final String APP = "http://localhost:" + APP_PORT;
    private static final String PASSWORD_CHOSEN = "Analytical-Engine-1843";
    private static final Pattern VERIFY_LINK = Pattern.compile("(http://localhost:\\d+/realms/portal/login-actions/action-token\\S+)");

    private static KeycloakServer keycloak;

    @Autowired
    ClientRegistrationRepository registrations;
    @Autowired
    OAuth2AuthorizedClientService authorizedClients;

    @BeforeAll
    static void keycloak() {
        keycloak = KeycloakServer.start(KEYCLOAK_PORT, realm -> {
            ObjectNode portal = (ObjectNode) realm.get("clients").get(0);
            portal.set("redirectUris", portal.arrayNode().add(APP + "/login/oauth2/code/portal"));
            portal.set("webOrigins", portal.arrayNode().add(APP));
            ObjectNode smtp = (ObjectNode) realm.get("smtpServer");
            smtp.put("host", "127.0.0.1").put("port", String.valueOf(TestMailServer.port()));
            return realm;
        });
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @DynamicPropertySource
    static void keycloakSettings(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> APP_PORT);
        registry.add("onboarding.public-base-url", () -> APP);
        registry.add("KEYCLOAK_URL", () -> "http://localhost:" + KEYCLOAK_PORT);
        registry.add("KEYCLOAK_CLIENT_SECRET", () -> "portal-dev-secret");
        registry.add("KEYCLOAK_ADMIN_CLIENT_SECRET", () -> "onboarding-service-dev-secret");
    }

    @Test
    void newUserRegistersAtKeycloakLandsOnThePortalAndIsLinkedInKeycloak() {
        String email = uniqueEmail("keycloak");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        String link = linkFromLatestMail(email);
        assertThat(link).startsWith(APP + "/invitations/");
        try (Browser browser = Browser.open(APP_PORT)) {
            browser.driver().get(link);
            browser.find(By.id("accept")).click();

            // Keycloak's own registration page, opened by prompt=create, with the invited email filled in
            browser.find(By.id("kc-register-form"));
            assertThat(browser.find(By.id("email")).getDomProperty("value")).isEqualTo(email);
            browser.screenshot("keycloak-1-register");
            type(browser, "firstName", "Ada");
            type(browser, "lastName", "Lovelace");
            boolean passwordChosen = choosePasswordIfAsked(browser, "password");
            browser.find(By.cssSelector("#kc-register-form [type=submit]")).click();

            // Keycloak verifies the email (and asks for the password if registration did not) before it
            // sends the user back
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            boolean verified = false;
            while (!browser.text().contains("Welcome, Ada")) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Stuck at " + browser.driver().getCurrentUrl() + ", screenshot "
                            + browser.screenshot("keycloak-stuck"));
                }
                if (choosePasswordIfAsked(browser, "password-new")) {
                    browser.screenshot("keycloak-2-password");
                    browser.find(By.cssSelector("form [type=submit]")).click();
                    passwordChosen = true;
                } else if (!verified) {
                    Optional<String> verification = verificationLink(email);
                    if (verification.isPresent()) {
                        browser.driver().get(verification.get());
                        verified = true;
                    }
                }
                pause();
            }
            browser.screenshot("keycloak-3-portal");
            assertThat(passwordChosen).as("the user chose a password at Keycloak").isTrue();
        }

        assertThat(onboarding).isWaitingAt(LINK_ACCOUNT);
        execute(job(LINK_ACCOUNT, onboarding));
        execute(job(SEND_WELCOME_EMAIL, onboarding));
        assertThat(onboarding).isEnded();

        String contactId = contactByEmail(email).orElseThrow().id().toString();
        RestClient admin = IdentityProviderConfiguration.serviceClient("http://localhost:" + KEYCLOAK_PORT,
                "keycloak-admin", registrations, authorizedClients);
        List<Map<String, Object>> users = admin.get().uri("/admin/realms/portal/users?email={email}&exact=true", email)
                .retrieve().body(new ParameterizedTypeReference<>() {
                });
        assertThat(users).hasSize(1);
        assertThat(users.get(0).get("attributes")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("contact_id", List.of(contactId));
        List<Map<String, Object>> groups = admin.get().uri("/admin/realms/portal/users/{id}/groups", users.get(0).get("id"))
                .retrieve().body(new ParameterizedTypeReference<>() {
                });
        assertThat(groups).extracting(group -> group.get("name")).containsExactly("portal-users");

        // Offboarded, the account is disabled at Keycloak, which then refuses the user's sign-in
        String userId = (String) users.get(0).get("id");
        assertThat(signInAtKeycloak(email).statusCode()).as("signing in before the offboarding").isEqualTo(200);
        execute(job(DISABLE_IDENTITY_ACCOUNT, startOffboarding(email, "Left the company")));
        assertThat(keycloakUser(admin, userId)).containsEntry("enabled", false)
                .extractingByKey("attributes").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("contact_id", List.of(contactId));
        HttpResponse<String> refused = signInAtKeycloak(email);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"invalid_grant\"", "Account disabled");

        // Onboarded again, it is enabled before the invitation goes out
        ProcessInstance again = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, again));
        assertThat(keycloakUser(admin, userId)).containsEntry("enabled", true);
        assertThat(signInAtKeycloak(email).statusCode()).isEqualTo(200);

        // Erased (the onboarding revoked first), the Keycloak user is gone
        processEngine.getRuntimeService().startProcessInstanceByKey(OnboardingProcess.REVOKE_PROCESS_KEY,
                Map.of(Variables.EMAIL, email, Variables.REVOKE_REASON, "Asked to be forgotten"));
        assertThat(again).isEnded();
        ProcessInstance erasure = erased(email);
        execute(job(ErasureProcess.Elements.DELETE_IDENTITY_ACCOUNTS, erasure));
        assertThat(erasure).isEnded().hasPassed(ErasureProcess.Elements.END_ERASED);
        Integer afterErasure = admin.get().uri("/admin/realms/portal/users/{id}", userId)
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(afterErasure).isEqualTo(404);
        HttpResponse<String> unknown = signInAtKeycloak(email);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"invalid_grant\"").doesNotContain("Account disabled");
    }

    /** Requested by one privacy officer, approved by another, as in Tasklist. */
    private ProcessInstance erased(String email) {
        user("keycloakrequester", CamundaAccessSetup.STAFF_GROUP, CamundaAccessSetup.PRIVACY_GROUP);
        user("keycloakapprover", CamundaAccessSetup.PRIVACY_GROUP);
        var identity = processEngine.getIdentityService();
        identity.setAuthentication("keycloakrequester", List.of(CamundaAccessSetup.STAFF_GROUP,
                CamundaAccessSetup.PRIVACY_GROUP));
        ProcessInstance erasure = processEngine.getRuntimeService().startProcessInstanceByKey(
                ErasureProcess.PROCESS_KEY, Map.of(Variables.EMAIL, email,
                        ErasureProcess.Variables.ERASURE_REASON, "Data subject request"));
        Task approval = processEngine.getTaskService().createTaskQuery().processInstanceId(erasure.getId())
                .singleResult();
        identity.setAuthentication("keycloakapprover", List.of(CamundaAccessSetup.PRIVACY_GROUP));
        processEngine.getTaskService().complete(approval.getId(),
                Map.of(ErasureProcess.Variables.ERASURE_DECISION, ErasureProcess.Decision.APPROVE));
        identity.clearAuthentication();
        return erasure;
    }

    /**
     * Keycloak's own check of the user's password, with the realm's built-in public client admin-cli
     * (resource owner password grant): what any sign-in at Keycloak runs through.
     */
    private static HttpResponse<String> signInAtKeycloak(String email) {
        String form = "grant_type=password&client_id=admin-cli&username="
                + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password=" + PASSWORD_CHOSEN;
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + KEYCLOAK_PORT + "/realms/portal/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> keycloakUser(RestClient admin, String id) {
        return admin.get().uri("/admin/realms/portal/users/{id}", id).retrieve()
                .body(new ParameterizedTypeReference<>() {
                });
    }

    /** The API trusts the realm's client-credentials tokens: the demo client of the realm starts and reads one. */
    @Test
    void anApiClientOfTheRealmStartsAndReadsAnOnboarding() {
        String token = ApiClient.token("http://localhost:" + KEYCLOAK_PORT + "/realms/portal/protocol/openid-connect/token",
                "onboarding-api-client", "onboarding-api-client-dev-secret", null);
        ApiClient client = ApiClient.withRawToken(APP_PORT, token);
        String email = uniqueEmail("keycloak-api");
        HttpResponse<String> started = client.postJson("/api/v1/onboardings", """
                {"firstName":"Ada","lastName":"Lovelace","email":"%s","company":"Keycloak Api Ltd","language":"en",
                 "roles":["portal-user"]}""".formatted(email));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String id = ApiClient.json(started).get("id").asText();
        JsonNode read = ApiClient.json(client.get("/api/v1/onboardings/" + id));
        assertThat(read.get("startedBy").asText()).isEqualTo("client:onboarding-api-client");
        assertThat(read.get("state").asText()).as("the invitation email goes out from a job just after the start").isIn("SENDING", "SENT");
        // A token whose signature does not match is refused
        assertThat(ApiClient.withRawToken(APP_PORT, token + "x").get("/api/v1/onboardings/" + id).statusCode())
                .isEqualTo(401);
    }

    private static void type(Browser browser, String id, String text) {
        browser.find(By.id(id)).clear();
        browser.find(By.id(id)).sendKeys(text);
    }

    /** Fills the password fields if the page has them; says whether it did. */
    private static boolean choosePasswordIfAsked(Browser browser, String field) {
        if (!browser.isShown(By.id(field))) {
            return false;
        }
        type(browser, field, PASSWORD_CHOSEN);
        type(browser, "password-confirm", PASSWORD_CHOSEN);
        return true;
    }

    private static Optional<String> verificationLink(String email) {
        for (MimeMessage mail : mailsTo(email)) {
            Matcher link = VERIFY_LINK.matcher(plainText(mail));
            if (link.find()) {
                return Optional.of(link.group(1));
            }
        }
        return Optional.empty();
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
