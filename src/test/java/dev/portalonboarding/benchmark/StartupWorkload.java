package dev.portalonboarding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.model.bpmn.Bpmn;

import dev.portalonboarding.bulk.BulkOnboardingProcess;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.CamundaWebappClient;
import dev.portalonboarding.support.ScriptClient;
import dev.portalonboarding.support.TestMailServer;

/**
 * The work StartupBenchmark gives a started process before it reads its memory again, over HTTP only, as a
 * client of that process would: onboardings for the service (one bulk upload), and for the bare webapp as
 * many instances of a process that waits at a timer, as an onboarding waits for its invitee.
 */
final class StartupWorkload {

    private static final String ENGINE = "/camunda/api/engine/engine/default";
    private static final String STAFF = "startupstaff";
    private static final String STAFF_PASSWORD = "startup-staff-password";
    private static final String WAITING_PROCESS = "benchmark-waiting";
    private static final int STARTING_THREADS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Onboardings through one bulk upload (the fastest way in, README *Bulk onboarding*) by a staff user the admin
     * creates first, started at the dry run's review; returns once every row is started and every job that
     * could run has run, so every invitation email has gone out.
     */
    static Duration onboardings(int port, String adminPassword, int count) throws Exception {
        CamundaWebappClient admin = new CamundaWebappClient(port);
        assertThat(admin.login("admin", "admin", adminPassword)).as("admin login").isEqualTo(200);
        expect(admin.postJson(ENGINE + "/user/create", """
                {"profile": {"id": "%s", "firstName": "Startup", "lastName": "Staff", "email": "startup-staff@example.test"},
                 "credentials": {"password": "%s"}}""".formatted(STAFF, STAFF_PASSWORD)), 204);
        expect(admin.send("PUT", ENGINE + "/group/" + CamundaAccessSetup.STAFF_GROUP + "/members/" + STAFF, null), 204);

        StringBuilder csv = new StringBuilder("first_name,last_name,email,company,language,roles\n");
        String run = "startup-" + System.nanoTime();
        for (int i = 0; i < count; i++) {
            csv.append("Ada,Lovelace,").append(run).append('-').append(i).append("@example.com,Analytical Engines Ltd,en,portal-user\n");
        }
        long begin = System.nanoTime();
        HttpResponse<String> upload = expect(ScriptClient.as(port, STAFF, STAFF_PASSWORD)
                .post("/bulk-onboardings", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)), 201);
        JsonNode dryRun = JSON.readTree(upload.body());
        assertThat(dryRun.get("rowsValid").asInt()).as(upload.body()).isEqualTo(count);
        String bulk = dryRun.get("bulkId").asText();

        CamundaWebappClient tasklist = new CamundaWebappClient(port);
        assertThat(tasklist.login("tasklist", STAFF, STAFF_PASSWORD)).as("staff login").isEqualTo(200);
        String task = reviewTask(tasklist, bulk, BulkOnboardingProcess.Elements.REVIEW_DRY_RUN);
        expect(tasklist.postJson(ENGINE + "/task/" + task + "/claim", "{\"userId\": \"" + STAFF + "\"}"), 204);
        expect(tasklist.postJson(ENGINE + "/task/" + task + "/submit-form", "{\"variables\": {\""
                + BulkOnboardingProcess.Variables.DECISION + "\": {\"value\": \"" + BulkOnboardingProcess.Decision.START
                + "\", \"type\": \"String\"}}}"), 204);

        // Finished: the bulk waits at its results review and no job is due (every onboarding's email job has run;
        // its two timers are days ahead). A failing email job is due later, so jobs with an exception count too.
        Duration allowed = Duration.ofMinutes(10).plusSeconds(count / 10);
        long deadline = begin + allowed.toNanos();
        while (reviewTask(tasklist, bulk, BulkOnboardingProcess.Elements.REVIEW_RESULTS) == null
                || count(admin, "/job/count?executable=true") > 0 || count(admin, "/job/count?withException=true") > 0) {
            assertThat(count(admin, "/incident/count")).as("incidents (see the process's log)").isZero();
            assertThat(System.nanoTime()).as(count + " onboardings within " + allowed).isLessThan(deadline);
            // The catcher of the production start counts every email; it need not keep them
            TestMailServer.discardReceived();
            Thread.sleep(1000);
        }
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /**
     * Instances of a process that waits seven days at a timer, with the variables an onboarding's start form
     * gives, deployed and started through the webapp's engine API as admin from a few threads at once. The
     * body is not {@code CamundaWebappClient}'s start form: that one submits the onboarding's form with the
     * roles as a Json variable, which the bare webapp (no Spin) cannot store, so here they are text.
     */
    static Duration waitingInstances(int port, int count) throws Exception {
        CamundaWebappClient admin = new CamundaWebappClient(port);
        assertThat(admin.login("cockpit", "admin", "admin")).as("admin login").isEqualTo(200);
        String boundary = "startup-benchmark-" + System.nanoTime();
        String bpmn = Bpmn.convertToString(Bpmn.createExecutableProcess(WAITING_PROCESS).camundaHistoryTimeToLive(180)
                .startEvent().intermediateCatchEvent().timerWithDuration("P7D").endEvent().done());
        expect(admin.post(ENGINE + "/deployment/create", "multipart/form-data; boundary=" + boundary, String.join("\r\n",
                "--" + boundary,
                "Content-Disposition: form-data; name=\"deployment-name\"",
                "",
                WAITING_PROCESS,
                "--" + boundary,
                "Content-Disposition: form-data; name=\"data\"; filename=\"" + WAITING_PROCESS + ".bpmn\"",
                "Content-Type: application/octet-stream",
                "",
                bpmn,
                "--" + boundary + "--",
                "")), 200);
        String run = "startup-" + System.nanoTime();
        return BareEngine.inParallel(count, STARTING_THREADS, i -> expect(admin.postJson(ENGINE + "/process-definition/key/"
                + WAITING_PROCESS + "/start", """
                {"variables": {
                  "firstName": {"value": "Ada", "type": "String"},
                  "lastName": {"value": "Lovelace", "type": "String"},
                  "email": {"value": "%s-%d@example.com", "type": "String"},
                  "company": {"value": "Analytical Engines Ltd", "type": "String"},
                  "language": {"value": "en", "type": "String"},
                  "validityDays": {"value": 7, "type": "Long"},
                  "roles": {"value": "portal-user", "type": "String"}
                }}""".formatted(run, i)), 200));
    }

    /** The id of the bulk's task at that element, or null while it is elsewhere. */
    private static String reviewTask(CamundaWebappClient client, String bulk, String element) throws Exception {
        JsonNode tasks = JSON.readTree(expect(client.get(ENGINE + "/task?processInstanceId=" + bulk
                + "&taskDefinitionKey=" + element), 200).body());
        return tasks.isEmpty() ? null : tasks.get(0).get("id").asText();
    }

    private static long count(CamundaWebappClient client, String query) throws Exception {
        return JSON.readTree(expect(client.get(ENGINE + query), 200).body()).get("count").asLong();
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.request().uri() + ": "
                + response.body()).isEqualTo(status);
        return response;
    }

    private StartupWorkload() {
    }
}
