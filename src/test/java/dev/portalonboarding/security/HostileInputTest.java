package dev.portalonboarding.security;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.EXPIRY_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portalonboarding.identity.DevIdentityProvider;
import dev.portalonboarding.security.HostileCase.Answer;
import dev.portalonboarding.security.HostileCase.Answers;
import dev.portalonboarding.support.ApiClient;
import dev.portalonboarding.support.CamundaWebappClient;
import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.RawHttp;
import dev.portalonboarding.support.ScriptClient;
import dev.portalonboarding.support.TestMailServer;

/**
 * Hostile input, as a signed-in user or a stranger would send it (catalogue: {@link HostileInputCases}).
 * For every case: an acceptable status (a 4xx; exactly 400 where the engine API refuses a start or a
 * task completion by our rules; the documented success of a baseline), no stack trace or Java class
 * name in the body, no forged log line, and nothing created: contacts, invitations and their events,
 * process instances, bulk rows and emails are counted before and after. Each surface has a baseline
 * that must succeed and create exactly what it should, so a broken harness cannot pass by refusing all.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest extends OnboardingTestBase {

    static final String PASSWORD = OnboardingTestBase.PASSWORD;
    private static final String STAFF = "hostilestaff";
    private static final String AUDITOR = "hostileauditor";

    /** What a body must never show: exception and class names, stack frames, engine error codes. */
    private static final Pattern INTERNALS = Pattern.compile("Exception|\\bjava\\.|\\bjavax\\.|\\bjakarta\\."
            + "|org\\.camunda|org\\.springframework|org\\.apache|com\\.fasterxml|\\bat [a-zA-Z_$][\\w$]*(\\.[\\w$<>]+)+\\("
            + "|ENGINE-\\d+");

    /**
     * The one class name a body may carry: the Camunda webapps read this exact type of a 403 to show
     * the missing permission (EngineApiErrors keeps it for them).
     */
    private static final String WEBAPPS_DENIAL_TYPE = "\"type\":\"AuthorizationException\"";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    DevIdentityProvider developmentProvider;

    private Target target;
    private final Map<String, int[]> groups = new TreeMap<>();
    private long startedAt;

    Stream<HostileCase> cases() {
        List<HostileCase> all = HostileInputCases.all().toList();
        System.out.println("HostileInputTest: " + all.size() + " cases");
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedCleanlyAndCreatesNothing(HostileCase hostile, CapturedOutput output) {
        if (target == null) {
            target = new Target();
            startedAt = System.nanoTime();
        }
        target.prepareFixtures();
        Map<String, Long> before = snapshot();
        Map<String, Object> stateBefore = new LinkedHashMap<>();
        hostile.unchanged.forEach((what, state) -> stateBefore.put(what, state.apply(target)));
        Answer answer = hostile.call.apply(target);
        Map<String, Long> after = snapshot();

        SoftAssertions soft = new SoftAssertions();
        String shown = answer.status() + " " + abbreviated(answer.body());
        switch (hostile.answers) {
            case ENGINE_REFUSAL -> soft.assertThat(answer.status()).as("status of " + shown).isEqualTo(400);
            case REFUSAL -> soft.assertThat(answer.status()).as("status of " + shown).isBetween(400, 499);
            case REFUSAL_OR_REDIRECT_HOME -> soft.assertThat(answer.status()).as("status of " + shown)
                    .matches(status -> status >= 400 && status <= 499 || status == 302 || status == 303, "4xx or redirect");
            case NO_SERVER_ERROR -> soft.assertThat(answer.status()).as("status of " + shown).isBetween(200, 499);
            case SUCCESS -> soft.assertThat(answer.status()).as("status of " + shown).isBetween(200, 299);
        }
        if (hostile.answers == Answers.ENGINE_REFUSAL) {
            soft.assertThat(answer.body()).as("our message first, not the engine's").doesNotContain("Cannot instantiate");
        }
        answer.header("location").ifPresent(location -> soft.assertThat(location).as("redirect")
                .doesNotContain("evil.example")
                .matches(l -> l.startsWith("/") && !l.startsWith("//") || l.startsWith("https://portal.example.test/")
                        || l.startsWith("http://localhost:" + port + "/")
                        || l.startsWith("http://localhost:8090/") || l.contains("/authorize?"), "stays on this site"));
        Matcher internals = INTERNALS.matcher(answer.status() == 403
                ? answer.body().replace(WEBAPPS_DENIAL_TYPE, "") : answer.body());
        if (internals.find()) {
            soft.fail("the body names internals (\"%s\"): %s", internals.group(), abbreviated(answer.body()));
        }
        Map<String, Long> expected = new LinkedHashMap<>();
        before.forEach((count, value) -> expected.put(count, value + hostile.changes.getOrDefault(count, 0L)));
        if (!hostile.sessionsJudged) {
            expected.remove("sessions");
            after.remove("sessions");
        }
        soft.assertThat(after).as("counts after the request (%s)", shown).isEqualTo(expected);
        hostile.unchanged.forEach((what, state) -> soft.assertThat(state.apply(target))
                .as("%s after the request (%s)", what, shown).isEqualTo(stateBefore.get(what)));
        if (hostile.forgedLogLine != null) {
            String log = output.getAll();
            soft.assertThat(log.contains("\n" + hostile.forgedLogLine) || log.contains("\r" + hostile.forgedLogLine))
                    .as("a log line begins with the forged text " + hostile.forgedLogLine).isFalse();
        }
        try {
            hostile.alsoCheck.accept(answer);
        } catch (AssertionError e) {
            soft.fail(e.getMessage());
        }
        int[] tally = groups.computeIfAbsent(hostile.group, g -> new int[2]);
        tally[0]++;
        if (!soft.errorsCollected().isEmpty()) {
            tally[1]++;
        }
        if (!soft.errorsCollected().isEmpty()) {
            throw new AssertionError(hostile + "\n" + String.join("\n", soft.errorsCollected().stream()
                    .map(Throwable::getMessage).toList()));
        }
    }

    @AfterAll
    void summary() {
        StringBuilder summary = new StringBuilder("HostileInputTest per group (cases, failing):");
        groups.forEach((group, tally) -> summary.append("\n  ").append(group).append(": ").append(tally[0])
                .append(", ").append(tally[1]));
        summary.append("\n  ").append((System.nanoTime() - startedAt) / 1_000_000).append(" ms for all cases");
        System.out.println(summary);
    }

    /** Everything a hostile request must not create, counted at once; the mail server counts its emails. */
    Map<String, Long> snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>(jdbc.sql("""
                select (select count(*) from onboarding.contact) as contacts,
                       (select count(*) from onboarding.invitation) as invitations,
                       (select count(*) from onboarding.invitation where status not in ('NEW', 'SENT')) as closed_invitations,
                       (select count(*) from onboarding.invitation_event) as events,
                       (select count(*) from act_hi_procinst) as process_instances,
                       (select count(*) from onboarding.bulk_row) as bulk_rows,
                       (select count(*) from onboarding.spring_session) as sessions
                """).query((rs, row) -> Map.of(
                        "contacts", rs.getLong("contacts"),
                        "invitations", rs.getLong("invitations"),
                        "closedInvitations", rs.getLong("closed_invitations"),
                        "events", rs.getLong("events"),
                        "processInstances", rs.getLong("process_instances"),
                        "bulkRows", rs.getLong("bulk_rows"),
                        "sessions", rs.getLong("sessions"))).single());
        counts.put("emails", (long) TestMailServer.receivedCount());
        return new TreeMap<>(counts);
    }

    private static String abbreviated(String body) {
        String oneLine = body.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    private static Answer answer(HttpResponse<String> response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        return new Answer(response.statusCode(), headers, response.body());
    }

    private static Answer answer(RawHttp.Response response) {
        return new Answer(response.status(), response.headers(), response.body());
    }

    /** The service as the cases see it; fixtures are made when first asked for and again once used up. */
    private final class Target implements HostileTarget {

        private final CamundaWebappClient staff = new CamundaWebappClient(port);
        private final CamundaWebappClient auditor = new CamundaWebappClient(port);
        private String victimEmail;
        private String apiToken;
        private String codeHolderEmail;
        private String liveCode;
        private ProcessInstance reviewOnboarding;
        private String dryRunTask;
        private String filterId;

        Target() {
            user(STAFF, CamundaAccessSetup.STAFF_GROUP);
            user(AUDITOR, CamundaAccessSetup.AUDITOR_GROUP);
            assertThat(staff.login("tasklist", STAFF, PASSWORD)).isEqualTo(200);
            assertThat(auditor.login("cockpit", AUDITOR, PASSWORD)).isEqualTo(200);
        }

        @Override
        public Answer asStaff(String path, String contentType, String body) {
            return answer(staff.post(path, contentType, body));
        }

        /** Its own session: a refused CSRF check ends the session it came with. */
        @Override
        public Answer asStaffWithoutCsrfToken(String path, String contentType, String body) {
            CamundaWebappClient client = new CamundaWebappClient(port);
            assertThat(client.login("tasklist", STAFF, PASSWORD)).isEqualTo(200);
            return answer(client.postWithoutCsrfToken(path, contentType, body));
        }

        /** Fixtures a case may use, made before the counts are taken, so making them is not counted against it. */
        void prepareFixtures() {
            pendingInvitationEmail();
            liveInvitationCode();
            reviewTaskId();
            dryRunTaskId();
            staffFilterId();
        }

        @Override
        public Answer asAuditor(String path, String contentType, String body) {
            return answer(auditor.post(path, contentType, body));
        }

        @Override
        public Answer engineApi(Who who, String method, String path, String contentType, String body) {
            CamundaWebappClient client = switch (who) {
                case STAFF -> staff;
                case AUDITOR -> auditor;
                case ANONYMOUS -> throw new IllegalArgumentException("the engine API needs a session");
            };
            return answer(client.send(method, path, contentType, body));
        }

        @Override
        public Answer raw(Who who, String method, String path, Map<String, String> headers, byte[] body) {
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Accept", "application/json, text/html");
            switch (who) {
                case STAFF -> all.put("Cookie", staff.cookieHeader());
                case AUDITOR -> all.put("Cookie", auditor.cookieHeader());
                case ANONYMOUS -> { }
            }
            all.putAll(headers);
            return answer(RawHttp.fromFreshAddress(port).send(method, path, all, body));
        }

        @Override
        public Answer upload(String query, String contentType, byte[] body) {
            return answer(ScriptClient.as(port, STAFF, PASSWORD).post("/bulk-onboardings" + query, contentType, body));
        }

        @Override
        public String apiToken() {
            if (apiToken == null) {
                apiToken = ApiClient.token(developmentProvider.tokenUri(), "demo-client", "demo-secret", null);
            }
            return apiToken;
        }

        @Override
        public String pendingInvitationEmail() {
            if (victimEmail == null || !hasPendingInvitation(victimEmail)) {
                victimEmail = invited("hostile-victim");
            }
            return victimEmail;
        }

        @Override
        public String liveInvitationCode() {
            if (codeHolderEmail == null || !hasPendingInvitation(codeHolderEmail)) {
                codeHolderEmail = invited("hostile-code");
                liveCode = codeFromLatestMail(codeHolderEmail);
            }
            return liveCode;
        }

        @Override
        public String reviewTaskId() {
            Task task = reviewOnboarding == null ? null : processEngine.getTaskService().createTaskQuery()
                    .processInstanceId(reviewOnboarding.getId()).singleResult();
            if (task == null) {
                reviewOnboarding = startOnboarding(onboardingForm(uniqueEmail("hostile-review")));
                execute(job(SEND_INVITATION_EMAIL, reviewOnboarding));
                execute(job(EXPIRY_TIMER, reviewOnboarding));
                task = processEngine.getTaskService().createTaskQuery().processInstanceId(reviewOnboarding.getId())
                        .singleResult();
            }
            return task.getId();
        }

        @Override
        public String reviewOnboardingId() {
            reviewTaskId();
            return reviewOnboarding.getId();
        }

        @Override
        public Map<String, Object> reviewVariables() {
            Map<String, Object> variables = new TreeMap<>();
            processEngine.getRuntimeService().getVariables(reviewOnboardingId())
                    .forEach((name, value) -> variables.put("process:" + name, value));
            processEngine.getTaskService().getVariablesLocal(reviewTaskId())
                    .forEach((name, value) -> variables.put("task:" + name, value));
            return variables;
        }

        @Override
        public String dryRunTaskId() {
            boolean open = dryRunTask != null
                    && processEngine.getTaskService().createTaskQuery().taskId(dryRunTask).count() == 1;
            if (!open) {
                Answer upload = upload("", "text/csv", HostileInputCases.bytes(HostileInputCases.validCsv()));
                assertThat(upload.status()).as(upload.body()).isEqualTo(201);
                try {
                    String bulkId = json.readTree(upload.body()).get("bulkId").asText();
                    dryRunTask = processEngine.getTaskService().createTaskQuery().processInstanceId(bulkId)
                            .singleResult().getId();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return dryRunTask;
        }

        @Override
        public String staffFilterId() {
            if (filterId == null) {
                filterId = processEngine.getFilterService().createFilterQuery()
                        .filterName(CamundaAccessSetup.ALL_ONBOARDING_TASKS_FILTER).singleResult().getId();
            }
            return filterId;
        }

        @Override
        public SignInRoundTrip signInRoundTrip() {
            RawHttp.Response toProvider = RawHttp.fromFreshAddress(port).get("/oauth2/authorization/portal", Map.of());
            String location = toProvider.header("location").orElseThrow(() -> new AssertionError(
                    "no redirect to the provider: " + toProvider.status()));
            Matcher state = Pattern.compile("[?&]state=([^&]+)").matcher(location);
            assertThat(state.find()).as(location).isTrue();
            String cookie = toProvider.headers("set-cookie").stream().map(c -> c.split(";", 2)[0])
                    .reduce((a, b) -> a + "; " + b).orElseThrow(() -> new AssertionError("no session cookie"));
            return new SignInRoundTrip(cookie, state.group(1));
        }

        private String invited(String name) {
            String email = uniqueEmail(name);
            ProcessInstance onboarding = startOnboarding(onboardingForm(email));
            execute(job(SEND_INVITATION_EMAIL, onboarding));
            return email;
        }

        private boolean hasPendingInvitation(String email) {
            return jdbc.sql("""
                    select count(*) from onboarding.invitation i join onboarding.contact c on c.id = i.contact_id
                    where c.email = :email and i.status = 'SENT'""").param("email", email)
                    .query(Long.class).single() > 0;
        }
    }
}
