package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.ErasureProcess.Elements.APPROVE_ERASURE;
import static dev.portalonboarding.onboarding.ErasureProcess.Elements.DELETE_IDENTITY_ACCOUNTS;
import static dev.portalonboarding.onboarding.ErasureProcess.Elements.END_ERASED;
import static dev.portalonboarding.onboarding.ErasureProcess.Elements.END_REFUSED;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactEvent;
import dev.portalonboarding.contact.ContactEventType;
import dev.portalonboarding.contact.ContactEvents;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.contact.ContactStatus;
import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.OnboardingTestBase;

/** The paths of erase-contact.bpmn, and a database with no trace of the erased person afterwards. */
class ErasureProcessTest extends OnboardingTestBase {

    private static final String ISSUER = "https://idp.example.test/realms/portal";
    private static final String REQUESTER = "erasurerequester";
    private static final String APPROVER = "erasureapprover";
    private static final String STAFF_ONLY = "erasurestaff";
    private static final String IP = "203.0.113.77";

    @Autowired
    InvitationEvents invitationEvents;
    @Autowired
    InvitationRepository invitations;
    @Autowired
    ContactEvents contactEvents;
    @Autowired
    ContactRepository contacts;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void users() {
        user(REQUESTER, CamundaAccessSetup.STAFF_GROUP, CamundaAccessSetup.PRIVACY_GROUP);
        user(APPROVER, CamundaAccessSetup.PRIVACY_GROUP);
    }

    @Test
    void approvedByASecondPersonTheContactIsErasedEverywhereWhileTheOnboardingsHistoryStays() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "erin-" + suffix + "@example.com";
        String firstName = "Erin" + suffix;
        String lastName = "Erasmus" + suffix;
        ProcessInstance onboarding = onboarded(email, firstName, lastName);
        Contact contact = contactByEmail(email).orElseThrow();

        ProcessInstance erasure = requestErasure(email.toUpperCase(), "Data subject request of 1 May");
        assertThat(erasure).isWaitingAt(APPROVE_ERASURE).hasBusinessKey(contact.id().toString());
        decide(erasure, APPROVER, ErasureProcess.Decision.APPROVE);
        execute(job(DELETE_IDENTITY_ACCOUNTS, erasure));
        assertThat(erasure).isEnded().hasPassed(END_ERASED);

        Contact erased = contacts.findById(contact.id()).orElseThrow();
        assertThat(erased.status()).isEqualTo(ContactStatus.ERASED);
        assertThat(erased.email()).isEqualTo("erased-" + contact.id());
        assertThat(identitiesOf(contact.id())).isEmpty();
        assertThat(contactEvents.findByContact(contact.id())).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(ContactEventType.ERASED);
            assertThat(event.actor()).isEqualTo(REQUESTER);
            assertThat(event.approver()).isEqualTo(APPROVER);
            assertThat(event.reason()).isEqualTo("Data subject request of 1 May");
        });
        assertThat(invitationEvents.findByProcessInstance(onboarding.getId()))
                .as("types, times and staff actors stay").isNotEmpty()
                .extracting(event -> event.type()).contains(InvitationEventType.CREATED, InvitationEventType.REDEEMED);

        for (String trace : List.of(email, firstName, lastName, IP)) {
            assertThat(appTablesContaining(trace)).as("app tables holding " + trace).isEmpty();
            assertThat(engineHistoryContaining(trace)).as("engine history holding " + trace).isEmpty();
        }
        assertThat(processEngine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(onboarding.getId()).list())
                .extracting(activity -> activity.getActivityId())
                .contains(OnboardingProcess.Elements.CREATE_CONTACT, OnboardingProcess.Elements.END_ONBOARDED);
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(onboarding.getId()).count()).isOne();
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
        assertThat(contactEvents.findByContact(before.id())).isEmpty();
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

    private ProcessInstance onboarded(String email, String firstName, String lastName) {
        Map<String, Object> form = new java.util.HashMap<>(onboardingForm(email));
        form.put(Variables.FIRST_NAME, firstName);
        form.put(Variables.LAST_NAME, lastName);
        String definition = processEngine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(OnboardingProcess.PROCESS_KEY).latestVersion().singleResult().getId();
        // As Tasklist starts it: a form submission, which the engine history keeps as form details too
        ProcessInstance onboarding = processEngine.getFormService().submitStartForm(definition, form);
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        UUID invitationId = invitations.findByContact(contactByEmail(email).orElseThrow().id()).get(0).id();
        invitationEvents.record(invitationId, InvitationEventType.OPENED, InvitationEvents.ANONYMOUS, IP,
                "Mozilla/5.0 (" + lastName + "'s laptop)", "opened by " + email);
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

    /** "table.column" of every text column of the app's schema holding the trace, in any case. */
    private List<String> appTablesContaining(String trace) {
        return textColumnsContaining("onboarding", null, trace);
    }

    /** The same over the engine's historic variables and their details. */
    private List<String> engineHistoryContaining(String trace) {
        List<String> found = new ArrayList<>();
        for (String table : List.of("act_hi_varinst", "act_hi_detail")) {
            found.addAll(textColumnsContaining("public", table, trace));
        }
        return found;
    }

    private List<String> textColumnsContaining(String schema, String table, String trace) {
        List<Map<String, Object>> columns = jdbc.sql("""
                select table_name, column_name from information_schema.columns
                 where table_schema = :schema and table_name like :table
                   and data_type in ('character varying', 'text', 'character')
                """).param("schema", schema).param("table", table == null ? "%" : table).query().listOfRows();
        assertThat(columns).isNotEmpty();
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String name = schema + "." + column.get("table_name") + "." + column.get("column_name");
            Long hits = jdbc.sql("select count(*) from " + schema + "." + column.get("table_name") + " where lower("
                    + column.get("column_name") + ") like :trace").param("trace", "%" + trace.toLowerCase() + "%")
                    .query(Long.class).single();
            if (hits > 0) {
                found.add(name);
            }
        }
        return found;
    }
}
