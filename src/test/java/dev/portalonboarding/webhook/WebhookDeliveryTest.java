package dev.portalonboarding.webhook;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.EXPIRY_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.onboarding.Actor;
import dev.portalonboarding.onboarding.ErasureProcess;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.Onboardings;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.DatabaseTraces;
import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.webhook.WebhookReceiver.Received;

/**
 * Webhooks against real HTTP endpoints (WebhookReceiver) in an application of its own with four
 * subscriptions: every event without personal data (/journey), invitation.sent with personal data
 * (/personal), invitation.opened at an endpoint that redirects to another host (/redirect), and
 * onboarding.started at one that is always down (/down). The job executor is off: the test runs the
 * delivery jobs, and reads the back-off from their due dates instead of waiting.
 */
class WebhookDeliveryTest extends OnboardingTestBase {

    private static final String SECRET_BASE64 = Base64.getEncoder()
            .encodeToString("webhook secret of the tests, 32 b".getBytes(StandardCharsets.UTF_8));
    private static final WebhookReceiver RECEIVER = new WebhookReceiver();
    /** Another host: the redirect points here, and it must never be called. */
    private static final WebhookReceiver ELSEWHERE = new WebhookReceiver();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERASURE_REQUESTER = "hookerasurerequester";
    private static final String ERASURE_APPROVER = "hookerasureapprover";

    @DynamicPropertySource
    static void subscriptions(DynamicPropertyRegistry registry) {
        subscription(registry, 0, "/journey", List.of("onboarding.started", "invitation.sent", "invitation.opened",
                "invitation.redeemed", "account.linked", "onboarding.completed", "invitation.expired",
                "invitation.revoked", "contact.offboarded"), false);
        subscription(registry, 1, "/personal", List.of("invitation.sent"), true);
        subscription(registry, 2, "/redirect", List.of("invitation.opened"), false);
        subscription(registry, 3, "/down", List.of("onboarding.started"), false);
        registry.add("onboarding.webhook-delivery.retry-intervals", () -> "PT1M,PT5M,PT10M");
    }

    private static void subscription(DynamicPropertyRegistry registry, int index, String path, List<String> events,
            boolean personalData) {
        String prefix = "onboarding.webhooks[" + index + "].";
        registry.add(prefix + "url", () -> RECEIVER.url(path));
        registry.add(prefix + "secret", () -> "whsec_" + SECRET_BASE64);
        registry.add(prefix + "events", () -> String.join(",", events));
        registry.add(prefix + "include-personal-data", () -> personalData);
    }

    static {
        RECEIVER.answer("/down", 503);
        RECEIVER.redirect("/redirect", ELSEWHERE.url("/stolen"));
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ManagementService management;
    @Autowired
    Onboardings onboardings;

    @AfterEach
    void endDeliveries() {
        // Nothing of this application's deliveries is left for tests in other contexts on the same database
        processEngine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(WebhookDeliveryProcess.PROCESS_KEY).list()
                .forEach(instance -> processEngine.getRuntimeService().deleteProcessInstance(instance.getId(), "test over"));
        RECEIVER.answer("/journey", 200);
        RECEIVER.answer("/personal", 200);
    }

    @Test
    void eachEventOfOnboardingJourneysArrivesOnceSignedAndWithIdsOnly() throws Exception {
        String email = uniqueEmail("hooked");
        // Started by staff, who hold no grant on deliver-webhook: the outbox starts deliveries as the engine
        processEngine.getIdentityService().setAuthentication("hookstaff", List.of(CamundaAccessSetup.STAFF_GROUP));
        ProcessInstance onboarded = startOnboarding(onboardingForm(email));
        processEngine.getIdentityService().clearAuthentication();
        execute(job(SEND_INVITATION_EMAIL, onboarded));
        assertThat(open(linkFromLatestMail(email))).isEqualTo(200);
        redeem(codeFromLatestMail(email), new VerifiedIdentity("https://idp.example.test", "sub-" + email, email, true, "Ada"));
        execute(job(LINK_ACCOUNT, onboarded));
        execute(job(SEND_WELCOME_EMAIL, onboarded));
        startOffboarding(email, "Left the company");

        String revokedEmail = uniqueEmail("hooked-revoked");
        ProcessInstance revoked = startOnboarding(onboardingForm(revokedEmail));
        execute(job(SEND_INVITATION_EMAIL, revoked));
        processEngine.getRuntimeService().startProcessInstanceByKey(OnboardingProcess.REVOKE_PROCESS_KEY,
                Map.of(Variables.EMAIL, revokedEmail, Variables.REVOKE_REASON, "Wrong person"));

        ProcessInstance expired = startOnboarding(onboardingForm(uniqueEmail("hooked-expired")));
        execute(job(SEND_INVITATION_EMAIL, expired));
        execute(job(EXPIRY_TIMER, expired));

        deliverEverything();
        deliverEverything(); // a second round finds nothing left to send

        assertThat(typesAt("/journey", onboarded.getId())).containsExactlyInAnyOrder("onboarding.started",
                "invitation.sent", "invitation.opened", "invitation.redeemed", "account.linked", "onboarding.completed",
                "contact.offboarded");
        assertThat(typesAt("/journey", revoked.getId())).containsExactlyInAnyOrder("onboarding.started",
                "invitation.sent", "invitation.revoked", "onboarding.completed");
        assertThat(typesAt("/journey", expired.getId())).containsExactlyInAnyOrder("onboarding.started",
                "invitation.sent", "invitation.expired");
        for (Received request : RECEIVER.at("/journey")) {
            assertSignedPerStandardWebhooks(request);
            JsonNode event = JSON.readTree(request.body());
            assertThat(event.get("specversion").asText()).isEqualTo("1.0");
            assertThat(event.get("source").asText()).isEqualTo("https://portal.example.test");
            assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
            assertThat(Instant.parse(event.get("time").asText())).isBefore(Instant.now().plusSeconds(1));
            assertThat(request.header("Content-Type")).startsWith("application/cloudevents+json");
            assertThat(request.body()).doesNotContain("@example.com", "Ada", "Lovelace", "Analytical");
        }
        JsonNode completed = eventAt("/journey", onboarded.getId(), "onboarding.completed");
        assertThat(completed.get("data").get("outcome").asText()).isEqualTo("onboarded");
        JsonNode redeemed = eventAt("/journey", onboarded.getId(), "invitation.redeemed").get("data");
        assertThat(redeemed.get("invitationStatus").asText()).isEqualTo("REDEEMED");
        assertThat(redeemed.get("contactId").asText()).isNotBlank();
        assertThat(eventAt("/journey", revoked.getId(), "onboarding.completed").get("data").get("outcome").asText())
                .isEqualTo("revoked");
    }

    @Test
    void personalDataGoesOnlyToTheSubscriptionThatAsksForIt() throws Exception {
        String email = uniqueEmail("hooked-personal");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));

        deliverEverything();

        JsonNode personal = eventAt("/personal", onboarding.getId(), "invitation.sent").get("data");
        assertThat(personal.get("email").asText()).isEqualTo(email);
        assertThat(personal.get("firstName").asText()).isEqualTo("Ada");
        assertThat(personal.get("lastName").asText()).isEqualTo("Lovelace");
        assertThat(personal.get("company").asText()).isEqualTo("Analytical Engines Ltd");
        JsonNode idsOnly = eventAt("/journey", onboarding.getId(), "invitation.sent").get("data");
        assertThat(idsOnly.has("email")).isFalse();
        assertThat(idsOnly.get("onboardingId").asText()).isEqualTo(onboarding.getId());
        // One event, one id, at every subscription
        assertThat(eventAt("/personal", onboarding.getId(), "invitation.sent").get("id"))
                .isEqualTo(eventAt("/journey", onboarding.getId(), "invitation.sent").get("id"));
        // Delivered: the stored body, personal data and all, is gone
        assertThat(jdbc.sql("select count(*) from onboarding.webhook_delivery where body like :email")
                .param("email", "%" + email + "%").query(Long.class).single()).isZero();
    }

    /**
     * The personal-data receiver is down when an invitation goes out, so its event waits with the email in
     * the outbox; the onboarding is revoked and the contact erased. Then nothing in the database holds the
     * email, and the receiver, back, gets the event under its id with ids only: what /journey got.
     */
    @Test
    void anErasureCutsTheContactsUndeliveredEventsToIds() throws Exception {
        RECEIVER.answer("/personal", 503);
        String email = uniqueEmail("hooked-erased");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        Job personal = deliveryJob("/personal", onboarding.getId());
        assertThatThrownBy(() -> management.executeJob(personal.getId())).hasMessageContaining("answered 503");
        processEngine.getRuntimeService().startProcessInstanceByKey(OnboardingProcess.REVOKE_PROCESS_KEY,
                Map.of(Variables.EMAIL, email, Variables.REVOKE_REASON, "Data subject request"));
        DatabaseTraces traces = new DatabaseTraces(jdbc);
        assertThat(traces.inAppTables(email)).as("before the erasure").contains("onboarding.webhook_delivery.body");

        erase(email);

        assertThat(traces.inAppTables(email)).as("app tables holding the email").isEmpty();
        assertThat(traces.inEngineTables(email)).as("engine tables holding the email").isEmpty();
        RECEIVER.answer("/personal", 200);
        deliverEverything();
        List<Received> attempts = RECEIVER.at("/personal").stream()
                .filter(request -> parse(request.body()).get("subject").asText().equals(onboarding.getId())).toList();
        assertThat(attempts).extracting(Received::answered).containsExactly(503, 200);
        assertThat(attempts).extracting(request -> request.header("webhook-id")).containsOnly(attempts.get(0).header("webhook-id"));
        assertThat(attempts.get(0).body()).contains(email);
        Received afterErasure = attempts.get(1);
        assertSignedPerStandardWebhooks(afterErasure);
        JsonNode data = parse(afterErasure.body()).get("data");
        assertThat(data.has("email") || data.has("firstName") || data.has("lastName") || data.has("company")).isFalse();
        assertThat(data.get("contactId").asText()).isNotBlank();
        assertThat(afterErasure.body()).as("the ids-only event, as a subscription without personal data got it")
                .isEqualTo(eventAt("/journey", onboarding.getId(), "invitation.sent").toString());
    }

    @Test
    void aReceiverBackFromAnOutageGetsTheSameEventOnceWithTheSameId() throws Exception {
        RECEIVER.answer("/journey", 503);
        ProcessInstance onboarding = startOnboarding(onboardingForm(uniqueEmail("hooked-outage")));
        Job delivery = deliveryJob("/journey", onboarding.getId());

        Instant failed = Instant.now();
        assertThatThrownBy(() -> management.executeJob(delivery.getId())).hasMessageContaining("answered 503");
        Job retry = jobById(delivery.getId());
        assertThat(retry.getDuedate().toInstant()).isBetween(failed.plus(Duration.ofMinutes(1)).minusSeconds(5),
                Instant.now().plus(Duration.ofMinutes(1)).plusSeconds(5));
        // The second attempt, a minute later, fails too: the next waits 5 minutes (the outage goes on)
        assertThatThrownBy(() -> management.executeJob(delivery.getId())).hasMessageContaining("answered 503");
        assertThat(jobById(delivery.getId()).getDuedate().toInstant()).isAfter(Instant.now().plus(Duration.ofMinutes(4)));

        RECEIVER.answer("/journey", 200);
        management.executeJob(delivery.getId());

        List<Received> attempts = RECEIVER.at("/journey").stream()
                .filter(request -> request.body().contains(onboarding.getId())).toList();
        assertThat(attempts).extracting(Received::answered).containsExactly(503, 503, 200);
        assertThat(attempts).extracting(request -> request.header("webhook-id")).containsOnly(attempts.get(0).header("webhook-id"));
        assertThat(attempts).extracting(Received::body).containsOnly(attempts.get(0).body());
        attempts.forEach(WebhookDeliveryTest::assertSignedPerStandardWebhooks);
        assertThat(management.createJobQuery().jobId(delivery.getId()).count()).isZero();
    }

    @Test
    void aReceiverThatNeverComesBackBecomesAnIncidentInCockpit() {
        ProcessInstance onboarding = startOnboarding(onboardingForm(uniqueEmail("hooked-down")));
        Job delivery = deliveryJob("/down", onboarding.getId());

        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThatThrownBy(() -> management.executeJob(delivery.getId())).hasMessageContaining("answered 503");
        }

        assertThat(jobById(delivery.getId()).getRetries()).isZero();
        Incident incident = processEngine.getRuntimeService().createIncidentQuery()
                .processInstanceId(delivery.getProcessInstanceId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo(WebhookDeliveryProcess.Elements.DELIVER);
        assertThat(incident.getIncidentMessage()).contains(RECEIVER.url("/down"), "answered 503", "onboarding.started");
        assertThat(RECEIVER.at("/down").stream().filter(request -> request.body().contains(onboarding.getId())))
                .hasSize(4).extracting(request -> request.header("webhook-id")).containsOnly(
                        RECEIVER.at("/down").stream().filter(request -> request.body().contains(onboarding.getId()))
                                .findFirst().orElseThrow().header("webhook-id"));
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowed() throws Exception {
        String email = uniqueEmail("hooked-redirect");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        open(linkFromLatestMail(email));
        Job delivery = deliveryJob("/redirect", onboarding.getId());

        assertThatThrownBy(() -> management.executeJob(delivery.getId())).hasMessageContaining("answered 302");

        assertThat(RECEIVER.at("/redirect")).isNotEmpty();
        assertThat(ELSEWHERE.all()).isEmpty();
    }

    /** Requested by one privacy officer, approved by another, as in Tasklist. */
    private void erase(String email) {
        user(ERASURE_REQUESTER, CamundaAccessSetup.STAFF_GROUP, CamundaAccessSetup.PRIVACY_GROUP);
        user(ERASURE_APPROVER, CamundaAccessSetup.PRIVACY_GROUP);
        String erasureId = onboardings.requestErasure(new Actor(ERASURE_REQUESTER,
                List.of(CamundaAccessSetup.STAFF_GROUP, CamundaAccessSetup.PRIVACY_GROUP)), email, "Data subject request");
        Task approval = processEngine.getTaskService().createTaskQuery().processInstanceId(erasureId).singleResult();
        processEngine.getIdentityService().setAuthentication(ERASURE_APPROVER, List.of(CamundaAccessSetup.PRIVACY_GROUP));
        try {
            processEngine.getTaskService().complete(approval.getId(),
                    Map.of(ErasureProcess.Variables.ERASURE_DECISION, ErasureProcess.Decision.APPROVE));
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
        execute(job(ErasureProcess.Elements.DELETE_IDENTITY_ACCOUNTS, processEngine.getRuntimeService()
                .createProcessInstanceQuery().processInstanceId(erasureId).singleResult()));
    }

    private int open(String link) throws Exception {
        String path = URI.create(link).getRawPath();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Runs every pending delivery job once, as the job executor would when they are due. */
    private void deliverEverything() {
        for (Job job : management.createJobQuery().processDefinitionKey(WebhookDeliveryProcess.PROCESS_KEY)
                .withRetriesLeft().list()) {
            try {
                management.executeJob(job.getId());
            } catch (RuntimeException expected) {
                // /down and /redirect fail; their retries are another test's subject
            }
        }
    }

    private Job deliveryJob(String path, String onboardingId) {
        String deliveryId = jdbc.sql("""
                select id from onboarding.webhook_delivery where subscription = :url and body like :subject
                """)
                .param("url", RECEIVER.url(path))
                .param("subject", "%\"subject\":\"" + onboardingId + "\"%")
                .query(String.class).single();
        ProcessInstance instance = processEngine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(deliveryId).singleResult();
        return management.createJobQuery().processInstanceId(instance.getId()).singleResult();
    }

    private Job jobById(String id) {
        return management.createJobQuery().jobId(id).singleResult();
    }

    private static List<String> typesAt(String path, String onboardingId) throws Exception {
        return RECEIVER.at(path).stream().map(request -> parse(request.body()))
                .filter(event -> event.get("subject").asText().equals(onboardingId))
                .map(event -> event.get("type").asText()).toList();
    }

    private static JsonNode eventAt(String path, String onboardingId, String type) {
        return RECEIVER.at(path).stream().map(request -> parse(request.body()))
                .filter(event -> event.get("subject").asText().equals(onboardingId) && event.get("type").asText().equals(type))
                .reduce((first, second) -> {
                    throw new AssertionError("Two " + type + " events for " + onboardingId);
                })
                .orElseThrow(() -> new AssertionError("No " + type + " event for " + onboardingId + " at " + path));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }

    /**
     * Verifies as a receiver would, from the Standard Webhooks specification: HMAC-SHA256 with the
     * base64-decoded secret over "id.timestamp.body", base64, "v1," in front; a timestamp within 5 minutes;
     * the webhook-id the CloudEvents id.
     */
    private static void assertSignedPerStandardWebhooks(Received request) {
        try {
            String id = request.header("webhook-id");
            String timestamp = request.header("webhook-timestamp");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET_BASE64), "HmacSHA256"));
            String expected = "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
            assertThat(request.header("webhook-signature").split(" ")).contains(expected);
            assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(300);
            assertThat(parse(request.body()).get("id").asText()).isEqualTo(id);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
