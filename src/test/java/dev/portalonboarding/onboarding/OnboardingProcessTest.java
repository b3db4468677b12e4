package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.ACTIVATE_CONTACT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_ALREADY_ACTIVE;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_ALREADY_RUNNING;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_CLOSED;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_ONBOARDED;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_REMINDER_SENT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_REVOKED;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.EXPIRE_INVITATION;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.EXPIRY_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.REMINDER_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.REVIEW_EXPIRED_INVITATION;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_REMINDER_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.WAIT_FOR_REDEMPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portalonboarding.bulk.BulkOnboardingProcess;
import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactEventType;
import dev.portalonboarding.contact.ContactStatus;
import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.onboarding.InvitationRedemption.Outcome;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.invitation.InvitationStatus;
import dev.portalonboarding.onboarding.OnboardingProcess.ReviewDecision;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.support.OnboardingTestBase;

/** One test per path through portal-user-onboarding.bpmn. */
class OnboardingProcessTest extends OnboardingTestBase {

    private static final String STAFF = "processteststaff";
    private static final String ISSUER = "https://idp.example.test/realms/portal";

    @Autowired
    InvitationRepository invitations;

    @Test
    void redeemedInvitationOnboardsThePortalUser() throws Exception {
        String email = uniqueEmail("redeemed");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));

        assertThat(onboarding).isWaitingAt(SEND_INVITATION_EMAIL);
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        assertThat(onboarding).isWaitingAt(WAIT_FOR_REDEMPTION);
        assertThat(mailsTo(email)).hasSize(1);

        assertThat(redeem(codeFromLatestMail(email), identity(email))).isEqualTo(Outcome.REDEEMED);
        // The identity stays in the invitation record, out of the engine, until Link account reads it
        assertThat(onboarding).isWaitingAt(LINK_ACCOUNT)
                .variables().doesNotContainKeys(Variables.IDENTITY_ISSUER, Variables.IDENTITY_SUBJECT,
                        Variables.IDENTITY_EMAIL, Variables.IDENTITY_NAME);
        execute(job(LINK_ACCOUNT, onboarding));
        execute(job(SEND_WELCOME_EMAIL, onboarding));

        assertThat(onboarding).hasPassed(ACTIVATE_CONTACT).isEnded().hasPassed(END_ONBOARDED);
        Contact contact = contactByEmail(email).orElseThrow();
        assertThat(contact.status()).isEqualTo(ContactStatus.ACTIVE);
        assertThat(contact.roles()).containsExactly("portal-user", "order-viewer");
        assertThat(identitiesOf(contact.id()))
                .singleElement()
                .satisfies(identity -> {
                    assertThat(identity.issuer()).isEqualTo(ISSUER);
                    assertThat(identity.subject()).isEqualTo("subject-of-" + email);
                });
        assertThat(mailsTo(email)).hasSize(2);
        assertThat(mailsTo(email).get(1).getSubject()).isEqualTo("Welcome to the Contoso Test portal");
    }

    @Test
    void theEngineKeepsOnlyWhatTheModelNeedsAndTheRequestIsOnTheContactsTrail() {
        String email = uniqueEmail("lean");
        ProcessInstance onboarding = asStaff(STAFF, () -> startOnboarding(onboardingForm(email)));

        Set<String> modelVariables = Set.of(Variables.CONTACT_ID, Variables.INVITATION_ID,
                Variables.INVITATION_EXPIRES_AT, Variables.REMINDER_DUE_AT);
        assertThat(processEngine.getRuntimeService().getVariables(onboarding.getId()).keySet())
                .containsExactlyInAnyOrderElementsOf(modelVariables);
        assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(onboarding.getId()).includeDeleted().list())
                .extracting(variable -> variable.getName())
                .as("the request's fields were never stored").containsExactlyInAnyOrderElementsOf(modelVariables);
        Contact contact = contactByEmail(email).orElseThrow();
        assertThat(contactEvents.findForOnboarding(contact.id(), onboarding.getId()))
                .singleElement()
                .satisfies(requested -> {
                    assertThat(requested.type()).isEqualTo(ContactEventType.REQUESTED);
                    assertThat(requested.actor()).isEqualTo(STAFF);
                    assertThat(requested.processInstanceId()).isEqualTo(onboarding.getId());
                    assertThat(requested.detail()).isEqualTo(
                            "Ada Lovelace, Analytical Engines Ltd; language en; roles portal-user, order-viewer");
                });
        assertThat(invitations.findById(UUID.fromString((String) processEngine.getRuntimeService()
                .getVariable(onboarding.getId(), Variables.INVITATION_ID))).orElseThrow().validityDays()).isEqualTo(7);
    }

    @Test
    void onlyJavaCodeInTheStartsTransactionCanHandOverAValidatedRequest() {
        String email = uniqueEmail("handed-over");
        var serialized = org.camunda.bpm.engine.variable.Variables.serializedObjectValue(
                        "{\"firstName\":\"<script>\",\"email\":\"" + email + "\"}")
                .objectTypeName(OnboardingRequest.class.getName()).serializationDataFormat("application/json")
                .setTransient(true).create();
        assertThatThrownBy(() -> startOnboarding(Map.of(Variables.VALIDATED_REQUEST, serialized)))
                .as("what a client can send: a serialized object").hasMessage("Variables of type Object are not accepted.");
        OnboardingRequest stored = OnboardingRequest.normalised("Ada", "Lovelace", email, "Analytical Engines Ltd", "en",
                List.of("portal-user"));
        assertThatThrownBy(() -> startOnboarding(Map.of(Variables.VALIDATED_REQUEST,
                org.camunda.bpm.engine.variable.Variables.objectValue(stored).create())))
                .as("not transient: it would be stored").isInstanceOf(RejectedRequestException.class)
                .hasMessageStartingWith("Invalid onboarding request: unknown field \"validatedRequest\"");
        assertThat(contactByEmail(email)).isEmpty();

        ProcessInstance onboarding = startOnboarding(Map.of(Variables.VALIDATED_REQUEST,
                org.camunda.bpm.engine.variable.Variables.objectValue(stored, true).create()));
        assertThat(onboarding).isWaitingAt(SEND_INVITATION_EMAIL).variables().doesNotContainKey(Variables.VALIDATED_REQUEST);
        assertThat(contactByEmail(email).orElseThrow().company()).isEqualTo("Analytical Engines Ltd");
    }

    @Test
    void reminderIsSentBeforeExpiryAndItsLinkRedeemsTheSameInvitation() throws Exception {
        String email = uniqueEmail("reminded");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        String invitationCode = codeFromLatestMail(email);

        execute(job(REMINDER_TIMER, onboarding));
        assertThat(onboarding).isWaitingAt(WAIT_FOR_REDEMPTION, SEND_REMINDER_EMAIL);
        execute(job(SEND_REMINDER_EMAIL, onboarding));
        assertThat(onboarding).hasPassed(END_REMINDER_SENT).isWaitingAt(WAIT_FOR_REDEMPTION);
        assertThat(mailsTo(email)).hasSize(2);
        assertThat(mailsTo(email).get(1).getSubject()).startsWith("Reminder:");
        String reminderCode = codeFromLatestMail(email);
        assertThat(reminderCode).isNotEqualTo(invitationCode);

        assertThat(redeem(reminderCode, identity(email))).isEqualTo(Outcome.REDEEMED);
        assertThat(redeem(invitationCode, identity(email))).isEqualTo(Outcome.ALREADY_REDEEMED);
        execute(job(LINK_ACCOUNT, onboarding));
        execute(job(SEND_WELCOME_EMAIL, onboarding));
        assertThat(onboarding).isEnded().hasPassed(END_ONBOARDED);
    }

    @Test
    void expiredInvitationResentByStaffIsRedeemedWithTheNewCodeOnly() {
        String email = uniqueEmail("resent");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        String expiredCode = codeFromLatestMail(email);
        UUID firstInvitation = invitationId(onboarding);

        execute(job(EXPIRY_TIMER, onboarding));
        assertThat(onboarding).hasPassed(EXPIRE_INVITATION).isWaitingAt(REVIEW_EXPIRED_INVITATION);
        assertThat(task(onboarding)).hasCandidateGroup("onboarding-staff");
        assertThat(invitations.findById(firstInvitation).orElseThrow().status()).isEqualTo(InvitationStatus.EXPIRED);
        assertThat(redeem(expiredCode, identity(email))).isEqualTo(Outcome.INVALID);

        complete(task(onboarding), withVariables(Variables.REVIEW_DECISION, ReviewDecision.RESEND,
                Variables.VALIDITY_DAYS, 3));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        assertThat(onboarding).isWaitingAt(WAIT_FOR_REDEMPTION);
        UUID secondInvitation = invitationId(onboarding);
        assertThat(secondInvitation).isNotEqualTo(firstInvitation);
        assertThat(invitations.findById(secondInvitation).orElseThrow().validityDays()).isEqualTo(3);
        String newCode = codeFromLatestMail(email);

        assertThat(redeem(expiredCode, identity(email))).isEqualTo(Outcome.INVALID);
        assertThat(redeem(newCode, identity(email))).isEqualTo(Outcome.REDEEMED);
        execute(job(LINK_ACCOUNT, onboarding));
        execute(job(SEND_WELCOME_EMAIL, onboarding));
        assertThat(onboarding).isEnded().hasPassed(END_ONBOARDED);
    }

    @Test
    void expiredInvitationClosedByStaffEndsTheOnboarding() {
        String email = uniqueEmail("closed");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        execute(job(EXPIRY_TIMER, onboarding));

        complete(task(REVIEW_EXPIRED_INVITATION, onboarding), withVariables(
                Variables.REVIEW_DECISION, ReviewDecision.CLOSE, Variables.CLOSE_REASON, "Left the company"));

        assertThat(onboarding).isEnded().hasPassed(END_CLOSED);
        assertThat(contactByEmail(email).orElseThrow().status()).isEqualTo(ContactStatus.PENDING);
    }

    @Test
    void revokedInvitationEndsTheOnboardingAndItsCodeNoLongerWorks() {
        String email = uniqueEmail("revoked");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        String code = codeFromLatestMail(email);
        UUID invitation = invitationId(onboarding);

        ProcessInstance revocation = processEngine.getRuntimeService().startProcessInstanceByKey(
                OnboardingProcess.REVOKE_PROCESS_KEY,
                Map.of(Variables.EMAIL, email.toUpperCase(), Variables.REVOKE_REASON, "Sent to the wrong person"));

        assertThat(revocation).isEnded();
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(revocation.getId()).singleResult().getBusinessKey())
                .as("the contact id, like the onboarding's").isEqualTo(onboarding.getBusinessKey())
                .isEqualTo(invitations.findById(invitation).orElseThrow().contactId().toString());
        assertThat(onboarding).isEnded().hasPassed(END_REVOKED);
        assertThat(invitations.findById(invitation).orElseThrow().status()).isEqualTo(InvitationStatus.REVOKED);
        assertThat(redeem(code, identity(email))).isEqualTo(Outcome.INVALID);
    }

    @Test
    void emailOfAnActiveContactEndsWithoutInvitation() {
        String email = uniqueEmail("active");
        ProcessInstance first = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, first));
        redeem(codeFromLatestMail(email), identity(email));
        execute(job(LINK_ACCOUNT, first));
        execute(job(SEND_WELCOME_EMAIL, first));
        int mailsBefore = mailsTo(email).size();

        ProcessInstance second = startOnboarding(onboardingForm(email));

        assertThat(second).isEnded().hasPassed(END_ALREADY_ACTIVE)
                .variables().containsKey(Variables.OUTCOME_REASON);
        assertThat(mailsTo(email)).hasSize(mailsBefore);
    }

    @Test
    void emailWithARunningOnboardingEndsWithoutASecondInvitation() {
        String email = uniqueEmail("running");
        ProcessInstance first = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, first));

        ProcessInstance second = startOnboarding(onboardingForm(email));

        assertThat(second).isEnded().hasPassed(END_ALREADY_RUNNING);
        assertThat(first).isWaitingAt(WAIT_FOR_REDEMPTION);
        assertThat(invitations.findByContact(contactByEmail(email).orElseThrow().id())).hasSize(1);
        assertThat(mailsTo(email)).hasSize(1);
    }

    private UUID invitationId(ProcessInstance onboarding) {
        return UUID.fromString((String) processEngine.getRuntimeService()
                .getVariable(onboarding.getId(), Variables.INVITATION_ID));
    }

    private static VerifiedIdentity identity(String email) {
        return new VerifiedIdentity(ISSUER, "subject-of-" + email, email, true, "Ada Lovelace");
    }

    @Test
    void aReviewDecisionTheGatewayDoesNotKnowIsRefusedAndTheReviewStaysOpen() {
        ProcessInstance onboarding = startOnboarding(onboardingForm(uniqueEmail("review-decision")));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        execute(job(EXPIRY_TIMER, onboarding));
        String review = task(REVIEW_EXPIRED_INVITATION, onboarding).getId();

        for (Map<String, Object> form : List.of(Map.<String, Object>of(Variables.REVIEW_DECISION, "delete"),
                Map.<String, Object>of(Variables.REVIEW_DECISION, "RESEND"), Map.<String, Object>of(Variables.REVIEW_DECISION, 1),
                Map.<String, Object>of(Variables.CLOSE_REASON, "No decision"))) {
            assertThatThrownBy(() -> processEngine.getTaskService().complete(review, form)).as(form.toString())
                    .isInstanceOf(RejectedRequestException.class)
                    .hasMessage("Choose resend or close as reviewDecision.");
        }
        assertThat(onboarding).isWaitingAt(REVIEW_EXPIRED_INVITATION);
    }

    @Test
    void aReviewCompletionWithAVariableTheFormDoesNotHaveIsRefused() {
        ProcessInstance onboarding = startOnboarding(onboardingForm(uniqueEmail("review-unknown")));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        execute(job(EXPIRY_TIMER, onboarding));
        String review = task(REVIEW_EXPIRED_INVITATION, onboarding).getId();

        assertThatThrownBy(() -> processEngine.getFormService().submitTaskForm(review, Map.of(
                Variables.REVIEW_DECISION, ReviewDecision.CLOSE, Variables.CLOSE_REASON, "No longer needed",
                Variables.STARTED_BY, "admin")))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("Unknown field \"startedBy\": this task takes only closeReason, reviewDecision, validityDays.");
        assertThatThrownBy(() -> processEngine.getTaskService().complete(review, Map.of(Variables.EMAIL, "x@example.com")))
                .isInstanceOf(RejectedRequestException.class).hasMessageStartingWith("Unknown field \"email\"");
        assertThat(onboarding).isWaitingAt(REVIEW_EXPIRED_INVITATION).variables().doesNotContainKey(Variables.STARTED_BY);
    }

    /** The refusal of other variables (security.TaskFormFieldGuard) must not refuse what Tasklist sends. */
    @Test
    void everyUserTaskDeclaresTheFieldsItsFormSubmits() throws Exception {
        Map<String, Set<String>> declared = new HashMap<>(OnboardingProcess.TASK_FORM_FIELDS);
        declared.putAll(BulkOnboardingProcess.TASK_FORM_FIELDS);
        RepositoryService repository = processEngine.getRepositoryService();
        ObjectMapper json = new ObjectMapper();
        Map<String, Set<String>> submitted = new HashMap<>();
        for (String key : List.of(OnboardingProcess.PROCESS_KEY, BulkOnboardingProcess.PROCESS_KEY)) {
            ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                    .latestVersion().singleResult();
            Map<String, JsonNode> forms = new HashMap<>();
            for (String resource : repository.getDeploymentResourceNames(definition.getDeploymentId())) {
                if (resource.endsWith(".form")) {
                    JsonNode form = json.readTree(repository.getResourceAsStream(definition.getDeploymentId(), resource));
                    forms.put(form.path("id").asText(), form);
                }
            }
            for (UserTask task : repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(UserTask.class)) {
                Set<String> fields = new TreeSet<>();
                // Tasklist submits the keyed fields that are not read-only
                forms.get(task.getCamundaFormRef()).path("components").forEach(component -> {
                    if (component.has("key") && !component.path("disabled").asBoolean()) {
                        fields.add(component.path("key").asText());
                    }
                });
                submitted.put(task.getId(), fields);
            }
        }
        assertThat(declared).isEqualTo(submitted);
    }
}
