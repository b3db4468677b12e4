package dev.portalonboarding.history;

import static dev.portalonboarding.support.HistoryJson.entries;
import static dev.portalonboarding.support.HistoryJson.ids;
import static dev.portalonboarding.support.HistoryJson.texts;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_ONBOARDED;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.EXPIRY_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.REVIEW_EXPIRED_INVITATION;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portalonboarding.onboarding.ErasureProcess;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess.ReviewDecision;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.CamundaWebappClient;

/** The auditors' onboarding history over HTTP, with the Camunda webapp login. */
class OnboardingHistoryTest extends OnboardingStoryTestBase {

    private static final String STAFF = "historystaff";
    private static final String AUDITOR = "historyauditor";
    /** An auditor whose READ_HISTORY on the onboarding process is revoked. */
    private static final String AUDITOR_WITHOUT_HISTORY = "historyblind";
    private static final String REQUESTER = "historyerasurerequester";
    private static final String APPROVER = "historyerasureapprover";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    @BeforeEach
    void users() {
        user(STAFF, CamundaAccessSetup.STAFF_GROUP);
        user(AUDITOR, CamundaAccessSetup.AUDITOR_GROUP);
        if (user(AUDITOR_WITHOUT_HISTORY, CamundaAccessSetup.AUDITOR_GROUP)) {
            revoke(AUDITOR_WITHOUT_HISTORY, OnboardingProcess.PROCESS_KEY, ProcessDefinitionPermissions.READ_HISTORY);
        }
    }

    @Test
    void auditorReadsTheFullStoryOfAFinishedOnboarding() throws Exception {
        String email = uniqueEmail("story");
        ProcessInstance onboarding = finishedOnboardingAfterAResend(email, STAFF);

        JsonNode timeline = read(auditor(), "/history/onboardings/" + onboarding.getId() + "/timeline?engineDetails=true");

        JsonNode summary = timeline.get("onboarding");
        assertThat(summary.get("email").asText()).isEqualTo(email);
        assertThat(summary.get("company").asText()).isEqualTo("Analytical Engines Ltd");
        assertThat(summary.get("startedBy").asText()).isEqualTo(STAFF);
        assertThat(summary.get("outcome").asText()).isEqualTo("ONBOARDED");
        assertThat(summary.get("endedAt").isNull()).isFalse();
        assertThat(texts(timeline.get("passedActivityIds"))).contains(REVIEW_EXPIRED_INVITATION, END_ONBOARDED);
        assertThat(timeline.get("activeActivityIds")).isEmpty();

        List<String> invitationTrail = entries(timeline, "INVITATION").stream().map(entry -> entry.get("what").asText())
                .toList();
        assertThat(invitationTrail).containsSubsequence("CREATED", "SENT", "OPENED", "REMINDER_SENT", "EXPIRED",
                "RESENT", "SENT", "REDEEMED", "LINKED");
        JsonNode opened = entries(timeline, "INVITATION").stream()
                .filter(entry -> entry.get("what").asText().equals("OPENED")).findFirst().orElseThrow();
        assertThat(opened.get("ip").asText()).isEqualTo(OPENED_FROM_IP);
        assertThat(opened.get("userAgent").asText()).isEqualTo(OPENED_WITH_USER_AGENT);

        JsonNode review = entries(timeline, "ACTIVITY").stream()
                .filter(entry -> entry.get("what").asText().equals("Review expired invitation")).findFirst()
                .orElseThrow();
        assertThat(review.get("actor").asText()).isEqualTo(STAFF);
        assertThat(review.get("endedAt").isNull()).isFalse();

        assertThat(entries(timeline, "OPERATION"))
                .extracting(entry -> entry.get("what").asText() + " by " + entry.get("actor").asText())
                .contains("Create ProcessInstance by " + STAFF, "Claim Task by " + STAFF, "Complete Task by " + STAFF);
    }

    @Test
    void eachEntryIsOneSentenceInPlainWordsWithTheEmailMasked() throws Exception {
        String email = uniqueEmail("sentences");
        String masked = "s***@example.com";
        ProcessInstance onboarding = finishedOnboardingAfterAResend(email, STAFF);

        JsonNode timeline = read(auditor(), "/history/onboardings/" + onboarding.getId() + "/timeline");

        assertThat(sentences(timeline)).containsSubsequence(
                "Onboarding started by " + STAFF,
                "Onboarding requested by " + STAFF
                        + ": Ada Lovelace, Analytical Engines Ltd; language en; roles portal-user, order-viewer",
                "Invitation created by " + STAFF + ", valid 7 days",
                "Invitation email sent to " + masked,
                "Link opened from " + OPENED_FROM_IP + ", Firefox on Linux",
                "Reminder email sent to " + masked,
                "Invitation expired unused",
                "Review task opened for staff",
                "Staff " + STAFF + " claimed the review task",
                "Review task completed by " + STAFF + ": resend",
                "Staff " + STAFF + " resent the invitation, valid 7 days",
                "Invitation email sent to " + masked,
                "Invitation redeemed by the invitee with https://idp.example.test/realms/portal",
                "Portal account linked at https://idp.example.test/realms/portal",
                "Contact activated: portal access granted",
                "Welcome email sent to " + masked,
                "Portal user onboarded");
        assertThat(sentences(timeline)).noneMatch(sentence -> sentence.contains(email));
    }

    @Test
    void aClosedReviewTellsItsReasonWithAddressesMasked() throws Exception {
        String email = uniqueEmail("closed");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        execute(job(EXPIRY_TIMER, onboarding));
        completeReview(onboarding, Map.of(Variables.REVIEW_DECISION, ReviewDecision.CLOSE,
                Variables.CLOSE_REASON, "Asked by " + email + " to stop"));

        JsonNode timeline = read(auditor(), "/history/onboardings/" + onboarding.getId() + "/timeline");

        assertThat(sentences(timeline)).containsSubsequence("Invitation expired unused", "Review task opened for staff",
                "Review task completed by " + STAFF + ": close (reason: Asked by c***@example.com to stop)",
                "Onboarding closed after the review");
        assertThat(sentences(timeline)).noneMatch(sentence -> sentence.contains(email));
    }

    @Test
    void engineDetailsAreHiddenUnlessAskedFor() throws Exception {
        ProcessInstance onboarding = finishedOnboardingAfterAResend(uniqueEmail("engine"), STAFF);
        String path = "/history/onboardings/" + onboarding.getId() + "/timeline";
        CamundaWebappClient auditor = auditor();

        JsonNode plain = read(auditor, path);
        assertThat(plain.get("entries")).allSatisfy(entry -> assertThat(entry.get("engineDetail").asBoolean()).isFalse());
        assertThat(whats(plain)).doesNotContain("issueAgain", "Contact ready to invite?", "Create contact",
                "Send invitation email", "Create ProcessInstance", "Complete Task");
        assertThat(String.join("\n", sentences(plain))).doesNotContainIgnoringCase("gateway")
                .doesNotContain("serviceTask", "exclusiveGateway");

        JsonNode detailed = read(auditor, path + "?engineDetails=true");
        List<JsonNode> engine = new ArrayList<>();
        detailed.get("entries").forEach(entry -> {
            if (entry.get("engineDetail").asBoolean()) {
                engine.add(entry);
            }
        });
        assertThat(engine).extracting(entry -> entry.get("sentence").asText()).contains(
                "Unnamed exclusive gateway issueAgain", "Contact ready to invite? (exclusive gateway)",
                "Send invitation email (service task)", "Staff " + STAFF + " started the onboarding");
        assertThat(detailed.get("entries").size()).isEqualTo(plain.get("entries").size() + engine.size());
        assertThat(auditor.get(path + "?engineDetails=maybe").statusCode()).isEqualTo(400);
    }

    @Test
    void afterAnErasureTheOnboardingStillTellsItsStoryAndTheErasure() throws Exception {
        user(REQUESTER, CamundaAccessSetup.STAFF_GROUP, CamundaAccessSetup.PRIVACY_GROUP);
        user(APPROVER, CamundaAccessSetup.PRIVACY_GROUP);
        String email = uniqueEmail("erased");
        ProcessInstance onboarding = finishedOnboardingAfterAResend(email, STAFF);
        ProcessInstance erasure = as(REQUESTER, List.of(CamundaAccessSetup.STAFF_GROUP, CamundaAccessSetup.PRIVACY_GROUP),
                () -> processEngine.getRuntimeService().startProcessInstanceByKey(ErasureProcess.PROCESS_KEY,
                        Map.of(Variables.EMAIL, email, ErasureProcess.Variables.ERASURE_REASON, "Data subject request")));
        Task approval = processEngine.getTaskService().createTaskQuery().processInstanceId(erasure.getId()).singleResult();
        as(APPROVER, List.of(CamundaAccessSetup.PRIVACY_GROUP), () -> {
            processEngine.getTaskService().complete(approval.getId(),
                    Map.of(ErasureProcess.Variables.ERASURE_DECISION, ErasureProcess.Decision.APPROVE));
            return null;
        });
        execute(job(ErasureProcess.Elements.DELETE_IDENTITY_ACCOUNTS, erasure));

        JsonNode timeline = read(auditor(), "/history/onboardings/" + onboarding.getId() + "/timeline");

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(sentences(timeline)).containsSubsequence(
                "Onboarding started by " + STAFF,
                "Onboarding requested by " + STAFF + " (the request's details were erased)",
                "Link opened",
                "Staff " + STAFF + " claimed the review task",
                "Review task completed by " + STAFF + ": resend",
                "Staff " + STAFF + " resent the invitation",
                "Invitation redeemed by the invitee",
                "Portal user onboarded",
                "Personal data erased on " + today + " by " + REQUESTER + ", approved by " + APPROVER);
        assertThat(entries(timeline, "CONTACT")).extracting(entry -> entry.get("what").asText())
                .containsExactly("REQUESTED", "ERASED");
        assertThat(entries(timeline, "CONTACT")).last().satisfies(entry -> {
            assertThat(entry.get("detail").asText()).isEqualTo("approved by " + APPROVER + "; reason: Data subject request");
        });
        assertThat(entries(timeline, "OPERATION")).extracting(entry -> entry.get("what").asText())
                .contains("Claim Task");
        assertThat(sentences(timeline)).noneMatch(sentence -> sentence.contains(email)
                || sentence.contains(OPENED_FROM_IP));
    }

    @Test
    void auditorFindsOnboardingsByEmailCompanyOutcomeAndDate() throws Exception {
        String email = uniqueEmail("findme");
        ProcessInstance finished = finishedOnboardingAfterAResend(email, STAFF);
        String runningEmail = uniqueEmail("findme-running");
        ProcessInstance running = startOnboarding(onboardingForm(runningEmail));
        CamundaWebappClient auditor = auditor();

        assertThat(ids(read(auditor, "/history/onboardings?email=" + email.toUpperCase())))
                .containsExactly(finished.getId());
        assertThat(ids(read(auditor, "/history/onboardings?email=findme&outcome=onboarded&size=500")))
                .contains(finished.getId()).doesNotContain(running.getId());
        assertThat(ids(read(auditor, "/history/onboardings?email=findme&outcome=running&size=500")))
                .contains(running.getId()).doesNotContain(finished.getId());
        assertThat(ids(read(auditor, "/history/onboardings?company=analytical%20ENGINES&email=" + runningEmail)))
                .containsExactly(running.getId());
        assertThat(ids(read(auditor, "/history/onboardings?company=Someone%20Else&email=" + runningEmail)))
                .isEmpty();
        assertThat(ids(read(auditor, "/history/onboardings?from=2000-01-01&to=2000-12-31&email=findme"))).isEmpty();

        JsonNode firstPage = read(auditor, "/history/onboardings?email=findme&size=1");
        assertThat(firstPage.get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(firstPage.get("items")).hasSize(1);
    }

    @Test
    void onboardingsWhoseBusinessKeyIsStillTheEmailAreFoundByItToo() throws Exception {
        String email = uniqueEmail("keyed-by-email");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        assertThat(onboarding.getBusinessKey()).isEqualTo(contactByEmail(email).orElseThrow().id().toString());
        // As onboardings started before the contact id became the business key have it
        jdbc.sql("update act_hi_procinst set business_key_ = :email where proc_inst_id_ = :id")
                .param("email", email).param("id", onboarding.getId()).update();
        jdbc.sql("update onboarding.contact set email = :other where email = :email")
                .param("other", "renamed-" + email).param("email", email).update();

        JsonNode found = read(auditor(), "/history/onboardings?email=" + email.substring(0, 20).toUpperCase());
        assertThat(ids(found)).containsExactly(onboarding.getId());
        assertThat(found.get("items").get(0).get("email").asText()).as("the contact's email of now")
                .isEqualTo("renamed-" + email);
    }

    @Test
    void csvExportDefusesFormulasAndStartsWithAByteOrderMark() throws Exception {
        String email = uniqueEmail("csv");
        Map<String, Object> form = new HashMap<>(onboardingForm(email));
        form.put(Variables.COMPANY, "=HYPERLINK(\"https://evil.example\",\"click\")");
        form.put(Variables.LAST_NAME, "Müller-Weiß");
        startOnboarding(form);

        var csv = auditor().get("/history/onboardings.csv?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv")
                .containsIgnoringCase("charset=UTF-8");
        // UTF-8 with a byte order mark, as the bulk CSV: Excel reads "Müller-Weiß", not "MÃ¼ller-WeiÃŸ"
        assertThat(csv.body()).startsWith("\uFEFF\"process instance\",\"email\"").contains("\"Müller-Weiß\"");
        assertThat(csv.body().lines()).hasSize(2);
        assertThat(csv.body()).contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"click\"\")\"", "\"RUNNING\"");
    }

    @Test
    void onlyAuditorsAndAdminsMayReadTheHistory() {
        CamundaWebappClient staff = new CamundaWebappClient(port);
        assertThat(staff.login("tasklist", STAFF, PASSWORD)).isEqualTo(200);
        assertThat(staff.get("/history/onboardings").statusCode()).isEqualTo(403);

        assertThat(new CamundaWebappClient(port).get("/history/onboardings").statusCode()).isIn(401, 403);
        assertThat(new CamundaWebappClient(port).get("/history/onboardings.csv").statusCode()).isIn(401, 403);

        CamundaWebappClient admin = new CamundaWebappClient(port);
        assertThat(admin.login("cockpit", "admin", "admin-secret")).isEqualTo(200);
        assertThat(admin.get("/history/onboardings").statusCode()).isEqualTo(200);

        // Read-only: nothing but GET reaches the history
        assertThat(auditor().postJson("/history/onboardings", "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void auditorWithoutReadHistorySeesNothing() throws Exception {
        ProcessInstance onboarding = startOnboarding(onboardingForm(uniqueEmail("hidden")));
        CamundaWebappClient blind = new CamundaWebappClient(port);
        assertThat(blind.login("cockpit", AUDITOR_WITHOUT_HISTORY, PASSWORD)).isEqualTo(200);

        assertThat(read(blind, "/history/onboardings").get("total").asLong()).isZero();
        assertThat(blind.get("/history/onboardings/" + onboarding.getId() + "/timeline").statusCode()).isEqualTo(404);
        assertThat(auditor().get("/history/onboardings/" + onboarding.getId() + "/timeline").statusCode())
                .isEqualTo(200);
    }

    @Test
    void auditorsCountTheFunnelOfADateRangeFromTheAuditTrail() throws Exception {
        ProcessInstance onboarding = finishedOnboardingAfterAResend(uniqueEmail("funnel"), STAFF);
        // Its trail moved to a day of its own, so no other test's entries count; LINKED to the next midnight
        LocalDate day = LocalDate.of(1990, 1, 1).plusDays(new Random().nextInt(3000));
        Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        jdbc.sql("""
                update onboarding.invitation_event set occurred_at = case when type = 'LINKED' then :midnight else :start end
                 where invitation_id in (select id from onboarding.invitation where process_instance_id = :onboarding)
                """)
                .param("midnight", OffsetDateTime.ofInstant(start.plus(Duration.ofDays(1)), ZoneOffset.UTC))
                .param("start", OffsetDateTime.ofInstant(start.plusSeconds(3600), ZoneOffset.UTC))
                .param("onboarding", onboarding.getId())
                .update();
        CamundaWebappClient auditor = auditor();

        JsonNode funnel = read(auditor, "/history/funnel?from=" + day + "&to=" + day.plusDays(1));

        // Two invitations sent (the first expired, the resend redeemed); the first was opened; [from, to)
        assertThat(stages(funnel)).containsExactly(Map.entry("sent", 2L), Map.entry("opened", 1L),
                Map.entry("accepted", 0L), Map.entry("redeemed", 1L), Map.entry("linked", 0L), Map.entry("expired", 1L),
                Map.entry("revoked", 0L));
        assertThat(stages(read(auditor, "/history/funnel?from=" + day.plusDays(1) + "&to=" + day.plusDays(2))))
                .contains(Map.entry("linked", 1L), Map.entry("sent", 0L));

        var backwards = auditor.get("/history/funnel?from=" + day + "&to=" + day);
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("to must be after from").doesNotContain("Exception");
        assertThat(auditor.get("/history/funnel?from=" + day).statusCode()).isEqualTo(400);
        assertThat(auditor.get("/history/funnel?from=yesterday&to=" + day).statusCode()).isEqualTo(400);
        CamundaWebappClient staff = new CamundaWebappClient(port);
        assertThat(staff.login("tasklist", STAFF, PASSWORD)).isEqualTo(200);
        assertThat(staff.get("/history/funnel?from=" + day + "&to=" + day.plusDays(1)).statusCode()).isEqualTo(403);
        assertThat(new CamundaWebappClient(port).get("/history/funnel?from=" + day + "&to=" + day.plusDays(1))
                .statusCode()).isIn(401, 403);
    }

    private static List<Map.Entry<String, Long>> stages(JsonNode funnel) {
        List<Map.Entry<String, Long>> stages = new ArrayList<>();
        funnel.get("stages").forEach(stage -> stages.add(Map.entry(stage.get("stage").asText(), stage.get("invitations").asLong())));
        return stages;
    }

    private void completeReview(ProcessInstance onboarding, Map<String, Object> decision) {
        Task review = task(REVIEW_EXPIRED_INVITATION, onboarding);
        as(STAFF, List.of(CamundaAccessSetup.STAFF_GROUP), () -> {
            processEngine.getTaskService().claim(review.getId(), STAFF);
            processEngine.getTaskService().complete(review.getId(), decision);
            return null;
        });
    }

    private static List<String> sentences(JsonNode timeline) {
        List<String> sentences = new ArrayList<>();
        timeline.get("entries").forEach(entry -> sentences.add(entry.get("sentence").asText()));
        return sentences;
    }

    private static List<String> whats(JsonNode timeline) {
        List<String> whats = new ArrayList<>();
        timeline.get("entries").forEach(entry -> whats.add(entry.get("what").asText()));
        return whats;
    }

    private JsonNode read(CamundaWebappClient client, String path) throws Exception {
        var response = client.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private CamundaWebappClient auditor() {
        CamundaWebappClient auditor = new CamundaWebappClient(port);
        assertThat(auditor.login("cockpit", AUDITOR, PASSWORD)).isEqualTo(200);
        return auditor;
    }

}
