package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.EXPIRY_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.RESEND_REQUESTED_MESSAGE;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.WAIT_FOR_REDEMPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.portalonboarding.contact.ContactEvent;
import dev.portalonboarding.contact.ContactEventType;
import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationEvent;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.invitation.InvitationStatus;
import dev.portalonboarding.onboarding.Onboardings.StartOutcome;
import dev.portalonboarding.onboarding.Onboardings.Started;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.PortalBrowser;

/**
 * The onboarding facade on the whole application: starts as the actor, whom the engine authorizes and
 * records, and the resend it offers (also Tasklist's Resend invitation): a second email with a new code,
 * the old link dead on the landing page.
 */
class OnboardingsFacadeTest extends OnboardingTestBase {

    private static final String STAFF = "facadestaff";
    private static final String NOBODY = "facadenobody";
    private static final Actor STAFF_ACTOR = new Actor(STAFF, List.of(CamundaAccessSetup.STAFF_GROUP));

    @LocalServerPort
    int port;
    @Autowired
    Onboardings onboardings;
    @Autowired
    InvitationRepository invitations;
    @Autowired
    InvitationEvents events;

    @BeforeEach
    void users() {
        user(STAFF, CamundaAccessSetup.STAFF_GROUP);
        user(NOBODY);
    }

    @Test
    void aStaffResendMailsANewCodeAndTheOldLinkIsDead() {
        String email = uniqueEmail("resend");
        Started started = onboardings.start(STAFF_ACTOR, request(email), 3);
        ProcessInstance onboarding = onboarding(started.onboardingId());
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        String oldLink = linkFromLatestMail(email);
        UUID oldInvitation = invitationId(onboarding);

        String resend = onboardings.resend(STAFF_ACTOR, email.toUpperCase(), "The first email went to spam");

        assertThat(historic(resend).getStartUserId()).isEqualTo(STAFF);
        assertThat(historic(resend).getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(historic(resend).getBusinessKey()).as("the contact id, like the onboarding's")
                .isEqualTo(started.contactId()).isEqualTo(historic(started.onboardingId()).getBusinessKey());
        assertThat(onboarding).hasPassed(RESEND_REQUESTED_MESSAGE).isWaitingAt(SEND_INVITATION_EMAIL);
        assertThat(invitations.findById(oldInvitation).orElseThrow().status()).isEqualTo(InvitationStatus.REVOKED);
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        assertThat(onboarding).isWaitingAt(WAIT_FOR_REDEMPTION);
        assertThat(mailsTo(email)).hasSize(2);
        String newLink = linkFromLatestMail(email);
        assertThat(newLink).isNotEqualTo(oldLink);

        Invitation renewed = invitations.findById(invitationId(onboarding)).orElseThrow();
        assertThat(renewed.status()).isEqualTo(InvitationStatus.SENT);
        assertThat(renewed.validityDays()).as("the original request's validity").isEqualTo(3);
        assertThat(events.findByProcessInstance(onboarding.getId()))
                .filteredOn(event -> event.type() == InvitationEventType.REVOKED || event.type() == InvitationEventType.RESENT)
                .extracting(InvitationEvent::invitationId, InvitationEvent::type, InvitationEvent::actor)
                .containsExactly(tuple(oldInvitation, InvitationEventType.REVOKED, STAFF),
                        tuple(renewed.id(), InvitationEventType.RESENT, STAFF));

        PortalBrowser browser = new PortalBrowser(port);
        HttpResponse<String> dead = browser.get(oldLink);
        assertThat(dead.statusCode()).isEqualTo(404);
        assertThat(dead.body()).contains("This invitation link cannot be used").doesNotContain("Exception");
        HttpResponse<String> landing = browser.get(newLink);
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body()).contains("Accept invitation");
    }

    @Test
    void aResendWithNothingPendingIsRefusedAndCreatesNothing() {
        String expired = uniqueEmail("resend-expired");
        ProcessInstance onboarding = onboarding(onboardings.start(STAFF_ACTOR, request(expired), null).onboardingId());
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        execute(job(EXPIRY_TIMER, onboarding));
        long resends = resendCount();
        int mails = mailsTo(expired).size();

        assertThatThrownBy(() -> onboardings.resend(STAFF_ACTOR, "nobody-" + UUID.randomUUID() + "@example.com", "spam"))
                .isInstanceOf(RejectedRequestException.class).hasMessageContaining("no pending invitation");
        assertThatThrownBy(() -> onboardings.resend(STAFF_ACTOR, expired, "spam"))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageContaining("expired and waits for review").hasMessageContaining("Review expired invitation");

        assertThat(resendCount()).isEqualTo(resends);
        assertThat(mailsTo(expired)).hasSize(mails);
    }

    @Test
    void aStartAsAnActorIsRecordedAsTheirsAndASecondOneFindsItRunning() {
        String email = uniqueEmail("facade-start");

        Started first = onboardings.start(STAFF_ACTOR, request(email), null);
        Started second = onboardings.start(STAFF_ACTOR, request(email.toUpperCase()), null);

        UUID contact = contactByEmail(email).orElseThrow().id();
        assertThat(first).isEqualTo(new Started(first.onboardingId(), contact.toString(), StartOutcome.STARTED, null));
        assertThat(historic(first.onboardingId()).getStartUserId()).isEqualTo(STAFF);
        assertThat(contactEvents.findForOnboarding(contact, first.onboardingId()))
                .extracting(ContactEvent::type, ContactEvent::actor).containsExactly(tuple(ContactEventType.REQUESTED, STAFF));
        assertThat(second).isEqualTo(new Started(second.onboardingId(), contact.toString(), StartOutcome.ALREADY_RUNNING,
                first.onboardingId()));
        assertThat(processEngine.getIdentityService().getCurrentAuthentication()).as("restored").isNull();
    }

    @Test
    void anActorWithoutGrantsIsRefusedByTheEngineAndNothingIsCreated() {
        String email = uniqueEmail("facade-denied");
        Actor nobody = new Actor(NOBODY, List.of());
        long onboardingsBefore = historicCount(OnboardingProcess.PROCESS_KEY);

        assertThatThrownBy(() -> onboardings.start(nobody, request(email), null)).isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> onboardings.resend(nobody, email, "spam")).isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> onboardings.revoke(nobody, email, "spam")).isInstanceOf(AuthorizationException.class);

        assertThat(historicCount(OnboardingProcess.PROCESS_KEY)).isEqualTo(onboardingsBefore);
        assertThat(contactByEmail(email)).isEmpty();
        assertThat(processEngine.getIdentityService().getCurrentAuthentication()).as("restored").isNull();
    }

    @Test
    void badInputIsRefusedWithOurMessageAndNothingIsCreated() {
        String email = uniqueEmail("facade-bad");
        long onboardingsBefore = historicCount(OnboardingProcess.PROCESS_KEY);
        long resends = resendCount();
        OnboardingRequest noRoles = OnboardingRequest.normalised("Ada", "Lovelace", email, "Analytical Engines Ltd",
                "en", List.of());

        assertThatThrownBy(() -> onboardings.start(STAFF_ACTOR, noRoles, 0))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageStartingWith("Invalid onboarding request").hasMessageContaining("roles must name at least one role");
        assertThatThrownBy(() -> onboardings.start(STAFF_ACTOR, request(email), 0))
                .isInstanceOf(RejectedRequestException.class).hasMessageContaining("validityDays");
        assertThatThrownBy(() -> onboardings.resend(STAFF_ACTOR, email, null))
                .isInstanceOf(RejectedRequestException.class).hasMessageContaining("resendReason must not be blank");
        assertThatThrownBy(() -> onboardings.resend(STAFF_ACTOR, "ada@example.com\r\nWARN forged", "spam"))
                .isInstanceOf(RejectedRequestException.class).hasMessageStartingWith("Invalid resend request");

        assertThat(historicCount(OnboardingProcess.PROCESS_KEY)).isEqualTo(onboardingsBefore);
        assertThat(resendCount()).isEqualTo(resends);
        assertThat(contactByEmail(email)).isEmpty();
    }

    private static OnboardingRequest request(String email) {
        return OnboardingRequest.normalised("Ada", "Lovelace", email, "Analytical Engines Ltd", "en",
                List.of("portal-user", "order-viewer"));
    }

    private ProcessInstance onboarding(String id) {
        return processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private HistoricProcessInstance historic(String id) {
        return processEngine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private long historicCount(String key) {
        return processEngine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(key).count();
    }

    private long resendCount() {
        return historicCount(OnboardingProcess.RESEND_PROCESS_KEY);
    }

    private UUID invitationId(ProcessInstance onboarding) {
        return UUID.fromString((String) processEngine.getRuntimeService()
                .getVariable(onboarding.getId(), OnboardingProcess.Variables.INVITATION_ID));
    }
}
