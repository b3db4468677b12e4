package dev.portalonboarding.onboarding;

import static dev.portalonboarding.support.HistoryJson.entries;
import static dev.portalonboarding.support.HistoryJson.ids;
import static dev.portalonboarding.support.HistoryJson.texts;
import static dev.portalonboarding.onboarding.ErasureProcess.Elements.APPROVE_ERASURE;
import static dev.portalonboarding.onboarding.ErasureProcess.Elements.DELETE_IDENTITY_ACCOUNTS;
import static dev.portalonboarding.onboarding.ErasureProcess.Elements.END_ERASED;
import static dev.portalonboarding.onboarding.ErasureProcess.Elements.END_REFUSED;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.EXPIRY_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.REVIEW_EXPIRED_INVITATION;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactEvent;
import dev.portalonboarding.contact.ContactEventType;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.contact.ContactStatus;
import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.onboarding.OnboardingProcess.OffboardingElements;
import dev.portalonboarding.onboarding.OnboardingProcess.ReviewDecision;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.CamundaWebappClient;
import dev.portalonboarding.support.DatabaseTraces;
import dev.portalonboarding.support.OnboardingTestBase;

/** The paths of erase-contact.bpmn, and a database with no trace of the erased person afterwards. */
class ErasureProcessTest extends OnboardingTestBase {

    private static final String ISSUER = "https://idp.example.test/realms/portal";
    private static final String REQUESTER = "erasurerequester";
    private static final String APPROVER = "erasureapprover";
    private static final String STAFF_ONLY = "erasurestaff";
    private static final String AUDITOR = "erasureauditor";
    private static final String IP = "203.0.113.77";

    @Autowired
    InvitationEvents invitationEvents;
    @Autowired
    InvitationRepository invitations;
    @Autowired
    ContactRepository contacts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    @LocalServerPort
    int port;
    DatabaseTraces traces;

    @BeforeEach
    void users() {
        traces = new DatabaseTraces(jdbc);
        user(REQUESTER, CamundaAccessSetup.STAFF_GROUP, CamundaAccessSetup.PRIVACY_GROUP);
        user(APPROVER, CamundaAccessSetup.PRIVACY_GROUP);
        user(STAFF_ONLY, CamundaAccessSetup.STAFF_GROUP);
        user(AUDITOR, CamundaAccessSetup.AUDITOR_GROUP);
    }

    /**
     * A contact's whole life: a first onboarding that expired and that staff closed (started before the
     * contact id became the business key: the email was the key, and the review task's description named
     * it), a second one redeemed after an incident whose message named the email, an offboarding, then
     * the erasure.
     */
    @Test
    void approvedByASecondPersonTheContactIsErasedEverywhereWhileTheOnboardingsHistoryStays() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "erin-" + suffix + "@example.com";
        String firstName = "Erin" + suffix;
        String lastName = "Erasmus" + suffix;
        ProcessInstance closed = expiredAndClosed(email, firstName, lastName);
        asBeforeTheContactIdWasTheKey(closed, email);
        ProcessInstance onboarding = onboarded(email, firstName, lastName);
        Contact contact = contactByEmail(email).orElseThrow();
        ProcessInstance offboarding = asStaff(STAFF_ONLY, () -> startOffboarding(email, "Left the company"));
        execute(job(OffboardingElements.DISABLE_IDENTITY_ACCOUNT, offboarding));
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(onboarding.getId()).singleResult().getBusinessKey()).isEqualTo(contact.id().toString());
        assertThat(traces.inEngineTables(email)).as("before the erasure").isNotEmpty();

        ProcessInstance erasure = requestErasure(email.toUpperCase(), "Data subject request of 1 May");
        assertThat(erasure).isWaitingAt(APPROVE_ERASURE).hasBusinessKey(contact.id().toString());
        decide(erasure, APPROVER, ErasureProcess.Decision.APPROVE);
        execute(job(DELETE_IDENTITY_ACCOUNTS, erasure));
        assertThat(erasure).isEnded().hasPassed(END_ERASED);

        Contact erased = contacts.findById(contact.id()).orElseThrow();
        assertThat(erased.status()).isEqualTo(ContactStatus.ERASED);
        assertThat(erased.email()).isEqualTo("erased-" + contact.id());
        assertThat(identitiesOf(contact.id())).isEmpty();
        assertThat(contactEvents.findByContact(contact.id())).filteredOn(event -> event.type() == ContactEventType.REQUESTED)
                .isNotEmpty().allSatisfy(requested -> assertThat(requested.detail()).as("the request's names").isNull());
        assertThat(contactEvents.findByContact(contact.id())).filteredOn(event -> event.processInstanceId() == null)
                .singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(ContactEventType.ERASED);
            assertThat(event.actor()).isEqualTo(REQUESTER);
            assertThat(event.approver()).isEqualTo(APPROVER);
            assertThat(event.reason()).isEqualTo("Data subject request of 1 May");
        });
        assertThat(invitationEvents.findByProcessInstance(onboarding.getId()))
                .as("types, times and staff actors stay").isNotEmpty()
                .extracting(event -> event.type()).contains(InvitationEventType.CREATED, InvitationEventType.REDEEMED);

        for (String trace : List.of(email, firstName, lastName, IP)) {
            assertThat(traces.inAppTables(trace)).as("app tables holding " + trace).isEmpty();
            assertThat(traces.inEngineTables(trace)).as("engine tables holding " + trace).isEmpty();
        }
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(closed.getId()).singleResult().getBusinessKey()).isEqualTo(contact.id().toString());

        CamundaWebappClient auditor = new CamundaWebappClient(port);
        assertThat(auditor.login("cockpit", AUDITOR, PASSWORD)).isEqualTo(200);
        assertThat(ids(read(auditor, "/history/onboardings?email=" + erased.email())))
                .containsExactlyInAnyOrder(closed.getId(), onboarding.getId());
        // With the engine details: the task's completion is an operation the review entry otherwise tells
        JsonNode story = read(auditor, "/history/onboardings/" + closed.getId() + "/timeline?engineDetails=true");
        assertThat(story.get("onboarding").get("email").asText()).isEqualTo(erased.email());
        assertThat(texts(story.get("passedActivityIds"))).contains(OnboardingProcess.Elements.CREATE_CONTACT,
                REVIEW_EXPIRED_INVITATION, OnboardingProcess.Elements.END_CLOSED);
        assertThat(entries(story, "OPERATION")).as("staff operations stay")
                .extracting(entry -> entry.get("what").asText() + " by " + entry.get("actor").asText())
                .contains("Claim Task by " + STAFF_ONLY, "Complete Task by " + STAFF_ONLY);
        assertThat(texts(read(auditor, "/history/onboardings/" + onboarding.getId() + "/timeline")
                .get("passedActivityIds"))).contains(LINK_ACCOUNT, OnboardingProcess.Elements.END_ONBOARDED);
    }

    @Test
    void theRequesterCannotApproveTheirOwnErasure() {
        String email = uniqueEmail("own-erasure");
        onboarded(email, "Ada", "Lovelace");
        ProcessInstance erasure = requestErasure(email, "Asked by phone");

        assertThatThrownBy(() -> decide(erasure, REQUESTER, ErasureProcess.Decision.APPROVE))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("You requested this erasure; another privacy officer approves or refuses it.");
        assertThat(erasure).isWaitingAt(APPROVE_ERASURE);
        assertThat(contactByEmail(email).orElseThrow().status()).isEqualTo(ContactStatus.ACTIVE);
    }

    @Test
    void staffWhoAreNotPrivacyOfficersCannotApproveAnErasure() {
        String email = uniqueEmail("staff-approval");
        onboarded(email, "Ada", "Lovelace");
        ProcessInstance erasure = requestErasure(email, "Asked by phone");
        user(STAFF_ONLY, CamundaAccessSetup.STAFF_GROUP);
        Task task = processEngine.getTaskService().createTaskQuery().processInstanceId(erasure.getId()).singleResult();

        processEngine.getIdentityService().setAuthentication(STAFF_ONLY, List.of(CamundaAccessSetup.STAFF_GROUP));
        try {
            assertThatThrownBy(() -> processEngine.getTaskService().complete(task.getId(),
                    Map.of(ErasureProcess.Variables.ERASURE_DECISION, ErasureProcess.Decision.APPROVE)))
                    .isInstanceOf(AuthorizationException.class);
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
        assertThat(erasure).isWaitingAt(APPROVE_ERASURE);
        assertThat(contactByEmail(email).orElseThrow().status()).isEqualTo(ContactStatus.ACTIVE);
    }

    @Test
    void aRefusedErasureChangesNothing() {
        String email = uniqueEmail("kept");
        onboarded(email, "Ada", "Lovelace");
        Contact before = contactByEmail(email).orElseThrow();
        ProcessInstance erasure = requestErasure(email, "Asked by phone");

        decide(erasure, APPROVER, ErasureProcess.Decision.REFUSE);

        assertThat(erasure).isEnded().hasPassed(END_REFUSED);
        assertThat(contactByEmail(email).orElseThrow()).isEqualTo(before);
        assertThat(identitiesOf(before.id())).hasSize(1);
        assertThat(contactEvents.findByContact(before.id())).extracting(ContactEvent::type)
                .as("the onboarding's request only").containsOnly(ContactEventType.REQUESTED);
    }

    @Test
    void anUnknownContactOrAnotherFieldIsRefusedAtTheStart() {
        String unknown = uniqueEmail("nobody");
        assertThatThrownBy(() -> requestErasure(unknown, "Asked")).isInstanceOf(RejectedRequestException.class)
                .hasMessage("There is no contact " + unknown + " to erase.");
        processEngine.getIdentityService().setAuthentication(REQUESTER, List.of(CamundaAccessSetup.STAFF_GROUP));
        assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey(ErasureProcess.PROCESS_KEY,
                Map.of(Variables.EMAIL, unknown, ErasureProcess.Variables.ERASURE_REASON, "x", Variables.ROLES, "r")))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageStartingWith("Invalid erasure request: unknown field \"roles\"");
    }

    private ProcessInstance expiredAndClosed(String email, String firstName, String lastName) {
        Map<String, Object> form = new java.util.HashMap<>(onboardingForm(email));
        form.put(Variables.FIRST_NAME, firstName);
        form.put(Variables.LAST_NAME, lastName);
        ProcessInstance onboarding = asStaff(STAFF_ONLY, () -> startOnboarding(form));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        execute(job(EXPIRY_TIMER, onboarding));
        Task review = task(REVIEW_EXPIRED_INVITATION, onboarding);
        asStaff(STAFF_ONLY, () -> {
            processEngine.getTaskService().claim(review.getId(), STAFF_ONLY);
            processEngine.getTaskService().complete(review.getId(), Map.of(Variables.REVIEW_DECISION,
                    ReviewDecision.CLOSE, Variables.CLOSE_REASON, "No answer from " + firstName));
            return null;
        });
        assertThat(onboarding).isEnded().hasPassed(OnboardingProcess.Elements.END_CLOSED);
        return onboarding;
    }

    /**
     * What the engine kept of an onboarding started before this version: the email as business key, the
     * review task's description naming it, a job failure's message and stack trace naming it (an SMTP
     * server's refusal, say), and, from when full history kept them, the start form's details.
     */
    private void asBeforeTheContactIdWasTheKey(ProcessInstance onboarding, String email) {
        jdbc.sql("update act_hi_procinst set business_key_ = :email where proc_inst_id_ = :id")
                .param("email", email).param("id", onboarding.getId()).update();
        jdbc.sql("update act_hi_taskinst set description_ = :text where proc_inst_id_ = :id")
                .param("text", "The invitation for " + email + " expired unredeemed.")
                .param("id", onboarding.getId()).update();
        String stackTrace = UUID.randomUUID().toString();
        jdbc.sql("insert into act_ge_bytearray (id_, rev_, name_, bytes_, generated_, type_) values (:id, 1,"
                        + " 'job.exceptionByteArray', :bytes, false, 2)").param("id", stackTrace)
                .param("bytes", ("jakarta.mail.SendFailedException: Invalid Addresses <" + email + ">\n\tat ...")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).update();
        jdbc.sql("insert into act_hi_job_log (id_, timestamp_, job_id_, job_retries_, job_exception_msg_,"
                        + " job_exception_stack_id_, job_state_, job_def_type_, act_id_, process_instance_id_)"
                        + " values (:id, now(), :job, 35, :message, :stack, 1, 'async-continuation', :activity, :instance)")
                .param("id", UUID.randomUUID().toString()).param("job", UUID.randomUUID().toString())
                .param("message", "Invalid Addresses <" + email.toUpperCase() + ">").param("stack", stackTrace)
                .param("activity", SEND_INVITATION_EMAIL).param("instance", onboarding.getId()).update();
        jdbc.sql("insert into act_hi_detail (id_, type_, proc_inst_id_, name_, time_, text_)"
                        + " values (:id, 'FormProperty', :instance, :name, now(), :email)")
                .param("id", UUID.randomUUID().toString()).param("instance", onboarding.getId())
                .param("name", Variables.EMAIL).param("email", email).update();
    }

    private ProcessInstance onboarded(String email, String firstName, String lastName) {
        Map<String, Object> form = new java.util.HashMap<>(onboardingForm(email));
        form.put(Variables.FIRST_NAME, firstName);
        form.put(Variables.LAST_NAME, lastName);
        String definition = processEngine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(OnboardingProcess.PROCESS_KEY).latestVersion().singleResult().getId();
        // As Tasklist starts it: a form submission (with full history the engine keeps its details too)
        ProcessInstance onboarding = processEngine.getFormService().submitStartForm(definition, form);
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        UUID invitationId = invitations.findByContact(contactByEmail(email).orElseThrow().id()).get(0).id();
        invitationEvents.record(invitationId, InvitationEventType.OPENED, InvitationEvents.ANONYMOUS, IP,
                "Mozilla/5.0 (" + lastName + "'s laptop)", "opened by " + email);
        // Ended with the onboarding, kept in the history with its message
        String waiting = processEngine.getRuntimeService().createExecutionQuery().processInstanceId(onboarding.getId())
                .activityId(OnboardingProcess.Elements.WAIT_FOR_REDEMPTION).singleResult().getId();
        processEngine.getRuntimeService().createIncident("failedJob", waiting, null, "Mailbox of " + email + " is full");
        redeem(codeFromLatestMail(email),
                new VerifiedIdentity(ISSUER, "subject-of-" + email, email, true, firstName + " " + lastName));
        execute(job(LINK_ACCOUNT, onboarding));
        execute(job(SEND_WELCOME_EMAIL, onboarding));
        assertThat(onboarding).isEnded();
        return onboarding;
    }

    private ProcessInstance requestErasure(String email, String reason) {
        processEngine.getIdentityService().setAuthentication(REQUESTER, List.of(CamundaAccessSetup.STAFF_GROUP,
                CamundaAccessSetup.PRIVACY_GROUP));
        try {
            return processEngine.getRuntimeService().startProcessInstanceByKey(ErasureProcess.PROCESS_KEY,
                    Map.of(Variables.EMAIL, email, ErasureProcess.Variables.ERASURE_REASON, reason));
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
    }

    private void decide(ProcessInstance erasure, String userId, String decision) {
        Task task = processEngine.getTaskService().createTaskQuery().processInstanceId(erasure.getId()).singleResult();
        processEngine.getIdentityService().setAuthentication(userId, List.of(CamundaAccessSetup.PRIVACY_GROUP));
        try {
            processEngine.getTaskService().complete(task.getId(),
                    Map.of(ErasureProcess.Variables.ERASURE_DECISION, decision));
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
    }

    private JsonNode read(CamundaWebappClient client, String path) throws Exception {
        var response = client.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
