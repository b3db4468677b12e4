package dev.portalonboarding.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portalonboarding.bulk.BulkOnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.RejectedRequestException;
import dev.portalonboarding.support.CamundaWebappClient;
import dev.portalonboarding.support.OnboardingTestBase;

/**
 * What a hostile signed-in user tried against the webapps' engine API (issue 9), over HTTP: no
 * expression in a query runs, no client-chosen class is stored, and every refusal is a 400 with our
 * message first, no Java class in the body and one log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class EngineHardeningTest extends OnboardingTestBase {

    private static final String STAFF = "hardeningstaff";
    private static final String AUDITOR = "hardeningauditor";
    private static final String ENGINE = "/camunda/api/engine/engine/default";
    private static final String EVALUATED = "engine-hardening-test.expression-evaluated";
    /** Would set a system property if the engine evaluated it. */
    private static final String SIDE_EFFECT = "${''.getClass().forName('java.lang.System').getMethod('setProperty', "
            + "''.getClass(), ''.getClass()).invoke(null, '" + EVALUATED + "', 'yes')}";
    private static final String OR_QUERY_WITH_EXPRESSION =
            "{\"orQueries\":[{\"assigneeExpression\":\"" + SIDE_EFFECT + "\"}]}";

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void users() {
        user(STAFF, CamundaAccessSetup.STAFF_GROUP);
        user(AUDITOR, CamundaAccessSetup.AUDITOR_GROUP);
        System.clearProperty(EVALUATED);
    }

    @AfterEach
    void clearSideEffect() {
        System.clearProperty(EVALUATED);
    }

    @Test
    void anExpressionInAnOrQueryOfAnAdHocTaskQueryIsRefusedUnevaluated() {
        for (CamundaWebappClient client : new CamundaWebappClient[] {staff(), auditor()}) {
            assertRefused(client.postJson(ENGINE + "/task", OR_QUERY_WITH_EXPRESSION), "Expressions are not allowed in queries.");
            assertRefused(client.postJson(ENGINE + "/task/count", OR_QUERY_WITH_EXPRESSION),
                    "Expressions are not allowed in queries.");
        }
        assertThat(System.getProperty(EVALUATED)).as("the expression ran").isNull();
    }

    @Test
    void anExpressionInAnOrQueryThroughAFilterIsRefusedUnevaluated() {
        String filterId = processEngine.getFilterService().createFilterQuery()
                .filterName(CamundaAccessSetup.ALL_ONBOARDING_TASKS_FILTER).singleResult().getId();
        CamundaWebappClient staff = staff();

        assertRefused(staff.postJson(ENGINE + "/filter/" + filterId + "/list", OR_QUERY_WITH_EXPRESSION),
                "Expressions are not allowed in queries.");
        assertRefused(staff.postJson(ENGINE + "/filter/" + filterId + "/count", OR_QUERY_WITH_EXPRESSION),
                "Expressions are not allowed in queries.");
        assertThat(System.getProperty(EVALUATED)).as("the expression ran").isNull();
        assertThat(staff.postJson(ENGINE + "/filter/" + filterId + "/count", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void aFilterStoredWithAnExpressionBeforeThisCheckDoesNotRunIt() {
        Filter filter = processEngine.getFilterService().saveFilter(processEngine.getFilterService()
                .newTaskFilter("stored before the check").setQuery(processEngine.getTaskService().createTaskQuery()));
        String stored = "{\"orQueries\":[{\"taskAssigneeExpression\":\"" + SIDE_EFFECT + "\"}]}";
        jdbc.sql("update act_ru_filter set query_ = ? where id_ = ?").params(stored, filter.getId()).update();
        try {
            TaskQueryImpl query = processEngine.getFilterService().getFilter(filter.getId()).getQuery();
            assertThat(query.getQueries().get(1).getExpressions()).as("the filter as stored").isNotEmpty();
            CamundaWebappClient admin = admin();
            assertRefused(admin.postJson(ENGINE + "/filter/" + filter.getId() + "/list", "{}"),
                    "Expressions are not allowed in queries.");
            assertRefused(admin.get(ENGINE + "/filter/" + filter.getId() + "/count"), "Expressions are not allowed in queries.");
            assertThat(System.getProperty(EVALUATED)).as("the expression ran").isNull();
        } finally {
            processEngine.getFilterService().deleteFilter(filter.getId());
        }
    }

    @Test
    void aFilterWithAnExpressionCannotBeSaved() {
        String orQuery = """
                {"resourceType": "Task", "name": "hostile", "query": %s}""".formatted(OR_QUERY_WITH_EXPRESSION);
        String topLevel = """
                {"resourceType": "Task", "name": "hostile", "query": {"assigneeExpression": "${currentUser()}"}}""";
        long filters = processEngine.getFilterService().createFilterQuery().count();

        assertRefused(admin().postJson(ENGINE + "/filter/create", orQuery), "Expressions are not allowed in queries.");
        assertRefused(admin().postJson(ENGINE + "/filter/create", topLevel), "Expressions are not allowed in queries.");
        assertThat(processEngine.getFilterService().createFilterQuery().count()).isEqualTo(filters);
    }

    @Test
    void anObjectTypedVariableIsRefusedAndNothingIsCreated(CapturedOutput output) {
        String email = uniqueEmail("object-variable");
        HttpResponse<String> response = staff().postJson(ENGINE + "/process-definition/key/"
                + OnboardingProcess.PROCESS_KEY + "/submit-form", """
                {"variables": {
                  "firstName": {"type": "Object", "value": "\\"x.txt\\"",
                    "valueInfo": {"objectTypeName": "java.io.File", "serializationDataFormat": "application/json"}},
                  "lastName": {"value": "Hopper", "type": "String"},
                  "email": {"value": "%s", "type": "String"},
                  "company": {"value": "Navy", "type": "String"},
                  "language": {"value": "en", "type": "String"},
                  "roles": {"value": "[\\"portal-user\\"]", "type": "Json"}
                }}""".formatted(email));

        assertRefused(response, "Variables of type Object are not accepted.");
        assertNothingCreatedFor(email);
        assertNoStackTrace(output);
    }

    @Test
    void aRefusedStartAnswers400WithOurMessageAndLogsOneLine(CapturedOutput output) {
        String email = "not-an-address";
        HttpResponse<String> response = staff().submitOnboardingStartForm(email);

        assertRefused(response, "Invalid onboarding request: email must be a valid email address");
        assertNothingCreatedFor(email);
        String log = output.getAll();
        assertThat(log).contains("Refused POST /camunda/api/engine/engine/default/process-definition/key/"
                + OnboardingProcess.PROCESS_KEY + "/submit-form by " + STAFF + ": Invalid onboarding request: email");
        assertNoStackTrace(output);
    }

    @Test
    void anAuthorizationRefusalKeepsTheTypeTheWebappsRead() {
        HttpResponse<String> start = auditor().submitOnboardingStartForm(uniqueEmail("auditor"));

        assertThat(start.statusCode()).isEqualTo(403);
        assertThat(json(start).path("type").asText()).isEqualTo("AuthorizationException");
    }

    @Test
    void aMalformedBodyIsA400WithoutJavaNames() {
        HttpResponse<String> response = staff().postJson(ENGINE + "/task", "{\"orQueries\": {\"a\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertNoJavaNames(response);
        HttpResponse<String> mismatched = staff().postJson(ENGINE + "/task", "{\"orQueries\": \"text\"}");
        assertThat(mismatched.statusCode()).isEqualTo(400);
        assertNoJavaNames(mismatched);
    }

    @Test
    void theJavaApiRefusesExpressionsInOrQueriesToo() {
        TaskService tasks = processEngine.getTaskService();
        assertThatThrownBy(() -> tasks.createTaskQuery().or().taskAssigneeExpression(SIDE_EFFECT).endOr().list())
                .isInstanceOf(RejectedRequestException.class).hasMessage("Expressions are not allowed in queries.");
        Filter filter = processEngine.getFilterService().newTaskFilter("hostile")
                .setQuery(tasks.createTaskQuery().or().taskAssigneeExpression(SIDE_EFFECT).endOr());
        assertThatThrownBy(() -> processEngine.getFilterService().saveFilter(filter))
                .isInstanceOf(RejectedRequestException.class);
        assertThat(System.getProperty(EVALUATED)).as("the expression ran").isNull();
    }

    @Test
    void anObjectTypedVariableCannotBeWrittenIntoARunningOnboardingEither() {
        String onboardingId = startOnboarding(onboardingForm(uniqueEmail("object-update"))).getId();

        HttpResponse<String> response = admin().postJson(ENGINE + "/process-instance/" + onboardingId + "/variables", """
                {"modifications": {"note": {"type": "Object", "value": "\\"x.txt\\"",
                  "valueInfo": {"objectTypeName": "java.io.File", "serializationDataFormat": "application/json"}}}}""");

        assertRefused(response, "Variables of type Object are not accepted.");
        assertThatThrownBy(() -> processEngine.getRuntimeService().setVariable(onboardingId, "note",
                Variables.serializedObjectValue("\"x.txt\"").objectTypeName("java.io.File")
                        .serializationDataFormat("application/json").create()))
                .isInstanceOf(RejectedRequestException.class).hasMessage("Variables of type Object are not accepted.");
        assertThat(processEngine.getRuntimeService().getVariable(onboardingId, "note")).isNull();
        processEngine.getRuntimeService().deleteProcessInstance(onboardingId, "test done");
    }

    @Test
    void aBulkFileSentAsTextIsRefused() {
        long bulks = bulkCount();
        HttpResponse<String> response = staff().postJson(ENGINE + "/process-definition/key/"
                + BulkOnboardingProcess.PROCESS_KEY + "/submit-form", """
                {"variables": {"bulkFile": {"value": "first_name,last_name", "type": "String"}}}""");

        assertRefused(response, "Bulk onboarding file refused: choose a CSV file to upload.");
        assertThat(bulkCount()).isEqualTo(bulks);
    }

    @Test
    void anUnknownDryRunDecisionIsRefusedAndTheReviewStaysOpen(CapturedOutput output) {
        ProcessInstance bulk = bulkAtItsDryRun("bulk-decision");
        Task review = processEngine.getTaskService().createTaskQuery().processInstanceId(bulk.getId()).singleResult();

        HttpResponse<String> response = staff().postJson(ENGINE + "/task/" + review.getId() + "/submit-form", """
                {"variables": {"bulkDecision": {"value": "maybe", "type": "String"}}}""");

        assertRefused(response, "Choose start or cancel as bulkDecision.");
        assertNoStackTrace(output);
        assertThat(processEngine.getTaskService().createTaskQuery().taskId(review.getId()).count()).isEqualTo(1);
        processEngine.getRuntimeService().deleteProcessInstance(bulk.getId(), "test done");
    }

    @Test
    void aTaskCompletionWithAVariableItsFormDoesNotHaveIsRefused(CapturedOutput output) {
        ProcessInstance bulk = bulkAtItsDryRun("bulk-unknown");
        Task review = processEngine.getTaskService().createTaskQuery().processInstanceId(bulk.getId()).singleResult();
        String forged = """
                {"variables": {"bulkDecision": {"value": "cancel", "type": "String"},
                  "startedBy": {"value": "admin", "type": "String"}}}""";

        for (String action : List.of("/submit-form", "/complete")) {
            assertRefused(staff().postJson(ENGINE + "/task/" + review.getId() + action, forged),
                    "Unknown field \"startedBy\": this task takes only bulkDecision.");
        }
        assertNoStackTrace(output);
        assertThat(processEngine.getTaskService().createTaskQuery().taskId(review.getId()).count()).isEqualTo(1);
        assertThat(processEngine.getRuntimeService().getVariable(bulk.getId(), OnboardingProcess.Variables.STARTED_BY))
                .isEqualTo(STAFF);
        processEngine.getRuntimeService().deleteProcessInstance(bulk.getId(), "test done");
    }

    @Test
    void staffCannotWriteVariablesThroughTheirTaskAndTheAuditStandsWhileAdminsMayInCockpit(CapturedOutput output) {
        ProcessInstance onboarding = onboardingAtReview(uniqueEmail("variable-write"));
        Task review = processEngine.getTaskService().createTaskQuery().processInstanceId(onboarding.getId()).singleResult();
        String context = reviewContext(review);
        String task = ENGINE + "/task/" + review.getId();
        String admin = "{\"value\": \"admin\", \"type\": \"String\"}";
        String modifications = "{\"modifications\": {\"startedBy\": " + admin + ", \"reviewContext\": " + admin + "}}";
        CamundaWebappClient staff = staff();

        assertRefused(staff.send("PUT", task + "/variables/startedBy", admin), VariableWriteGuard.REFUSAL);
        assertRefused(staff.send("POST", task + "/variables", modifications), VariableWriteGuard.REFUSAL);
        assertRefused(staff.send("POST", task + "/variables", "{\"deletions\": [\"startedBy\"]}"), VariableWriteGuard.REFUSAL);
        assertRefused(staff.send("DELETE", task + "/variables/startedBy", null), VariableWriteGuard.REFUSAL);
        assertRefused(staff.send("PUT", task + "/localVariables/reviewContext", admin), VariableWriteGuard.REFUSAL);
        assertRefused(staff.send("POST", task + "/localVariables", modifications), VariableWriteGuard.REFUSAL);
        assertRefused(staff.send("DELETE", task + "/localVariables/reviewContext", null), VariableWriteGuard.REFUSAL);
        assertRefused(staff.post(task + "/localVariables/reviewContext/data", "multipart/form-data; boundary=XX", """
                --XX\r
                Content-Disposition: form-data; name="data"; filename="context.txt"\r
                Content-Type: text/plain\r
                \r
                Started by: admin\r
                --XX\r
                Content-Disposition: form-data; name="valueType"\r
                \r
                Bytes\r
                --XX--\r
                """), VariableWriteGuard.REFUSAL);
        // The process instance itself: staff and auditors have no grant to update it
        assertThat(staff.send("PUT", ENGINE + "/process-instance/" + onboarding.getId() + "/variables/startedBy", admin)
                .statusCode()).isEqualTo(400);
        CamundaWebappClient auditor = auditor();
        assertThat(auditor.send("PUT", task + "/variables/startedBy", admin).statusCode()).isEqualTo(400);
        assertThat(auditor.send("POST", ENGINE + "/process-instance/" + onboarding.getId() + "/variables", modifications)
                .statusCode()).isEqualTo(400);

        assertThat(processEngine.getRuntimeService().getVariable(onboarding.getId(), OnboardingProcess.Variables.STARTED_BY))
                .as("the refused writes created nothing").isNull();
        assertThat(reviewContext(review)).isEqualTo(context);
        assertThat(output.getAll()).contains("Refused PUT " + task + "/variables/startedBy by " + STAFF + ": "
                + VariableWriteGuard.REFUSAL);
        assertNoStackTrace(output);

        // The service's own write from the portal runs without a signed-in user
        processEngine.getTaskService().setVariableLocal(review.getId(), OnboardingProcess.Variables.NEW_INVITATION_REQUESTED, true);
        // An admin may correct a variable in Cockpit; the operation log names the admin
        assertThat(admin().send("PUT", ENGINE + "/process-instance/" + onboarding.getId() + "/variables/note", admin)
                .statusCode()).isEqualTo(204);
        assertThat(processEngine.getRuntimeService().getVariable(onboarding.getId(), "note")).isEqualTo("admin");
        processEngine.getRuntimeService().deleteProcessInstance(onboarding.getId(), "test done");
    }

    @Test
    void theJavaApiRefusesASignedInUsersVariableWriteToo() {
        ProcessInstance onboarding = onboardingAtReview(uniqueEmail("variable-write-java"));
        Object contactId = processEngine.getRuntimeService().getVariable(onboarding.getId(),
                OnboardingProcess.Variables.CONTACT_ID);
        processEngine.getIdentityService().setAuthentication(STAFF, List.of(CamundaAccessSetup.STAFF_GROUP));
        try {
            assertThatThrownBy(() -> processEngine.getRuntimeService().setVariable(onboarding.getId(),
                    OnboardingProcess.Variables.CONTACT_ID, "another contact"))
                    .isInstanceOf(RejectedRequestException.class).hasMessage(VariableWriteGuard.REFUSAL);
            assertThatThrownBy(() -> processEngine.getRuntimeService().removeVariable(onboarding.getId(),
                    OnboardingProcess.Variables.CONTACT_ID))
                    .isInstanceOf(RejectedRequestException.class).hasMessage(VariableWriteGuard.REFUSAL);
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
        assertThat(processEngine.getRuntimeService().getVariable(onboarding.getId(), OnboardingProcess.Variables.CONTACT_ID))
                .isEqualTo(contactId);
        processEngine.getRuntimeService().deleteProcessInstance(onboarding.getId(), "test done");
    }

    /** An onboarding started by staff whose invitation expired: its review task is open. */
    private ProcessInstance onboardingAtReview(String email) {
        processEngine.getIdentityService().setAuthentication(STAFF, List.of(CamundaAccessSetup.STAFF_GROUP));
        ProcessInstance onboarding;
        try {
            onboarding = startOnboarding(onboardingForm(email));
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
        execute(job(OnboardingProcess.Elements.SEND_INVITATION_EMAIL, onboarding));
        execute(job(OnboardingProcess.Elements.EXPIRY_TIMER, onboarding));
        return onboarding;
    }

    private String reviewContext(Task review) {
        return (String) processEngine.getTaskService().getVariableLocal(review.getId(), OnboardingProcess.Variables.REVIEW_CONTEXT);
    }

    private long bulkCount() {
        return processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(BulkOnboardingProcess.PROCESS_KEY).count();
    }

    private void assertRefused(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("message").asText()).startsWith(message);
        assertNoJavaNames(response);
    }

    private static void assertNoStackTrace(CapturedOutput output) {
        assertThat(output.getAll()).doesNotContain("ENGINE-16004", "\tat org.camunda", "ENGINE-REST-HTTP");
    }

    private static void assertNoJavaNames(HttpResponse<String> response) {
        assertThat(response.body()).doesNotContainPattern("Exception|java\\.|org\\.camunda|Cannot instantiate");
    }

    private void assertNothingCreatedFor(String email) {
        // Every onboarding that committed has a contact: Create contact runs in the start's transaction
        assertThat(contactByEmail(email)).isEmpty();
        assertThat(mailsTo(email)).isEmpty();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }

    private CamundaWebappClient staff() {
        CamundaWebappClient client = new CamundaWebappClient(port);
        assertThat(client.login("tasklist", STAFF, PASSWORD)).isEqualTo(200);
        return client;
    }

    private CamundaWebappClient auditor() {
        CamundaWebappClient client = new CamundaWebappClient(port);
        assertThat(client.login("cockpit", AUDITOR, PASSWORD)).isEqualTo(200);
        return client;
    }

    private CamundaWebappClient admin() {
        CamundaWebappClient client = new CamundaWebappClient(port);
        assertThat(client.login("admin", "admin", "admin-secret")).isEqualTo(200);
        return client;
    }

    /** A bulk of one row, started by staff, waiting at its dry-run review. */
    private ProcessInstance bulkAtItsDryRun(String name) {
        String csv = "first_name,last_name,email,company,language,roles\nAda,Lovelace,"
                + uniqueEmail(name) + ",Engines,en,portal-user\n";
        processEngine.getIdentityService().setAuthentication(STAFF, List.of(CamundaAccessSetup.STAFF_GROUP));
        try {
            return processEngine.getRuntimeService().startProcessInstanceByKey(BulkOnboardingProcess.PROCESS_KEY,
                    Variables.createVariables().putValue(BulkOnboardingProcess.Variables.BULK_FILE,
                            Variables.fileValue("rows.csv").file(csv.getBytes(StandardCharsets.UTF_8)).mimeType("text/csv")));
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
    }
}
