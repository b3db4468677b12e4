package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.OffboardingElements.DISABLE_IDENTITY_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.OffboardingElements.END_OFFBOARDED;
import static dev.portalonboarding.onboarding.OnboardingProcess.OffboardingElements.MARK_CONTACT_OFFBOARDED;
import static dev.portalonboarding.onboarding.OnboardingProcess.OffboardingElements.SEND_GOODBYE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactStatus;
import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.invitation.InvitationEvent;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.onboarding.InvitationRedemption.Outcome;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.support.OnboardingTestBase;

/** One test per path through offboard-portal-user.bpmn, and an offboarded user onboarded again. */
class OffboardingProcessTest extends OnboardingTestBase {

    private static final String ISSUER = "https://idp.example.test/realms/portal";

    @Autowired
    InvitationEvents events;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void offboardingEndsAccessAtOnceAndThenDisablesTheIdentityAccount() {
        String email = uniqueEmail("offboarded");
        ProcessInstance onboarding = onboarded(email);

        ProcessInstance offboarding = startOffboarding(email.toUpperCase(), "Left the company");

        Contact contact = contactByEmail(email).orElseThrow();
        assertThat(contact.status()).isEqualTo(ContactStatus.OFFBOARDED);
        assertThat(contact.roles()).as("withdrawn").isEmpty();
        assertThat(offboarding).hasPassed(MARK_CONTACT_OFFBOARDED).isWaitingAt(DISABLE_IDENTITY_ACCOUNT)
                .hasBusinessKey(contact.id().toString());
        execute(job(DISABLE_IDENTITY_ACCOUNT, offboarding));
        assertThat(offboarding).isEnded().hasPassed(END_OFFBOARDED).hasNotPassed(SEND_GOODBYE_EMAIL);
        assertThat(mailsTo(email)).as("invitation and welcome; no goodbye unless ticked").hasSize(2);
        List<InvitationEvent> trail = events.findByProcessInstance(onboarding.getId());
        assertThat(trail).extracting(InvitationEvent::type)
                .endsWith(InvitationEventType.OFFBOARDED, InvitationEventType.ACCOUNT_DISABLED);
        assertThat(trail).filteredOn(event -> event.type() == InvitationEventType.OFFBOARDED).singleElement()
                .satisfies(event -> assertThat(event.detail())
                        .isEqualTo("roles withdrawn: portal-user, order-viewer; reason: Left the company"));
    }

    @Test
    void anUnknownOrNotActiveContactIsRefusedAndNothingIsCreated() {
        String pending = uniqueEmail("pending");
        execute(job(SEND_INVITATION_EMAIL, startOnboarding(onboardingForm(pending))));
        String offboarded = uniqueEmail("offboarded-twice");
        onboarded(offboarded);
        startOffboarding(offboarded, "Left the company");
        String unknown = uniqueEmail("unknown");
        long offboardings = offboardings();

        assertThatThrownBy(() -> startOffboarding(unknown, "Left")).isInstanceOf(RejectedRequestException.class)
                .hasMessage("There is no portal user " + unknown + " to offboard.");
        assertThatThrownBy(() -> startOffboarding(pending, "Left")).isInstanceOf(RejectedRequestException.class)
                .hasMessage(pending + " is not an active portal user (pending); only active ones can be offboarded.");
        assertThatThrownBy(() -> startOffboarding(offboarded, "Again")).isInstanceOf(RejectedRequestException.class)
                .hasMessage(offboarded + " is not an active portal user (offboarded); only active ones can be offboarded.");

        assertThat(offboardings()).isEqualTo(offboardings);
        assertThat(contactByEmail(unknown)).isEmpty();
        assertThat(contactByEmail(pending).orElseThrow().status()).isEqualTo(ContactStatus.PENDING);
    }

    @Test
    void aStartWithoutReasonOrWithAFieldTheFormDoesNotHaveIsRefused() {
        String email = uniqueEmail("offboard-fields");
        onboarded(email);

        assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey(
                OnboardingProcess.OFFBOARD_PROCESS_KEY, Map.of(Variables.EMAIL, email, Variables.ROLES, "portal-user")))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageStartingWith("Invalid offboarding: unknown field \"roles\"");
        assertThatThrownBy(() -> startOffboarding(email, " ")).isInstanceOf(RejectedRequestException.class)
                .hasMessage("Invalid offboarding: offboardReason must not be blank");
        assertThat(contactByEmail(email).orElseThrow().status()).isEqualTo(ContactStatus.ACTIVE);
    }

    @Test
    void anOffboardedUserOnboardedAgainKeepsTheirIdentityAndGetsTheNewRoles() {
        String email = uniqueEmail("returning");
        onboarded(email);
        execute(job(DISABLE_IDENTITY_ACCOUNT, startOffboarding(email, "Moved to another team")));

        Map<String, Object> again = new java.util.HashMap<>(onboardingForm(email));
        again.put(Variables.ROLES, List.of("invoice-viewer"));
        ProcessInstance onboarding = startOnboarding(again);
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        assertThat(contactByEmail(email).orElseThrow().status())
                .as("refused by the portal until this onboarding activates it").isEqualTo(ContactStatus.OFFBOARDED);
        assertThat(events.findByProcessInstance(onboarding.getId())).extracting(InvitationEvent::type)
                .contains(InvitationEventType.ACCOUNT_ENABLED);

        assertThat(redeem(codeFromLatestMail(email), identity(email))).isEqualTo(Outcome.REDEEMED);
        execute(job(LINK_ACCOUNT, onboarding));
        execute(job(SEND_WELCOME_EMAIL, onboarding));

        Contact contact = contactByEmail(email).orElseThrow();
        assertThat(contact.status()).isEqualTo(ContactStatus.ACTIVE);
        assertThat(contact.roles()).containsExactly("invoice-viewer");
        assertThat(identitiesOf(contact.id())).singleElement()
                .satisfies(identity -> assertThat(identity.subject()).isEqualTo("subject-of-" + email));
    }

    @Test
    void aTickedGoodbyeEmailReachesTheUserInTheirLanguageAsOneEmailEvenWhenItsJobIsRetried() throws Exception {
        String email = uniqueEmail("goodbye");
        Map<String, Object> german = new HashMap<>(onboardingForm(email));
        german.put(Variables.LANGUAGE, "de");
        onboarded(german);

        ProcessInstance offboarding = processEngine.getRuntimeService().startProcessInstanceByKey(
                OnboardingProcess.OFFBOARD_PROCESS_KEY, Map.of(Variables.EMAIL, email,
                        Variables.OFFBOARD_REASON, "Left the company", Variables.SEND_GOODBYE_EMAIL, true));
        execute(job(DISABLE_IDENTITY_ACCOUNT, offboarding));
        Job goodbye = job(SEND_GOODBYE_EMAIL, offboarding);
        // SMTP accepts the email, then the job's transaction rolls back: the retry sends it again, the same
        new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
            processEngine.getManagementService().executeJob(goodbye.getId());
            transaction.setRollbackOnly();
        });
        processEngine.getManagementService().executeJob(goodbye.getId());

        assertThat(offboarding).isEnded().hasPassed(SEND_GOODBYE_EMAIL, END_OFFBOARDED);
        List<MimeMessage> mails = mailsTo(email);
        assertThat(mails).hasSize(4);
        MimeMessage sent = mails.get(2);
        assertThat(sent.getSubject()).isEqualTo("Ihr Zugang zum Portal von Contoso Test wurde beendet");
        assertThat(plainText(sent)).startsWith("Hallo Ada,").contains("Anmeldekonto dafür ist deaktiviert")
                .doesNotContain("http");
        assertThat(html(sent)).contains("Vielen Dank, dass Sie das Portal genutzt haben.");
        assertThat(sent.getMessageID()).isEqualTo("<goodbye." + offboarding.getId() + "@portal.example.test>")
                .isEqualTo(mails.get(3).getMessageID());
    }

    private ProcessInstance onboarded(String email) {
        return onboarded(onboardingForm(email));
    }

    private ProcessInstance onboarded(Map<String, Object> form) {
        String email = (String) form.get(Variables.EMAIL);
        ProcessInstance onboarding = startOnboarding(form);
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        redeem(codeFromLatestMail(email), identity(email));
        execute(job(LINK_ACCOUNT, onboarding));
        execute(job(SEND_WELCOME_EMAIL, onboarding));
        assertThat(onboarding).isEnded();
        return onboarding;
    }

    private long offboardings() {
        return processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(OnboardingProcess.OFFBOARD_PROCESS_KEY).count();
    }

    private static VerifiedIdentity identity(String email) {
        return new VerifiedIdentity(ISSUER, "subject-of-" + email, email, true, "Ada Lovelace");
    }
}
