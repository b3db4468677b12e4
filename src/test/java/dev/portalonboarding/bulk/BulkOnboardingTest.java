package dev.portalonboarding.bulk;

import static dev.portalonboarding.bulk.BulkOnboardingProcess.Elements.END_CANCELLED;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Elements.END_DONE;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Elements.REVIEW_DRY_RUN;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Elements.REVIEW_RESULTS;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Elements.START_NEXT_BATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import dev.portalonboarding.bulk.BulkOnboardingProcess.Decision;
import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactEvent;
import dev.portalonboarding.contact.ContactEventType;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.contact.ContactStatus;
import dev.portalonboarding.invitation.InvitationEvent;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.RejectedRequestException;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.CamundaWebappClient;

/** A bulk onboarding from upload through dry run, batches and results, its bad files and its report download. */
class BulkOnboardingTest extends BulkOnboardingTestBase {

    private static final String STAFF = "bulkstaff";
    private static final String AUDITOR = "bulkauditor";

    @Autowired
    ContactRepository contacts;
    @Autowired
    InvitationEvents events;

    @BeforeEach
    void users() {
        user(STAFF, CamundaAccessSetup.STAFF_GROUP);
        user(AUDITOR, CamundaAccessSetup.AUDITOR_GROUP);
    }

    @Test
    void startsTheValidRowsAfterTheDryRunAndReportsEveryRow() {
        String prefix = "bulk-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> valid = IntStream.range(0, 12).mapToObj(i -> prefix + i + "@example.com").toList();
        String active = activeContact(prefix + "active@example.com");
        String running = prefix + "running@example.com";
        startOnboarding(onboardingForm(running));
        String formula = prefix + "formula@example.com";

        StringBuilder csv = new StringBuilder(HEADER);
        valid.forEach(email -> csv.append("Ada,Lovelace,").append(email.toUpperCase()).append(",\"Engines, Ltd\",en,portal-user;order-viewer\n"));
        csv.append("Bad,Email,not-an-email,Contoso,en,portal-user\n")
                .append("Long,").append("x".repeat(101)).append(",").append(prefix).append("long@example.com,Contoso,en,portal-user\n")
                .append("French,User,").append(prefix).append("fr@example.com,Contoso,fr,\n")
                .append("Too,Few,").append(prefix).append("few@example.com\n")
                .append("Dup,Licate,").append(valid.get(1)).append(",Contoso,de,portal-user\n")
                .append("Already,Active,").append(active).append(",Contoso,en,portal-user\n")
                .append("Already,Running,").append(running).append(",Contoso,en,portal-user\n")
                .append("Formula,Company,").append(formula).append(",\"=cmd|' /C calc'!A0\",en,portal-user\n");

        ProcessInstance bulk = startBulkAs(STAFF, csv.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(bulk).isWaitingAt(REVIEW_DRY_RUN).variables()
                .containsEntry("rowsTotal", 20)
                .containsEntry("rowsValid", 13)
                .containsEntry("rowsInvalid", 4)
                .containsEntry("rowsDuplicate", 1)
                .containsEntry("rowsAlreadyActive", 1)
                .containsEntry("rowsAlreadyRunning", 1)
                .containsEntry(OnboardingProcess.Variables.STARTED_BY, STAFF);
        String dryRun = staffClient().get(BulkReportController.path(bulk.getId())).body();
        assertThat(dryRun)
                .contains("\"15\",\"" + prefix + "long@example.com\"", "lastName size must be between 0 and 100")
                .contains("\"16\",\"" + prefix + "fr@example.com\"", "language must be en or de")
                .contains("the line has 3 fields, the header 6")
                .contains("\"DUPLICATE\",\"SKIPPED\",\"same email as line 3\"")
                .contains("\"ALREADY_ACTIVE\",\"SKIPPED\",\"already belongs to an active portal user\"")
                .contains("\"ALREADY_RUNNING\",\"SKIPPED\",\"an onboarding is already running");
        assertThat(onboardingsOf(bulk)).isZero();

        complete(task(bulk), withVariables(BulkOnboardingProcess.Variables.DECISION, Decision.START));
        assertThat(bulk).isWaitingAt(START_NEXT_BATCH);
        runBatches(bulk);

        assertThat(bulk).isWaitingAt(REVIEW_RESULTS).variables()
                .containsEntry("rowsStarted", 13)
                .containsEntry("rowsSkipped", 7);
        assertThat(onboardingsOf(bulk)).isEqualTo(13);
        for (String email : Stream.concat(valid.stream(), Stream.of(formula)).toList()) {
            ProcessInstance onboarding = runningOnboardingOf(email);
            assertThat(onboarding).hasVariables(OnboardingProcess.Variables.CONTACT_ID);
            assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                    .processInstanceId(onboarding.getId()).singleResult().getStartUserId()).isEqualTo(STAFF);
            execute(job(OnboardingProcess.Elements.SEND_INVITATION_EMAIL, onboarding));
            assertThat(mailsTo(email)).hasSize(1);
        }
        assertThat(contactByEmail(valid.get(0)).orElseThrow().company()).isEqualTo("Engines, Ltd");

        String results = staffClient().get(BulkReportController.path(bulk.getId())).body();
        assertThat(results.lines().filter(line -> line.contains("\"STARTED\""))).hasSize(13);
        assertThat(results).contains("\"'=cmd|' /C calc'!A0\"").doesNotContain(",\"=cmd");

        complete(task(bulk));
        assertThat(bulk).isEnded().hasPassed(END_DONE);
    }

    @Test
    void cancellingAfterTheDryRunStartsNothing() {
        String email = uniqueEmail("cancelled");
        ProcessInstance bulk = startBulkAs(STAFF, (HEADER + "Ada,Lovelace," + email + ",Contoso,en,portal-user\n")
                .getBytes(StandardCharsets.UTF_8));

        complete(task(bulk), withVariables(BulkOnboardingProcess.Variables.DECISION, Decision.CANCEL));

        assertThat(bulk).isEnded().hasPassed(END_CANCELLED);
        assertThat(onboardingsOf(bulk)).isZero();
        assertThat(contactByEmail(email)).isEmpty();
        assertThat(rowStatuses(bulk)).containsExactly(BulkRowStatus.CANCELLED.name());
    }

    @Test
    void aRowThatBecameActiveAfterTheDryRunIsSkippedWithTheOnboardingsReason() {
        String email = uniqueEmail("late-active");
        ProcessInstance bulk = startBulkAs(STAFF, (HEADER + "Ada,Lovelace," + email + ",Contoso,en,portal-user\n")
                .getBytes(StandardCharsets.UTF_8));
        activeContact(email);

        complete(task(bulk), withVariables(BulkOnboardingProcess.Variables.DECISION, Decision.START));
        runBatches(bulk);

        assertThat(bulk).variables().containsEntry("rowsStarted", 0).containsEntry("rowsSkipped", 1);
        assertThat(staffClient().get(BulkReportController.path(bulk.getId())).body())
                .contains("\"SKIPPED\",\"Contact " + contactByEmail(email).orElseThrow().id()
                        + " is already an active portal user; no invitation was sent.");
    }

    @Test
    void aRowWithARoleOutsideTheCatalogueIsInvalid() {
        String email = uniqueEmail("superadmin");
        ProcessInstance bulk = startBulkAs(STAFF, (HEADER + "Ada,Lovelace," + email + ",Contoso,en,portal-user;superadmin\n"
                + "No,Roles," + uniqueEmail("no-roles") + ",Contoso,en,\n").getBytes(StandardCharsets.UTF_8));

        assertThat(bulk).variables().containsEntry("rowsValid", 0).containsEntry("rowsInvalid", 2);
        assertThat(staffClient().get(BulkReportController.path(bulk.getId())).body())
                .contains("\"INVALID\",\"SKIPPED\",\"roles has the unknown role \"\"superadmin\"\" (known: portal-user, order-viewer")
                .contains("roles must name at least one role");
    }

    @Test
    void theOnboardingsOfABulkRecordItsUploaderAsInitiator() {
        String email = uniqueEmail("uploader");
        ProcessInstance bulk = startBulkAs(STAFF, (HEADER + "Ada,Lovelace," + email + ",Contoso,en,portal-user\n")
                .getBytes(StandardCharsets.UTF_8));

        complete(task(bulk), withVariables(BulkOnboardingProcess.Variables.DECISION, Decision.START));
        runBatches(bulk);

        ProcessInstance onboarding = runningOnboardingOf(email);
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(onboarding.getId()).singleResult().getStartUserId()).isEqualTo(STAFF);
        assertThat(contactEvents.findForOnboarding(UUID.fromString(onboarding.getBusinessKey()), onboarding.getId()))
                .extracting(ContactEvent::type, ContactEvent::actor, ContactEvent::detail)
                .containsExactly(tuple(ContactEventType.REQUESTED, STAFF, "Ada Lovelace, Contoso; language en; roles portal-user"));
        assertThat(onboarding.getBusinessKey()).as("the contact id, as for a single start")
                .isEqualTo(contactByEmail(email).orElseThrow().id().toString());
        assertThat(events.findByProcessInstance(onboarding.getId()))
                .filteredOn(event -> event.type() == InvitationEventType.CREATED)
                .extracting(InvitationEvent::actor).containsExactly(STAFF);
        // The job ran as the uploader and gave the thread back as it found it
        assertThat(processEngine.getIdentityService().getCurrentAuthentication()).isNull();
    }

    @Test
    void anUploaderWhoMayNoLongerStartOnboardingsGetsTheRowsSkipped() {
        String uploader = "bulkrevoked";
        user(uploader, CamundaAccessSetup.STAFF_GROUP);
        String email = uniqueEmail("uploader-revoked");
        ProcessInstance bulk = startBulkAs(uploader, (HEADER + "Ada,Lovelace," + email + ",Contoso,en,portal-user\n")
                .getBytes(StandardCharsets.UTF_8));
        revoke(uploader, OnboardingProcess.PROCESS_KEY, Permissions.CREATE_INSTANCE);

        complete(task(bulk), withVariables(BulkOnboardingProcess.Variables.DECISION, Decision.START));
        runBatches(bulk);

        assertThat(bulk).variables().containsEntry("rowsStarted", 0).containsEntry("rowsSkipped", 1);
        assertThat(contactByEmail(email)).isEmpty();
        assertThat(staffClient().get(BulkReportController.path(bulk.getId())).body())
                .contains("\"SKIPPED\",\"not started: " + uploader + " may no longer start Portal user onboardings");
    }

    @Test
    void aStartWithVariablesOutsideTheFormIsRefused() {
        long bulksBefore = bulksStarted();
        processEngine.getIdentityService().setAuthentication(STAFF, List.of(CamundaAccessSetup.STAFF_GROUP));

        assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey(
                BulkOnboardingProcess.PROCESS_KEY, Variables.createVariables()
                        .putValue(BulkOnboardingProcess.Variables.BULK_FILE, Variables.fileValue("users.csv")
                                .file((HEADER + "Ada,Lovelace," + uniqueEmail("forged") + ",Contoso,en,portal-user\n")
                                        .getBytes(StandardCharsets.UTF_8)).create())
                        .putValue(OnboardingProcess.Variables.STARTED_BY, "admin")
                        .putValue("starters", 32)))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageContaining("unknown field \"starters\"")
                .hasMessageContaining("startedBy is the signed-in user who starts");

        processEngine.getIdentityService().clearAuthentication();
        assertThat(bulksStarted()).isEqualTo(bulksBefore);
    }

    @Test
    void aFileSentAsTextIsRefused() {
        processEngine.getIdentityService().setAuthentication(STAFF, List.of(CamundaAccessSetup.STAFF_GROUP));

        assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey(
                BulkOnboardingProcess.PROCESS_KEY, Variables.createVariables()
                        .putValue(BulkOnboardingProcess.Variables.BULK_FILE, HEADER)))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("Bulk onboarding file refused: choose a CSV file to upload.");
    }

    @Test
    void aHeaderCellWithALineBreakIsQuotedInTheRefusal() {
        assertThatThrownBy(() -> startBulkAs(STAFF, ("first_name,last_name,email,company,language,roles,\"x\r\n"
                + "ERROR forged line\"\n").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageContaining("unknown column \"x\\u000D\\u000AERROR forged line\"")
                .satisfies(refusal -> assertThat(refusal.getMessage()).doesNotContain("\r", "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsRefusedWithAClearMessageAndLeavesNothing(String description, byte[] file, String message) {
        long bulksBefore = bulksStarted();
        long rowsBefore = rowsStored();

        assertThatThrownBy(() -> startBulkAs(STAFF, file))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageStartingWith("Bulk onboarding file refused: ")
                .hasMessageContaining(message);

        assertThat(bulksStarted()).isEqualTo(bulksBefore);
        assertThat(rowsStored()).isEqualTo(rowsBefore);
    }

    @Test
    void staffUploadTheFileThroughTheTasklistStartForm() {
        String email = uniqueEmail("tasklist-bulk");
        String csv = HEADER + "Grace,Hopper," + email + ",Navy,en,portal-user\n";
        CamundaWebappClient staff = staffClient();

        // What Tasklist's embedded form sends: the file as a base64 File variable
        var response = staff.postJson("/camunda/api/engine/engine/default/process-definition/key/"
                + BulkOnboardingProcess.PROCESS_KEY + "/submit-form", """
                {"variables": {
                  "bulkFile": {"value": "%s", "type": "File", "valueInfo": {"filename": "users.csv", "mimeType": "text/csv"}},
                  "validityDays": {"value": 14, "type": "Integer"}
                }}""".formatted(Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        ProcessInstance bulk = bulkWithRow(email);
        assertThat(bulk).isWaitingAt(REVIEW_DRY_RUN).variables()
                .containsEntry("rowsValid", 1)
                .containsEntry(OnboardingProcess.Variables.STARTED_BY, STAFF)
                .containsEntry(OnboardingProcess.Variables.VALIDITY_DAYS, 14);
    }

    @Test
    void onlyStaffDownloadTheRows() {
        ProcessInstance bulk = startBulkAs(STAFF, (HEADER + "Ada,Lovelace," + uniqueEmail("download")
                + ",Contoso,en,portal-user\n").getBytes(StandardCharsets.UTF_8));
        String path = BulkReportController.path(bulk.getId());

        var download = staffClient().get(path);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                disposition -> assertThat(disposition).startsWith("attachment"));
        assertThat(staffClient().get(BulkReportController.path("no-such-bulk")).statusCode()).isEqualTo(404);

        CamundaWebappClient auditor = new CamundaWebappClient(port);
        auditor.login("cockpit", AUDITOR, PASSWORD);
        assertThat(auditor.get(path).statusCode()).isEqualTo(403);
        assertThat(new CamundaWebappClient(port).get(path).statusCode()).isEqualTo(401);
    }

    @Test
    void eachBulksTasksAreNamedAfterItsFileRowCountAndUploader() {
        ProcessInstance one = startBulkAs(STAFF, (HEADER + "Ada,Lovelace," + uniqueEmail("named-one")
                + ",Contoso,en,portal-user\n").getBytes(StandardCharsets.UTF_8));
        ProcessInstance two = startBulkAs(STAFF, (HEADER + "Ada,Lovelace," + uniqueEmail("named-two")
                + ",Contoso,en,portal-user\nBad,Email,not-an-email,Contoso,en,portal-user\n")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(task(REVIEW_DRY_RUN, one).getName()).isEqualTo("Review dry run: \"users.csv\", 1 row, from " + STAFF);
        assertThat(task(REVIEW_DRY_RUN, two).getName()).isEqualTo("Review dry run: \"users.csv\", 2 rows, from " + STAFF);

        complete(task(REVIEW_DRY_RUN, one), withVariables(BulkOnboardingProcess.Variables.DECISION,
                BulkOnboardingProcess.Decision.START));
        runBatches(one);
        assertThat(task(REVIEW_RESULTS, one).getName()).isEqualTo("Review results: \"users.csv\", 1 row, from " + STAFF);
    }

    private ProcessInstance startBulkAs(String user, byte[] csv) {
        processEngine.getIdentityService().setAuthentication(user, List.of(CamundaAccessSetup.STAFF_GROUP));
        try {
            return processEngine.getRuntimeService().startProcessInstanceByKey(BulkOnboardingProcess.PROCESS_KEY,
                    Variables.createVariables()
                            .putValue(BulkOnboardingProcess.Variables.BULK_FILE,
                                    Variables.fileValue("users.csv").file(csv).mimeType("text/csv").create())
                            .putValue(OnboardingProcess.Variables.VALIDITY_DAYS, 7));
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
    }

    private long onboardingsOf(ProcessInstance bulk) {
        return jdbc.sql("select count(*) from onboarding.bulk_row where bulk_id = :id and onboarding_process_instance_id is not null")
                .param("id", bulk.getId()).query(Long.class).single();
    }

    private List<String> rowStatuses(ProcessInstance bulk) {
        return jdbc.sql("select status from onboarding.bulk_row where bulk_id = :id order by line_number")
                .param("id", bulk.getId()).query(String.class).list();
    }

    private String activeContact(String email) {
        contacts.insert(new Contact(UUID.randomUUID(), email, "Already", "Active", "Contoso", "en", List.of("portal-user"),
                ContactStatus.ACTIVE, null, Instant.now(), Instant.now()));
        return email;
    }

    private CamundaWebappClient staffClient() {
        CamundaWebappClient staff = new CamundaWebappClient(port);
        assertThat(staff.login("tasklist", STAFF, PASSWORD)).isEqualTo(200);
        return staff;
    }
}
