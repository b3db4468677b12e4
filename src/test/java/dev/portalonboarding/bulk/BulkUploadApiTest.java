package dev.portalonboarding.bulk;

import static dev.portalonboarding.bulk.BulkOnboardingProcess.Elements.REVIEW_DRY_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.CamundaWebappClient;
import dev.portalonboarding.support.ScriptClient;

/** Scripts upload a bulk onboarding file over HTTP with HTTP Basic; staff review its dry run in Tasklist as usual. */
class BulkUploadApiTest extends BulkOnboardingTestBase {

    private static final String STAFF = "bulkscript";
    /** Staff whose grant to start bulk onboardings an administrator revoked. */
    private static final String REVOKED_STAFF = "bulkscriptrevoked";
    private static final String CSV = "text/csv";

    @Autowired
    ObjectMapper json;

    @BeforeEach
    void users() {
        user(STAFF, CamundaAccessSetup.STAFF_GROUP);
        if (user(REVOKED_STAFF, CamundaAccessSetup.STAFF_GROUP)) {
            revoke(REVOKED_STAFF, BulkOnboardingProcess.PROCESS_KEY, ProcessDefinitionPermissions.CREATE_INSTANCE);
        }
    }

    @Test
    void aScriptUploadsAFileAndStaffReviewTheDryRunInTasklist() throws IOException {
        String first = uniqueEmail("script-first");
        String second = uniqueEmail("script-second");
        String csv = HEADER + "Ada,Lovelace," + first + ",Contoso,en,portal-user\n"
                + "Grace,Hopper," + second + ",Navy,en,portal-user\n"
                + "Bad,Email,not-an-email,Contoso,en,portal-user\n"
                + "Dup,Licate," + first + ",Contoso,en,portal-user\n";

        var response = ScriptClient.as(port, STAFF, PASSWORD).post("/bulk-onboardings?validityDays=14", CSV, bytes(csv));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        ProcessInstance bulk = bulkWithRow(first);
        String rowsCsv = "https://portal.example.test" + BulkReportController.path(bulk.getId());
        assertThat(response.headers().firstValue("Location")).hasValue(rowsCsv);
        assertThat(response.headers().firstValue("Set-Cookie")).as("stateless: no session").isEmpty();
        assertThat(json.readTree(response.body())).isEqualTo(json.readTree("""
                {"bulkId": "%s", "rowsTotal": 4, "rowsValid": 2, "rowsInvalid": 1, "rowsDuplicate": 1,
                 "rowsAlreadyActive": 0, "rowsAlreadyRunning": 0, "rowsCsv": "%s"}""".formatted(bulk.getId(), rowsCsv)));

        // The same process and File variable as Tasklist's start form, started by the caller
        assertThat(bulk).isWaitingAt(REVIEW_DRY_RUN).variables()
                .containsEntry(OnboardingProcess.Variables.STARTED_BY, STAFF)
                .containsEntry(OnboardingProcess.Variables.VALIDITY_DAYS, 14);
        FileValue file = processEngine.getRuntimeService().getVariableTyped(bulk.getId(),
                BulkOnboardingProcess.Variables.BULK_FILE);
        assertThat(file.getMimeType()).isEqualTo(CSV);
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(bulk.getId()).singleResult().getStartUserId()).isEqualTo(STAFF);

        // The rowsCsv works with the upload's credentials, and with a Tasklist login
        var rows = ScriptClient.as(port, STAFF, PASSWORD).get(URI.create(rowsCsv).getPath());
        assertThat(rows.statusCode()).isEqualTo(200);
        assertThat(rows.headers().firstValue("Set-Cookie")).as("stateless: no session").isEmpty();
        assertThat(rows.body()).contains("\"" + second + "\"", "\"DUPLICATE\",\"SKIPPED\",\"same email as line 2\"");
        CamundaWebappClient tasklist = new CamundaWebappClient(port);
        tasklist.login("tasklist", STAFF, PASSWORD);
        assertThat(tasklist.get(BulkReportController.path(bulk.getId())).body()).isEqualTo(rows.body());
    }

    @Test
    void withoutValidityDaysTheInvitationsAreValidForTheFormsDefaultOfSevenDays() {
        String email = uniqueEmail("script-default");

        var response = ScriptClient.as(port, STAFF, PASSWORD).post("/bulk-onboardings", CSV,
                bytes(HEADER + "Ada,Lovelace," + email + ",Contoso,en,portal-user\n"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(bulkWithRow(email)).variables().containsEntry(OnboardingProcess.Variables.VALIDITY_DAYS, 7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsRefusedWithTheMessageTasklistShowsAndLeavesNothing(String description, byte[] file, String message)
            throws IOException {
        long bulksBefore = bulksStarted();
        long rowsBefore = rowsStored();

        var response = ScriptClient.as(port, STAFF, PASSWORD).post("/bulk-onboardings", CSV, file);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(problem(response)).startsWith("Bulk onboarding file refused: ").contains(message);
        assertThat(bulksStarted()).isEqualTo(bulksBefore);
        assertThat(rowsStored()).isEqualTo(rowsBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "31", "-1", "seven", "2.5"})
    void aValidityOutsideOneToThirtyDaysIsRefused(String validityDays) throws IOException {
        long bulksBefore = bulksStarted();

        var response = ScriptClient.as(port, STAFF, PASSWORD).post("/bulk-onboardings?validityDays=" + validityDays,
                CSV, bytes(HEADER + "Ada,Lovelace," + uniqueEmail("script-validity") + ",Contoso,en,portal-user\n"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(problem(response)).contains("validityDays");
        assertThat(bulksStarted()).isEqualTo(bulksBefore);
    }

    @Test
    void aFileOverTheStartFormsLimitIsRefusedAsTooLarge() throws IOException {
        try (InputStream form = getClass().getResourceAsStream("/processes/bulk/bulk-onboarding-start.html")) {
            assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("cam-max-filesize=\"" + BulkOnboardingProcess.MAX_FILE_BYTES + "\"");
        }
        byte[] file = new byte[BulkOnboardingProcess.MAX_FILE_BYTES + 1];
        Arrays.fill(file, (byte) 'x');
        long bulksBefore = bulksStarted();

        var response = ScriptClient.as(port, STAFF, PASSWORD).post("/bulk-onboardings", CSV, file);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(problem(response)).contains("larger than 15000000 bytes");
        assertThat(bulksStarted()).isEqualTo(bulksBefore);
    }

    @Test
    void onlyCsvIsAnUploadSoNoFormOfAnotherSiteCanPostOne() {
        long bulksBefore = bulksStarted();
        String csv = HEADER + "Ada,Lovelace," + uniqueEmail("script-form") + ",Contoso,en,portal-user\n";
        ScriptClient staff = ScriptClient.as(port, STAFF, PASSWORD);

        // What an HTML form can send: these three content types, never text/csv
        assertThat(staff.post("/bulk-onboardings", "text/plain", bytes(csv)).statusCode()).isEqualTo(415);
        assertThat(staff.post("/bulk-onboardings", "application/x-www-form-urlencoded", bytes("file=" + csv))
                .statusCode()).isEqualTo(415);
        assertThat(staff.post("/bulk-onboardings", "multipart/form-data; boundary=form", bytes("""
                --form\r
                Content-Disposition: form-data; name="file"; filename="users.csv"\r
                Content-Type: text/csv\r
                \r
                %s\r
                --form--\r
                """.formatted(csv))).statusCode()).isEqualTo(415);
        assertThat(bulksStarted()).isEqualTo(bulksBefore);
    }

    @Test
    void theEnginesGrantsApply() throws IOException {
        long bulksBefore = bulksStarted();

        var response = ScriptClient.as(port, REVOKED_STAFF, PASSWORD).post("/bulk-onboardings", CSV,
                bytes(HEADER + "Ada,Lovelace," + uniqueEmail("script-revoked") + ",Contoso,en,portal-user\n"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(problem(response)).contains(REVOKED_STAFF, "CREATE_INSTANCE", BulkOnboardingProcess.PROCESS_KEY);
        assertThat(bulksStarted()).isEqualTo(bulksBefore);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The detail of a problem answer (RFC 9457). */
    private String problem(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
        return problem.get("detail").asText();
    }
}
