package dev.portalonboarding.staffview;

import static dev.portalonboarding.support.HistoryJson.texts;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.EXPIRY_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.REVIEW_EXPIRED_INVITATION;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess.ReviewDecision;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.CamundaWebappClient;
import dev.portalonboarding.support.OnboardingTestBase;

/** The staff's onboardings over HTTP with the Tasklist login: each state, the search, what staff see. */
class StaffOnboardingsTest extends OnboardingTestBase {

    private static final String STAFF = "viewstaff";
    private static final String OTHER_STAFF = "viewotherstaff";
    /** Staff whose READ_HISTORY on the onboarding process is revoked. */
    private static final String STAFF_WITHOUT_HISTORY = "viewblindstaff";
    private static final String USER_AGENT = "Mozilla/5.0 (staff view test)";

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;

    @BeforeEach
    void users() {
        user(STAFF, CamundaAccessSetup.STAFF_GROUP);
        user(OTHER_STAFF, CamundaAccessSetup.STAFF_GROUP);
        if (user(STAFF_WITHOUT_HISTORY, CamundaAccessSetup.STAFF_GROUP)) {
            revoke(STAFF_WITHOUT_HISTORY, OnboardingProcess.PROCESS_KEY, ProcessDefinitionPermissions.READ_HISTORY);
        }
    }

    @Test
    void eachPathShowsItsStateInPlainWordsAndIsFoundByThatState() throws Exception {
        String company = "Staff View " + uniqueEmail("co");
        Map<String, String> expected = new HashMap<>();

        String sending = uniqueEmail("sending");
        asStaff(STAFF, () -> start(sending, company));
        expected.put(sending, "SENDING");

        String sent = uniqueEmail("sent");
        sendInvitation(asStaff(STAFF, () -> start(sent, company)));
        expected.put(sent, "SENT");

        String opened = uniqueEmail("opened");
        sendInvitation(asStaff(STAFF, () -> start(opened, company)));
        assertThat(openLink(opened)).isEqualTo(200);
        expected.put(opened, "OPENED");

        String accepted = uniqueEmail("accepted");
        sendInvitation(asStaff(STAFF, () -> start(accepted, company)));
        redeem(codeFromLatestMail(accepted), identity(accepted));
        expected.put(accepted, "ACCEPTED");

        String onboarded = uniqueEmail("onboarded");
        ProcessInstance onboarding = asStaff(STAFF, () -> start(onboarded, company));
        sendInvitation(onboarding);
        redeem(codeFromLatestMail(onboarded), identity(onboarded));
        execute(job(LINK_ACCOUNT, onboarding));
        execute(job(SEND_WELCOME_EMAIL, onboarding));
        expected.put(onboarded, "ONBOARDED");

        String expired = uniqueEmail("expired");
        ProcessInstance expiring = asStaff(STAFF, () -> start(expired, company));
        sendInvitation(expiring);
        execute(job(EXPIRY_TIMER, expiring));
        expected.put(expired, "EXPIRED");

        String revoked = uniqueEmail("revoked");
        sendInvitation(asStaff(STAFF, () -> start(revoked, company)));
        asStaff(STAFF, () -> processEngine.getRuntimeService().startProcessInstanceByKey(
                OnboardingProcess.REVOKE_PROCESS_KEY, Map.of(Variables.EMAIL, revoked, Variables.REVOKE_REASON, "typo")));
        expected.put(revoked, "REVOKED");

        String closed = uniqueEmail("closed");
        ProcessInstance closing = asStaff(OTHER_STAFF, () -> start(closed, company));
        sendInvitation(closing);
        execute(job(EXPIRY_TIMER, closing));
        Task review = task(REVIEW_EXPIRED_INVITATION, closing);
        asStaff(OTHER_STAFF, () -> {
            processEngine.getTaskService().claim(review.getId(), OTHER_STAFF);
            processEngine.getTaskService().complete(review.getId(), Map.of(
                    Variables.REVIEW_DECISION, ReviewDecision.CLOSE, Variables.CLOSE_REASON, "not needed"));
            return null;
        });
        expected.put(closed, "CLOSED");

        // A second onboarding of a running one ends at once, without an invitation
        asStaff(STAFF, () -> start(sent, company));

        CamundaWebappClient staff = signedIn(STAFF);
        JsonNode all = page(staff, "company=" + encode(company) + "&size=50");
        Map<String, List<String>> states = new HashMap<>();
        all.get("items").forEach(item -> states.computeIfAbsent(item.get("email").asText(), email -> new ArrayList<>())
                .add(item.get("state").asText()));
        expected.forEach((email, state) -> assertThat(states.get(email)).as(email).contains(state));
        assertThat(states.get(sent)).containsExactlyInAnyOrder("SENT", "NOT_INVITED");
        assertThat(all.get("total").asLong()).isEqualTo(9);

        JsonNode expiredLine = line(all, expired, "EXPIRED");
        assertThat(expiredLine.get("stateWords").asText()).isEqualTo("expired, waiting for review");
        assertThat(expiredLine.get("reviewTaskId").asText()).isEqualTo(task(REVIEW_EXPIRED_INVITATION, expiring).getId());
        assertThat(texts(expiredLine.get("actions"))).containsExactly("REVIEW");
        assertThat(expiredLine.get("lastEvent").get("what").asText()).isEqualTo("Invitation expired unused");
        assertThat(texts(line(all, sent, "SENT").get("actions"))).containsExactly("RESEND", "REVOKE");
        assertThat(line(all, sent, "SENT").get("stateWords").asText()).isEqualTo("invitation sent");
        assertThat(line(all, sent, "NOT_INVITED").get("outcomeReason").asText()).isNotBlank();
        assertThat(texts(line(all, onboarded, "ONBOARDED").get("actions"))).isEmpty();
        JsonNode revokedEvent = line(all, revoked, "REVOKED").get("lastEvent");
        assertThat(revokedEvent.get("what").asText()).isEqualTo("Invitation revoked by " + STAFF + ": typo");
        assertThat(revokedEvent.get("actor").asText()).isEqualTo(STAFF);
        assertThat(line(all, closed, "CLOSED").get("lastEvent").get("what").asText())
                .isEqualTo("Onboarding ended: closed");
        JsonNode openedEvent = line(all, opened, "OPENED").get("lastEvent");
        assertThat(openedEvent.get("what").asText()).isEqualTo("Link opened");
        assertThat(openedEvent.get("at").isNull()).isFalse();

        // The search by state asks the engine; it finds exactly what the lines say
        for (String state : List.of("SENDING", "SENT", "OPENED", "ACCEPTED", "ONBOARDED", "EXPIRED", "REVOKED",
                "CLOSED", "NOT_INVITED")) {
            JsonNode found = page(staff, "company=" + encode(company) + "&state=" + state + "&size=50");
            List<String> emails = new ArrayList<>();
            found.get("items").forEach(item -> {
                assertThat(item.get("state").asText()).isEqualTo(state);
                emails.add(item.get("email").asText());
            });
            List<String> wanted = new ArrayList<>(expected.entrySet().stream()
                    .filter(entry -> entry.getValue().equals(state)).map(Map.Entry::getKey).toList());
            if (state.equals("NOT_INVITED")) {
                wanted.add(sent);
            }
            assertThat(emails).as(state).containsExactlyInAnyOrderElementsOf(wanted);
        }
    }

    @Test
    void searchesByEmailCompanyStarterAndDate() throws Exception {
        String company = "Search Co " + uniqueEmail("co");
        String mine = uniqueEmail("mine");
        String theirs = uniqueEmail("theirs");
        asStaff(STAFF, () -> start(mine, company));
        asStaff(OTHER_STAFF, () -> start(theirs, company));
        CamundaWebappClient staff = signedIn(STAFF);

        assertThat(emails(page(staff, "email=" + encode(mine.substring(0, 12).toUpperCase())))).containsExactly(mine);
        assertThat(emails(page(staff, "company=" + encode(company.toLowerCase()))))
                .containsExactlyInAnyOrder(mine, theirs);
        assertThat(emails(page(staff, "company=" + encode(company) + "&startedBy=" + OTHER_STAFF)))
                .containsExactly(theirs);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(emails(page(staff, "company=" + encode(company) + "&from=" + today + "&to=" + today)))
                .containsExactlyInAnyOrder(mine, theirs);
        assertThat(emails(page(staff, "company=" + encode(company) + "&from=" + today.plusDays(1)))).isEmpty();
        assertThat(emails(page(staff, "company=" + encode(company) + "&state=invitation sent"))).isEmpty();
        assertThat(emails(page(staff, "company=" + encode(company) + "&state=sending")))
                .containsExactlyInAnyOrder(mine, theirs);

        assertThat(staff.get("/staff/onboardings?state=lost").statusCode()).isEqualTo(400);
        assertThat(staff.get("/staff/onboardings?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(staff.get("/staff/onboardings?size=1000").statusCode()).isEqualTo(400);
        assertThat(staff.get("/staff/onboardings?email=" + "a".repeat(300)).statusCode()).isEqualTo(400);
    }

    @Test
    void afterAResendTheNewInvitationCountsNotTheOpenedOldOne() throws Exception {
        String email = uniqueEmail("resent");
        ProcessInstance onboarding = asStaff(STAFF, () -> start(email, "Resent Ltd"));
        sendInvitation(onboarding);
        assertThat(openLink(email)).isEqualTo(200);
        CamundaWebappClient staff = signedIn(STAFF);
        assertThat(page(staff, "email=" + encode(email)).get("items").get(0).get("state").asText()).isEqualTo("OPENED");

        asStaff(STAFF, () -> processEngine.getRuntimeService().startProcessInstanceByKey(
                OnboardingProcess.RESEND_PROCESS_KEY, Map.of(Variables.EMAIL, email, Variables.RESEND_REASON, "lost it")));
        JsonNode resent = page(staff, "email=" + encode(email)).get("items").get(0);
        assertThat(resent.get("state").asText()).isEqualTo("SENDING");
        assertThat(resent.get("lastEvent").get("what").asText()).startsWith("Staff " + STAFF + " resent the invitation");
        assertThat(resent.get("lastEvent").get("actor").asText()).isEqualTo(STAFF);
        assertThat(emails(page(staff, "email=" + encode(email) + "&state=sending"))).containsExactly(email);

        sendInvitation(onboarding);
        assertThat(page(staff, "email=" + encode(email)).get("items").get(0).get("state").asText()).isEqualTo("SENT");
        assertThat(emails(page(staff, "email=" + encode(email) + "&state=sent"))).containsExactly(email);
        assertThat(emails(page(staff, "email=" + encode(email) + "&state=opened"))).isEmpty();
    }

    @Test
    void staffSeeNoIpAddressOrUserAgentByDefault() throws Exception {
        String email = uniqueEmail("client");
        sendInvitation(asStaff(STAFF, () -> start(email, "Client Details Ltd")));
        assertThat(openLink(email)).isEqualTo(200);

        HttpResponse<String> response = signedIn(STAFF).get("/staff/onboardings?email=" + encode(email));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = json.readTree(response.body()).get("items").get(0).get("lastEvent");
        assertThat(event.get("what").asText()).isEqualTo("Link opened");
        assertThat(event.get("ip").isNull()).isTrue();
        assertThat(event.get("userAgent").isNull()).isTrue();
        assertThat(response.body()).doesNotContain("127.0.0.1", USER_AGENT);
    }

    @Test
    void theEngineDecidesWhichOnboardingsStaffSee() throws Exception {
        String email = uniqueEmail("blind");
        asStaff(STAFF, () -> start(email, "Blind Ltd"));
        assertThat(page(signedIn(STAFF), "email=" + encode(email)).get("total").asLong()).isEqualTo(1);
        assertThat(page(signedIn(STAFF_WITHOUT_HISTORY), "email=" + encode(email)).get("total").asLong()).isZero();
    }

    private ProcessInstance start(String email, String company) {
        Map<String, Object> form = new HashMap<>(onboardingForm(email));
        form.put(Variables.COMPANY, company);
        return startOnboarding(form);
    }

    private static void sendInvitation(ProcessInstance onboarding) {
        execute(job(SEND_INVITATION_EMAIL, onboarding));
    }

    /** The invitee opens the emailed link: a GET of the landing page, as a browser sends it. */
    private int openLink(String email) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/invitations/" + codeFromLatestMail(email)))
                .header("User-Agent", USER_AGENT).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static VerifiedIdentity identity(String email) {
        return new VerifiedIdentity("https://idp.example.test/realms/portal", "subject-of-" + email, email, true,
                "Ada Lovelace");
    }

    private CamundaWebappClient signedIn(String user) {
        CamundaWebappClient client = new CamundaWebappClient(port);
        assertThat(client.login("tasklist", user, PASSWORD)).isEqualTo(200);
        return client;
    }

    private JsonNode page(CamundaWebappClient client, String query) throws Exception {
        HttpResponse<String> response = client.get("/staff/onboardings?" + query.replace(" ", "%20"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static JsonNode line(JsonNode page, String email, String state) {
        for (JsonNode item : page.get("items")) {
            if (item.get("email").asText().equals(email) && item.get("state").asText().equals(state)) {
                return item;
            }
        }
        throw new AssertionError("No line for " + email + " in " + state);
    }

    private static List<String> emails(JsonNode page) {
        List<String> emails = new ArrayList<>();
        page.get("items").forEach(item -> emails.add(item.get("email").asText()));
        return emails;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
