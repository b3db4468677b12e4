package dev.portalonboarding.api;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;


import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.util.ReflectionTestUtils;

import com.fasterxml.jackson.databind.JsonNode;

import dev.portalonboarding.identity.DevIdentityProvider;
import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess.OffboardingElements;
import dev.portalonboarding.support.ApiClient;
import dev.portalonboarding.support.CamundaWebappClient;
import dev.portalonboarding.support.OnboardingTestBase;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * The REST API over real HTTP with client-credentials tokens from the development provider (a real
 * OAuth2 server): every write runs the processes as the client, reads see what the engine grants it, and
 * each endpoint refuses a missing token, a token without the scope, an expired or foreign token, a staff
 * session cookie and HTTP Basic, with problem details.
 */
class ApiTest extends OnboardingTestBase {

    private static final String ALL = "onboarding.read onboarding.write onboarding.audit";

    @LocalServerPort
    int port;
    @Autowired
    DevIdentityProvider developmentProvider;

    @Test
    void aClientStartsReadsAndFindsAnOnboardingAsItself() {
        ApiClient client = client(ALL);
        String email = uniqueEmail("api");
        HttpResponse<String> started = client.postJson(ApiPaths.ONBOARDINGS, startBody(email, "Api Start Ltd"));

        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        JsonNode answer = ApiClient.json(started);
        String id = answer.get("id").asText();
        // The staff view's states: the email job has not run yet
        assertThat(answer.get("state").asText()).isEqualTo("SENDING");
        assertThat(answer.get("stateWords").asText()).isEqualTo("invitation being sent");
        assertThat(started.headers().firstValue("Location")).hasValue("https://portal.example.test/api/v1/onboardings/" + id);
        HistoricProcessInstance onboarding = processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(id).singleResult();
        assertThat(onboarding.getStartUserId()).isEqualTo("client:demo-client");
        assertThat(onboarding.getProcessDefinitionKey()).isEqualTo(OnboardingProcess.PROCESS_KEY);

        execute(job(SEND_INVITATION_EMAIL, runtime(id)));
        // Opening the link records the visitor's IP address and user agent in the trail
        HttpResponse<String> opened = ApiClient.withRawToken(port, null).send(ApiClient.withRawToken(port, null)
                .request("/invitations/" + codeFromLatestMail(email)).header("User-Agent", "MailScanner/1.0").GET());
        assertThat(opened.statusCode()).isEqualTo(200);

        JsonNode read = ApiClient.json(client.get(ApiPaths.ONBOARDINGS + "/" + id));
        assertThat(read.get("state").asText()).isEqualTo("OPENED");
        assertThat(read.get("stateWords").asText()).isEqualTo("invitation opened");
        assertThat(read.get("email").asText()).isEqualTo(email);
        assertThat(read.get("startedBy").asText()).isEqualTo("client:demo-client");
        assertThat(read.at("/invitation/status").asText()).isEqualTo("SENT");
        assertThat(read.at("/invitation/expiresAt").asText()).isNotBlank();
        assertThat(read.get("timeline").toString()).contains("Send invitation email", "OPENED", "MailScanner/1.0");

        JsonNode withoutAudit = ApiClient.json(client("onboarding.read").get(ApiPaths.ONBOARDINGS + "/" + id));
        assertThat(withoutAudit.get("timeline").toString()).contains("OPENED")
                .doesNotContain("MailScanner/1.0", "\"ip\"", "\"userAgent\"");

        // The filter takes the state's words or its name, in any case
        JsonNode found = ApiClient.json(client.get(ApiPaths.ONBOARDINGS + "?email=" + email
                + "&state=Invitation%20opened"));
        assertThat(found.get("items")).hasSize(1);
        assertThat(found.at("/items/0/id").asText()).isEqualTo(id);
        assertThat(found.at("/items/0/state").asText()).isEqualTo("OPENED");
        assertThat(found.at("/items/0/stateWords").asText()).isEqualTo("invitation opened");
        assertThat(ApiClient.json(client.get(ApiPaths.ONBOARDINGS + "?email=" + email + "&state=opened"))
                .get("items")).hasSize(1);
        for (String other : List.of("SENT", "SENDING", "ONBOARDED", "not%20invited")) {
            assertThat(ApiClient.json(client.get(ApiPaths.ONBOARDINGS + "?email=" + email + "&state=" + other))
                    .get("items")).as(other).isEmpty();
        }
    }

    @Test
    void pagesFollowAStableOrderThroughOpaqueCursors() {
        ApiClient client = client(ALL);
        String company = "Paging " + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(ApiClient.json(client.postJson(ApiPaths.ONBOARDINGS, startBody(uniqueEmail("page"), company)))
                    .get("id").asText());
        }
        String query = ApiPaths.ONBOARDINGS + "?company=" + company.replace(" ", "%20") + "&limit=2";
        JsonNode first = ApiClient.json(client.get(query));
        assertThat(first.get("items")).hasSize(2);
        JsonNode second = ApiClient.json(client.get(query + "&cursor=" + first.get("nextCursor").asText()));
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.has("nextCursor")).isFalse();
        List<String> seen = new ArrayList<>();
        first.get("items").forEach(item -> seen.add(item.get("id").asText()));
        second.get("items").forEach(item -> seen.add(item.get("id").asText()));
        assertThat(seen).containsExactlyElementsOf(ids);

        // A cursor of another query, or made up, is refused
        HttpResponse<String> foreign = client.get(ApiPaths.ONBOARDINGS + "?limit=2&cursor=" + first.get("nextCursor").asText());
        assertProblem(foreign, 400, "cursor is not one this query returned");
        assertProblem(client.get(ApiPaths.ONBOARDINGS + "?cursor=%00%01"), 400, "cursor");
        assertProblem(client.get(ApiPaths.ONBOARDINGS + "?state=sleeping"), 400,
                "state must be one of [SENDING, SENT, OPENED, ACCEPTED, ONBOARDED, EXPIRED, REVOKED, CLOSED, "
                        + "NOT_INVITED, CANCELLED], or its words such as \"invitation sent\".");
        assertProblem(client.get(ApiPaths.ONBOARDINGS + "?startedAfter=yesterday"), 400, "startedAfter must be a day");
        assertProblem(client.get(ApiPaths.ONBOARDINGS + "?limit=1000"), 400, "limit must be between 1 and 100");
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndStartsNothingTwice() throws Exception {
        ApiClient client = client(ALL);
        String email = uniqueEmail("retry");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = client.postJson(ApiPaths.ONBOARDINGS, startBody(email, "Retry Ltd"), key);
        HttpResponse<String> retry = client.postJson(ApiPaths.ONBOARDINGS, startBody(email, "Retry Ltd"), key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(onboardingsOf(email)).isEqualTo(1);

        assertProblem(client.postJson(ApiPaths.ONBOARDINGS, startBody(email, "Another Ltd"), key), 422,
                "This Idempotency-Key was used for another request");
        // Keys are the client's own: another client's same key is a new request
        HttpResponse<String> other = client("other-client", "other-secret", "onboarding.write")
                .postJson(ApiPaths.ONBOARDINGS, startBody(email, "Retry Ltd"), key);
        assertProblem(other, 409, "already running");
        assertProblem(client.postJson(ApiPaths.ONBOARDINGS, startBody(email, "Retry Ltd"), "bad key with spaces"), 400,
                "Idempotency-Key must be");
    }

    @Test
    void concurrentRequestsWithOneKeyStartOneOnboarding() throws Exception {
        ApiClient client = client(ALL);
        String email = uniqueEmail("concurrent");
        String key = UUID.randomUUID().toString();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<HttpResponse<String>>> requests = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                requests.add(() -> client.postJson(ApiPaths.ONBOARDINGS, startBody(email, "Concurrent Ltd"), key));
            }
            Set<String> bodies = new HashSet<>();
            for (Future<HttpResponse<String>> response : threads.invokeAll(requests)) {
                assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(201);
                bodies.add(response.get().body());
            }
            assertThat(bodies).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(onboardingsOf(email)).isEqualTo(1);
    }

    @Test
    void aSecondStartIsAConflictWithTheReasonAndTheExistingOnboarding() {
        ApiClient client = client(ALL);
        String email = uniqueEmail("conflict");
        String first = ApiClient.json(client.postJson(ApiPaths.ONBOARDINGS, startBody(email, "Conflict Ltd")))
                .get("id").asText();

        HttpResponse<String> running = client.postJson(ApiPaths.ONBOARDINGS, startBody(email, "Conflict Ltd"));
        JsonNode problem = assertProblem(running, 409, "already running");
        assertThat(problem.get("reason").asText()).isEqualTo("ALREADY_RUNNING");
        assertThat(problem.get("state").asText()).isEqualTo("NOT_INVITED");
        assertThat(problem.get("stateWords").asText()).isEqualTo("not invited");
        assertThat(problem.get("existingOnboarding").asText()).endsWith("/api/v1/onboardings/" + first);
        String refused = problem.get("onboarding").asText().replaceAll(".*/", "");
        JsonNode notInvited = ApiClient.json(client.get(ApiPaths.ONBOARDINGS + "?email=" + email + "&state=not%20invited"));
        assertThat(notInvited.get("items")).hasSize(1);
        assertThat(notInvited.at("/items/0/id").asText()).isEqualTo(refused);

        onboard(email, first);
        // Accepted and linked; the welcome email job has not run yet
        assertThat(ApiClient.json(client.get(ApiPaths.ONBOARDINGS + "/" + first)).get("stateWords").asText())
                .isEqualTo("accepted");
        assertThat(ApiClient.json(client.get(ApiPaths.ONBOARDINGS + "?email=" + email + "&state=ACCEPTED"))
                .at("/items/0/id").asText()).isEqualTo(first);
        HttpResponse<String> active = client.postJson(ApiPaths.ONBOARDINGS, startBody(email, "Conflict Ltd"));
        assertThat(assertProblem(active, 409, "active").get("reason").asText()).isEqualTo("ALREADY_ACTIVE");

        // The onboarded contact is offboarded through the API, as the client
        HttpResponse<String> offboarded = client.postJson(ApiPaths.ONBOARDINGS + "/" + first + "/offboard",
                "{\"reason\":\"Left the company\"}");
        assertThat(offboarded.statusCode()).as(offboarded.body()).isEqualTo(200);
        String offboarding = ApiClient.json(offboarded).get("processInstanceId").asText();
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(offboarding).singleResult().getStartUserId()).isEqualTo("client:demo-client");
        assertThat(contactByEmail(email).orElseThrow().status().name()).isEqualTo("OFFBOARDED");
        assertProblem(client.postJson(ApiPaths.ONBOARDINGS + "/" + first + "/offboard", "{\"reason\":\"again\"}"), 400,
                "is not an active portal user");
    }

    @Test
    void anOffboardingSendsTheGoodbyeEmailOnlyWhenTheClientAsks() throws Exception {
        ApiClient client = client(ALL);
        String asked = uniqueEmail("goodbye-asked");
        String askedId = ApiClient.json(client.postJson(ApiPaths.ONBOARDINGS, startBody(asked, "Goodbye Ltd")))
                .get("id").asText();
        onboard(asked, askedId);
        String notAsked = uniqueEmail("goodbye-not-asked");
        String notAskedId = ApiClient.json(client.postJson(ApiPaths.ONBOARDINGS, startBody(notAsked, "Goodbye Ltd")))
                .get("id").asText();
        onboard(notAsked, notAskedId);
        assertProblem(client.postJson(ApiPaths.ONBOARDINGS + "/" + askedId + "/offboard",
                "{\"reason\":\"Left\",\"sendGoodbyeEmail\":\"yes\"}"), 400, "sendGoodbyeEmail must be true or false");
        assertProblem(client.postJson(ApiPaths.ONBOARDINGS + "/" + askedId + "/offboard",
                "{\"reason\":\"Left\",\"goodbye\":true}"), 400,
                "unknown field \"goodbye\" (the form has reason, sendGoodbyeEmail)");

        ProcessInstance withGoodbye = offboarded(client, askedId, "{\"reason\":\"Left the company\",\"sendGoodbyeEmail\":true}");
        execute(job(OffboardingElements.SEND_GOODBYE_EMAIL, withGoodbye));
        ProcessInstance withoutGoodbye = offboarded(client, notAskedId, "{\"reason\":\"Left the company\"}");

        BpmnAwareTests.assertThat(withGoodbye).isEnded().hasPassed(OffboardingElements.SEND_GOODBYE_EMAIL);
        assertThat(mailsTo(asked)).extracting(MimeMessage::getMessageID)
                .contains("<goodbye." + withGoodbye.getId() + "@portal.example.test>");
        BpmnAwareTests.assertThat(withoutGoodbye).isEnded().hasNotPassed(OffboardingElements.SEND_GOODBYE_EMAIL);
        assertThat(mailsTo(notAsked)).extracting(MimeMessage::getMessageID).noneMatch(id -> id.startsWith("<goodbye."));
    }

    /** Offboarded through the API, the identity account disabled: the offboarding waits at the goodbye or has ended. */
    private ProcessInstance offboarded(ApiClient client, String onboardingId, String body) {
        HttpResponse<String> answer = client.postJson(ApiPaths.ONBOARDINGS + "/" + onboardingId + "/offboard", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        ProcessInstance offboarding = runtime(ApiClient.json(answer).get("processInstanceId").asText());
        execute(job(OffboardingElements.DISABLE_IDENTITY_ACCOUNT, offboarding));
        return offboarding;
    }

    @Test
    void aClientRevokesAndResendsThroughTheProcesses() {
        ApiClient client = client(ALL);
        String email = uniqueEmail("revoke");
        String id = ApiClient.json(client.postJson(ApiPaths.ONBOARDINGS, startBody(email, "Revoke Ltd"))).get("id").asText();
        execute(job(SEND_INVITATION_EMAIL, runtime(id)));

        HttpResponse<String> resent = client.postJson(ApiPaths.ONBOARDINGS + "/" + id + "/resend", "{\"reason\":\"Lost it\"}");
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);

        HttpResponse<String> revoked = client.postJson(ApiPaths.ONBOARDINGS + "/" + id + "/revoke",
                "{\"reason\":\"Sent to the wrong person\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        JsonNode read = ApiClient.json(client.get(ApiPaths.ONBOARDINGS + "/" + id));
        assertThat(read.get("state").asText()).isEqualTo("REVOKED");
        assertThat(read.get("stateWords").asText()).isEqualTo("revoked");
        assertThat(read.at("/invitation/status").asText()).isEqualTo("REVOKED");

        assertProblem(client.postJson(ApiPaths.ONBOARDINGS + "/" + id + "/revoke", "{\"reason\":\"x\",\"email\":\"a@b.c\"}"),
                400, "unknown field \"email\"");
        assertProblem(client.postJson(ApiPaths.ONBOARDINGS + "/unknown-id/revoke", "{\"reason\":\"x\"}"), 404,
                "There is no onboarding unknown-id");
    }

    @Test
    void errorsAreProblemDetailsInTheFormsWords() {
        ApiClient client = client(ALL);
        assertProblem(client.postJson(ApiPaths.ONBOARDINGS, "{\"firstName\":"), 400, "The body is not valid JSON");
        assertProblem(client.post(ApiPaths.ONBOARDINGS, "text/plain", "hello".getBytes(StandardCharsets.UTF_8)), 415,
                "text/plain");
        assertProblem(client.get(ApiPaths.ONBOARDINGS + "/no-such-onboarding"), 404, "There is no onboarding");
        assertProblem(client.postJson(ApiPaths.ONBOARDINGS, "{\"firstName\":\"Ada\",\"startedBy\":\"admin\"}"), 400,
                "Invalid onboarding request: unknown field \"startedBy\"");
        assertProblem(client.postJson(ApiPaths.ONBOARDINGS, "{\"firstName\":1,\"roles\":\"portal-user\"}"), 400,
                "firstName must be text, not a number");
        String invalid = startBody("not-an-email", "Invalid Ltd").replace("\"en\"", "\"fr\"");
        HttpResponse<String> refused = client.postJson(ApiPaths.ONBOARDINGS, invalid);
        assertProblem(refused, 400, "Invalid onboarding request: ");
        assertThat(ApiClient.json(refused).get("detail").asText()).contains("email", "language must be en or de");
        assertProblem(client.postJson(ApiPaths.ONBOARDINGS, "[1,2]"), 400, "must be a JSON object");
        // What the engine does not grant the client: 403 from the engine, in our words
        assertProblem(client("ungranted-client", "ungranted-secret", "onboarding.write")
                .postJson(ApiPaths.ONBOARDINGS, startBody(uniqueEmail("ungranted"), "Ungranted Ltd")), 403,
                "does not grant this client");
    }

    @Test
    void everyEndpointRefusesWhatIsNoValidTokenWithItsScope() {
        String id = ApiClient.json(client(ALL).postJson(ApiPaths.ONBOARDINGS, startBody(uniqueEmail("rules"), "Rules Ltd")))
                .get("id").asText();
        Map<String, String> writes = Map.of(
                ApiPaths.ONBOARDINGS, "application/json",
                ApiPaths.ONBOARDINGS + "/" + id + "/resend", "application/json",
                ApiPaths.ONBOARDINGS + "/" + id + "/revoke", "application/json",
                ApiPaths.ONBOARDINGS + "/" + id + "/offboard", "application/json",
                ApiPaths.BULK_ONBOARDINGS, "text/csv",
                ApiPaths.BULK_ONBOARDINGS + "/" + id + "/start", "application/json",
                ApiPaths.BULK_ONBOARDINGS + "/" + id + "/cancel", "application/json");
        List<String> reads = List.of(ApiPaths.ONBOARDINGS, ApiPaths.ONBOARDINGS + "/" + id,
                ApiPaths.BULK_ONBOARDINGS + "/" + id + "/rows");

        ApiClient anonymous = ApiClient.withRawToken(port, null);
        ApiClient readOnly = client("onboarding.read");
        ApiClient writeOnly = client("onboarding.write");
        ApiClient expired = ApiClient.withRawToken(port, expiredToken());
        ApiClient foreign = ApiClient.withRawToken(port, foreignToken());
        ApiClient garbage = ApiClient.withRawToken(port, "not.a.token");
        CamundaWebappClient staff = new CamundaWebappClient(port);
        user("apirulesstaff", "onboarding-staff");
        assertThat(staff.login("tasklist", "apirulesstaff", PASSWORD)).isEqualTo(200);
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                ("apirulesstaff:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

        writes.forEach((path, type) -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            for (ApiClient refused : List.of(anonymous, expired, foreign, garbage)) {
                assertUnauthenticated(refused.post(path, type, body), path);
            }
            assertProblem(readOnly.post(path, type, body), 403, "lacks the scope");
            assertUnauthenticated(staff.post(path, type, "{}"), path);
            assertUnauthenticated(anonymous.send(anonymous.request(path).header("Authorization", basic)
                    .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body))), path);
        });
        for (String path : reads) {
            for (ApiClient refused : List.of(anonymous, expired, foreign, garbage)) {
                assertUnauthenticated(refused.get(path), path);
            }
            assertProblem(writeOnly.get(path), 403, "lacks the scope");
            assertUnauthenticated(staff.get(path), path);
            assertUnauthenticated(anonymous.send(anonymous.request(path).header("Authorization", basic).GET()), path);
        }
        // Outside the listed endpoints nothing is served, whatever the token
        assertProblem(client(ALL).send(client(ALL).request(ApiPaths.ONBOARDINGS + "/" + id)
                .method("DELETE", HttpRequest.BodyPublishers.noBody())), 403, "not part of the API");
    }

    @Test
    void theDevelopmentProviderIssuesTokensToItsClientsOnly() {
        String tokenUri = developmentProvider.tokenUri();
        assertThat(ApiClient.tokenResponse(tokenUri, "demo-client", "wrong", null).statusCode()).isEqualTo(401);
        assertThat(ApiClient.tokenResponse(tokenUri, "stranger", "demo-secret", null).statusCode()).isEqualTo(401);
        assertThat(ApiClient.tokenResponse(tokenUri, "other-client", "other-secret", "onboarding.audit").statusCode())
                .isEqualTo(400);
        JsonNode token = ApiClient.json(ApiClient.tokenResponse(tokenUri, "demo-client", "demo-secret", null));
        assertThat(token.get("token_type").asText()).isEqualToIgnoringCase("Bearer");
    }

    @Test
    void aClientUploadsABulkDecidesItsStartAndReadsEachRowsResult() {
        ApiClient client = client(ALL);
        String prefix = "bulk-api-" + UUID.randomUUID().toString().substring(0, 8);
        String csv = "first_name,last_name,email,company,language,roles\n"
                + "Ada,Lovelace," + prefix + "-1@example.com,Bulk Api Ltd,en,portal-user\n"
                + "Alan,Turing," + prefix + "-2@example.com,Bulk Api Ltd,de,portal-user;order-viewer\n"
                + "Bad,Row,not-an-email,Bulk Api Ltd,en,portal-user\n";
        HttpResponse<String> uploaded = client.post(ApiPaths.BULK_ONBOARDINGS + "?validityDays=10", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode dryRun = ApiClient.json(uploaded);
        String bulkId = dryRun.get("bulkId").asText();
        assertThat(dryRun.get("rowsValid").asInt()).isEqualTo(2);
        assertThat(dryRun.get("rowsInvalid").asInt()).isEqualTo(1);
        String rowsPath = ApiPaths.BULK_ONBOARDINGS + "/" + bulkId + "/rows";
        assertThat(dryRun.get("rowsCsv").asText()).endsWith(rowsPath);
        assertThat(client.get(rowsPath).body()).contains("\"VALID\"", "\"INVALID\"");

        // Another client neither reads nor decides it
        ApiClient other = client("other-client", "other-secret", "onboarding.read onboarding.write");
        assertProblem(other.get(rowsPath), 404, "that this client uploaded");
        assertProblem(other.postJson(ApiPaths.BULK_ONBOARDINGS + "/" + bulkId + "/start", ""), 404, "uploaded");

        assertThat(client.postJson(ApiPaths.BULK_ONBOARDINGS + "/" + bulkId + "/start", "").statusCode()).isEqualTo(204);
        assertProblem(client.postJson(ApiPaths.BULK_ONBOARDINGS + "/" + bulkId + "/cancel", ""), 400,
                "waits for no dry-run decision");
        for (List<Job> jobs = bulkJobs(bulkId); !jobs.isEmpty(); jobs = bulkJobs(bulkId)) {
            jobs.forEach(job -> processEngine.getManagementService().executeJob(job.getId()));
        }
        String results = client.get(rowsPath).body();
        assertThat(results.lines().filter(line -> line.contains("\"STARTED\""))).hasSize(2);
        HistoricProcessInstance started = processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(OnboardingProcess.PROCESS_KEY)
                .processInstanceBusinessKey(contactByEmail(prefix + "-1@example.com").orElseThrow().id().toString())
                .singleResult();
        assertThat(started.getStartUserId()).isEqualTo("client:demo-client");

        assertProblem(client.post(ApiPaths.BULK_ONBOARDINGS, "text/csv", "name\nAda\n".getBytes(StandardCharsets.UTF_8)),
                400, "Bulk onboarding file refused");
    }

    private List<Job> bulkJobs(String bulkId) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(bulkId).list();
    }

    /** The invitee accepts and the process links and activates the contact. */
    private void onboard(String email, String onboardingId) {
        ProcessInstance onboarding = runtime(onboardingId);
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        redeem(codeFromLatestMail(email), new VerifiedIdentity(developmentProvider.issuer(), "sub-" + email, email, true,
                "Ada Lovelace"));
        execute(job(LINK_ACCOUNT, onboarding));
        assertThat(contactByEmail(email).orElseThrow().status().name()).isEqualTo("ACTIVE");
    }

    private ProcessInstance runtime(String id) {
        return processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    /** The business key is the contact's id (CreateContactDelegate). */
    private long onboardingsOf(String email) {
        return processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(OnboardingProcess.PROCESS_KEY)
                .processInstanceBusinessKey(contactByEmail(email).orElseThrow().id().toString()).count();
    }

    private ApiClient client(String scope) {
        return client("demo-client", "demo-secret", scope);
    }

    private ApiClient client(String clientId, String secret, String scope) {
        return ApiClient.withToken(port, developmentProvider.tokenUri(), clientId, secret, scope);
    }

    /** Signed by the development provider's own key, for the demo client, but two minutes past its expiry. */
    private String expiredToken() {
        MockOAuth2Server server = (MockOAuth2Server) ReflectionTestUtils.getField(developmentProvider, "server");
        return server.issueToken("dev", "demo-client", new DefaultOAuth2TokenCallback("dev", "demo-client", "JWT",
                List.of("onboarding-api"), Map.of("azp", "demo-client", "scope", ALL), -180)).serialize();
    }

    /** A well-formed token with the right claims from another issuer, signed by another key. */
    private static String foreignToken() {
        MockOAuth2Server other = new MockOAuth2Server();
        other.start();
        try {
            return other.issueToken("dev", "demo-client", new DefaultOAuth2TokenCallback("dev", "demo-client", "JWT",
                    List.of("onboarding-api"), Map.of("azp", "demo-client", "scope", ALL), 3600)).serialize();
        } finally {
            other.shutdown();
        }
    }

    private static String startBody(String email, String company) {
        return """
                {"firstName":"Ada","lastName":"Lovelace","email":"%s","company":"%s","language":"en",
                 "roles":["portal-user","order-viewer"],"validityDays":7}""".formatted(email, company);
    }

    private static void assertUnauthenticated(HttpResponse<String> response, String path) {
        assertProblem(response, 401, "needs an OAuth2 access token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Set-Cookie")).as(path).isEmpty();
    }

    /** A problem detail (RFC 9457) with the status and our words, never a Java class name. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(response.uri().toString())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = ApiClient.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).contains(detail);
        assertThat(response.body()).doesNotContainPattern("(java|org|com)\\.[a-z]+\\.[A-Za-z.]+|Exception");
        return problem;
    }

}
