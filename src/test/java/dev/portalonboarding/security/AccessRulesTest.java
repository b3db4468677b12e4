package dev.portalonboarding.security;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.EXPIRY_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.portalonboarding.bulk.BulkOnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess.ReviewDecision;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.support.CamundaWebappClient;
import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.ScriptClient;

/** Who may do what, proven over HTTP against the webapps and on the engine API. */
class AccessRulesTest extends OnboardingTestBase {

    private static final String STAFF = "teststaff";
    private static final String AUDITOR = "testauditor";
    /** An engine user in no group of ours. */
    private static final String NO_GROUP = "testnogroup";
    /** Staff for a wrong password, which delays the user's next sign-in: not STAFF, whom other tests sign in. */
    private static final String SCRIPT_STAFF = "testscriptstaff";
    private static final String UPLOAD = "/bulk-onboardings";

    @LocalServerPort
    int port;

    @BeforeEach
    void users() {
        user(STAFF, CamundaAccessSetup.STAFF_GROUP);
        user(AUDITOR, CamundaAccessSetup.AUDITOR_GROUP);
    }

    @Test
    void staffUseTasklistButNotCockpitOrAdmin() {
        assertThat(new CamundaWebappClient(port).login("tasklist", STAFF, PASSWORD)).isEqualTo(200);
        assertThat(new CamundaWebappClient(port).login("cockpit", STAFF, PASSWORD)).isEqualTo(403);
        assertThat(new CamundaWebappClient(port).login("admin", STAFF, PASSWORD)).isEqualTo(403);
    }

    @Test
    void staffStartAnOnboardingThroughTheTasklistForm() {
        CamundaWebappClient staff = new CamundaWebappClient(port);
        staff.login("tasklist", STAFF, PASSWORD);
        String email = uniqueEmail("tasklist");

        var response = staff.submitOnboardingStartForm(email);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        ProcessInstance onboarding = runningOnboardingOf(email);
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(onboarding.getId()).singleResult().getStartUserId()).isEqualTo(STAFF);
    }

    @Test
    void aSecondOnboardingStartedByStaffForTheSameEmailIsRefusedAsRunning() {
        String email = uniqueEmail("staff-twice");
        processEngine.getIdentityService().setAuthentication(STAFF, List.of(CamundaAccessSetup.STAFF_GROUP));
        ProcessInstance first = startOnboarding(onboardingForm(email));
        ProcessInstance second = startOnboarding(onboardingForm(email));
        processEngine.getIdentityService().clearAuthentication();

        assertThat(processEngine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(second.getId()).activityId(OnboardingProcess.Elements.END_ALREADY_RUNNING).count())
                .as("staff may not read process instances, yet the check sees the running onboarding").isEqualTo(1);
        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(first.getId()).count()).isEqualTo(1);
    }

    @Test
    void staffSeeTheirFilters() {
        processEngine.getIdentityService().setAuthentication(STAFF, List.of(CamundaAccessSetup.STAFF_GROUP));
        assertThat(processEngine.getFilterService().createFilterQuery().list())
                .extracting(filter -> filter.getName())
                .contains(CamundaAccessSetup.EXPIRED_INVITATIONS_FILTER, CamundaAccessSetup.BULK_ONBOARDINGS_FILTER,
                        CamundaAccessSetup.ALL_ONBOARDING_TASKS_FILTER);
    }

    @Test
    void auditorsReadCockpitButCannotStartAnything() {
        assertThat(new CamundaWebappClient(port).login("tasklist", AUDITOR, PASSWORD)).isEqualTo(403);
        assertThat(new CamundaWebappClient(port).login("admin", AUDITOR, PASSWORD)).isEqualTo(403);
        CamundaWebappClient auditor = new CamundaWebappClient(port);
        assertThat(auditor.login("cockpit", AUDITOR, PASSWORD)).isEqualTo(200);

        assertThat(auditor.get("/camunda/api/engine/engine/default/history/process-instance?processDefinitionKey="
                + OnboardingProcess.PROCESS_KEY).statusCode()).isEqualTo(200);
        String email = uniqueEmail("auditor-start");
        var start = auditor.submitOnboardingStartForm(email);
        assertThat(start.statusCode()).isEqualTo(403);
        assertThat(start.body()).contains("AuthorizationException");
        assertThat(contactByEmail(email)).as("no onboarding got as far as its contact").isEmpty();
    }

    @Test
    void onlyStaffCompleteTheReviewTask() {
        ProcessInstance onboarding = startOnboarding(onboardingForm(uniqueEmail("review")));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        execute(job(EXPIRY_TIMER, onboarding));
        Task review = task(onboarding);
        Map<String, Object> close = Map.of(Variables.REVIEW_DECISION, ReviewDecision.CLOSE,
                Variables.CLOSE_REASON, "No longer needed");

        processEngine.getIdentityService().setAuthentication(AUDITOR, List.of(CamundaAccessSetup.AUDITOR_GROUP));
        assertThatThrownBy(() -> processEngine.getTaskService().complete(review.getId(), close))
                .isInstanceOf(AuthorizationException.class);

        processEngine.getIdentityService().setAuthentication(STAFF, List.of(CamundaAccessSetup.STAFF_GROUP));
        processEngine.getTaskService().complete(review.getId(), close);
        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(onboarding.getId()).count()).isZero();
    }

    @Test
    void anonymousUsersGetNothing() {
        CamundaWebappClient anonymous = new CamundaWebappClient(port);
        assertThat(anonymous.get("/camunda/api/engine/engine/default/process-instance").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/camunda/api/engine/engine/default/history/process-instance").statusCode()).isEqualTo(401);
        assertThat(anonymous.submitOnboardingStartForm(uniqueEmail("anonymous")).statusCode())
                .isIn(401, 403);
        assertThat(new CamundaWebappClient(port).login("tasklist", STAFF, "wrong password")).isEqualTo(401);
        // No /engine-rest ships, and unknown paths are denied
        assertThat(anonymous.get("/engine-rest/process-instance").statusCode()).isEqualTo(403);
        assertThat(anonymous.get("/actuator/env").statusCode()).isEqualTo(403);
        assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyStaffUploadBulkOnboardingFilesAndOnlyWithHttpBasic() {
        user(NO_GROUP);
        user(SCRIPT_STAFF, CamundaAccessSetup.STAFF_GROUP);
        String file = "first_name,last_name,email,company,language,roles\nAda,Lovelace," + uniqueEmail("upload")
                + ",Contoso,en,portal-user\n";
        byte[] csv = file.getBytes(StandardCharsets.UTF_8);
        long bulksBefore = processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(BulkOnboardingProcess.PROCESS_KEY).count();

        var anonymous = ScriptClient.anonymous(port).post(UPLOAD, "text/csv", csv);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Portal onboarding\"");
        assertThat(anonymous.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(ScriptClient.as(port, SCRIPT_STAFF, "wrong password").post(UPLOAD, "text/csv", csv).statusCode())
                .isEqualTo(401);
        var auditor = ScriptClient.as(port, AUDITOR, PASSWORD).post(UPLOAD, "text/csv", csv);
        assertThat(auditor.statusCode()).isEqualTo(403);
        assertThat(auditor.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(ScriptClient.as(port, "admin", "admin-secret").post(UPLOAD, "text/csv", csv).statusCode())
                .as("admins are not staff").isEqualTo(403);
        assertThat(ScriptClient.as(port, NO_GROUP, PASSWORD).post(UPLOAD, "text/csv", csv).statusCode()).isEqualTo(403);
        // A browser's Tasklist login, even with its CSRF token, is no credential here
        CamundaWebappClient tasklist = new CamundaWebappClient(port);
        assertThat(tasklist.login("tasklist", STAFF, PASSWORD)).isEqualTo(200);
        assertThat(tasklist.post(UPLOAD, "text/csv", file).statusCode()).isEqualTo(401);
        assertThat(ScriptClient.as(port, STAFF, PASSWORD).get(UPLOAD).statusCode()).as("POST only").isEqualTo(403);

        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(BulkOnboardingProcess.PROCESS_KEY).count()).isEqualTo(bulksBefore);
    }

    @Test
    void onlyStaffDownloadABulksRowsWithTheirTasklistLoginOrHttpBasic() {
        user(NO_GROUP);
        user(SCRIPT_STAFF, CamundaAccessSetup.STAFF_GROUP);
        var upload = ScriptClient.as(port, STAFF, PASSWORD).post(UPLOAD, "text/csv",
                ("first_name,last_name,email,company,language,roles\nAda,Lovelace," + uniqueEmail("rows-rule")
                        + ",Contoso,en,portal-user\n").getBytes(StandardCharsets.UTF_8));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        String rows = URI.create(upload.headers().firstValue("Location").orElseThrow()).getPath();

        // Staff: the rowsCsv of their upload with the same Basic credentials, statelessly, or their Tasklist login
        var script = ScriptClient.as(port, STAFF, PASSWORD).get(rows);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Set-Cookie")).as("stateless: no session").isEmpty();
        CamundaWebappClient tasklist = new CamundaWebappClient(port);
        assertThat(tasklist.login("tasklist", STAFF, PASSWORD)).isEqualTo(200);
        assertThat(tasklist.get(rows).statusCode()).isEqualTo(200);
        assertThat(ScriptClient.as(port, STAFF, PASSWORD).post(rows, "text/csv", new byte[0]).statusCode())
                .as("GET only").isEqualTo(403);

        var anonymous = ScriptClient.anonymous(port).get(rows);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Portal onboarding\"");
        assertThat(ScriptClient.as(port, SCRIPT_STAFF, "wrong password").get(rows).statusCode()).isEqualTo(401);
        assertThat(ScriptClient.as(port, AUDITOR, PASSWORD).get(rows).statusCode()).isEqualTo(403);
        CamundaWebappClient cockpit = new CamundaWebappClient(port);
        assertThat(cockpit.login("cockpit", AUDITOR, PASSWORD)).isEqualTo(200);
        assertThat(cockpit.get(rows).statusCode()).isEqualTo(403);
        assertThat(ScriptClient.as(port, "admin", "admin-secret").get(rows).statusCode()).as("admins are not staff")
                .isEqualTo(403);
        assertThat(ScriptClient.as(port, NO_GROUP, PASSWORD).get(rows).statusCode()).isEqualTo(403);
    }

    @Test
    void onlyTheMetricsCredentialReadsPrometheus() {
        String prometheus = "/actuator/prometheus";
        var anonymous = ScriptClient.anonymous(port).get(prometheus);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Portal onboarding metrics\"");
        assertThat(ScriptClient.as(port, "prometheus", "wrong password").get(prometheus).statusCode()).isEqualTo(401);
        assertThat(ScriptClient.as(port, "someone", "test-metrics-password").get(prometheus).statusCode()).isEqualTo(401);
        // Engine users are no credential here, admins included, nor a webapp session
        assertThat(ScriptClient.as(port, "admin", "admin-secret").get(prometheus).statusCode()).isEqualTo(401);
        CamundaWebappClient cockpit = new CamundaWebappClient(port);
        assertThat(cockpit.login("cockpit", AUDITOR, PASSWORD)).isEqualTo(200);
        assertThat(cockpit.get(prometheus).statusCode()).isEqualTo(401);
        CamundaWebappClient tasklist = new CamundaWebappClient(port);
        assertThat(tasklist.login("tasklist", STAFF, PASSWORD)).isEqualTo(200);
        assertThat(tasklist.get(prometheus).statusCode()).isEqualTo(401);

        var scraper = ScriptClient.as(port, "prometheus", "test-metrics-password").scrape(prometheus);
        assertThat(scraper.statusCode()).isEqualTo(200);
        assertThat(scraper.body()).contains("onboarding_invitation_events_total{");
        assertThat(scraper.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(ScriptClient.as(port, "prometheus", "test-metrics-password").get("/actuator/env").statusCode())
                .as("the credential opens only the scrape").isEqualTo(403);
    }

    @Test
    void onlyStaffReadTheStaffViewOfOnboardings() {
        user(NO_GROUP);
        String view = "/staff/onboardings";
        CamundaWebappClient staff = new CamundaWebappClient(port);
        assertThat(staff.login("tasklist", STAFF, PASSWORD)).isEqualTo(200);
        assertThat(staff.get(view).statusCode()).isEqualTo(200);
        assertThat(staff.post(view, "application/json", "{}").statusCode()).as("GET only").isEqualTo(403);
        // READ_HISTORY, which the view needs, opens neither Cockpit nor the auditors' history for staff
        assertThat(new CamundaWebappClient(port).login("cockpit", STAFF, PASSWORD)).isEqualTo(403);
        assertThat(staff.get("/history/onboardings").statusCode()).isEqualTo(403);

        assertThat(new CamundaWebappClient(port).get(view).statusCode()).as("anonymous").isEqualTo(403);
        CamundaWebappClient auditor = new CamundaWebappClient(port);
        assertThat(auditor.login("cockpit", AUDITOR, PASSWORD)).isEqualTo(200);
        assertThat(auditor.get(view).statusCode()).as("auditors read the history in Cockpit").isEqualTo(403);
        CamundaWebappClient admin = new CamundaWebappClient(port);
        assertThat(admin.login("admin", "admin", "admin-secret")).isEqualTo(200);
        assertThat(admin.get(view).statusCode()).as("admins are not staff").isEqualTo(403);
        CamundaWebappClient noGroup = new CamundaWebappClient(port);
        noGroup.login("welcome", NO_GROUP, PASSWORD);
        assertThat(noGroup.get(view).statusCode()).isEqualTo(403);
    }

    @Test
    void demoUsersExistOnlyInTheEmbeddedProfile() {
        assertThat(processEngine.getIdentityService().createUserQuery().userIdIn("staff", "auditor").count()).isZero();
    }
}
