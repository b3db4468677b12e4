package dev.portalonboarding.mail;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.REMINDER_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_REMINDER_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.WAIT_FOR_REDEMPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.invitation.InvitationCode;
import dev.portalonboarding.onboarding.InvitationRedemption;
import dev.portalonboarding.onboarding.InvitationRedemption.Outcome;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.invitation.InvitationStatus;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.PortalBrowser;

/**
 * SMTP accepted an email but the job's transaction never committed (a node killed, the database gone
 * at commit): the retry sends the same email again, with the same code and Message-ID, and that code
 * redeems the invitation.
 */
class RetriedSendTest extends OnboardingTestBase {

    private static final Pattern LINK = Pattern.compile("https://portal\\.example\\.test/invitations/([A-Za-z0-9_-]{43})");

    @Autowired
    ManagementService management;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    InvitationRepository invitations;
    @LocalServerPort
    int port;

    @Test
    void aRetriedInvitationIsTheSameEmailAndItsLinkWorks() throws Exception {
        String email = uniqueEmail("retried-invitation");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        UUID invitation = invitationId(onboarding);
        Job send = job(SEND_INVITATION_EMAIL, onboarding);

        sendButLoseTheCommit(send);
        assertThat(mailsTo(email)).hasSize(1);
        assertThat(invitations.findById(invitation).orElseThrow().status()).isEqualTo(InvitationStatus.NEW);
        assertThat(management.createJobQuery().jobId(send.getId()).singleResult().getRetries())
                .as("the job never ran, as far as the database knows").isEqualTo(send.getRetries());
        PortalBrowser invitee = new PortalBrowser(port);
        String link = linkIn(mailsTo(email).get(0));
        // Until the retry commits, the delivered link is on the neutral page, as every unknown code
        assertThat(invitee.get(link).statusCode()).isEqualTo(404);

        management.executeJob(send.getId());

        List<MimeMessage> mails = mailsTo(email);
        assertThat(mails).hasSize(2);
        assertThat(linkIn(mails.get(1))).isEqualTo(link);
        assertThat(html(mails.get(1))).isEqualTo(html(mails.get(0)));
        assertThat(mails.get(1).getMessageID()).isEqualTo(mails.get(0).getMessageID())
                .matches("<invitation\\." + invitation + "\\.[0-9a-f]{16}@portal\\.example\\.test>");
        assertThat(onboarding).isWaitingAt(WAIT_FOR_REDEMPTION);
        assertThat(invitee.get(link).statusCode()).isEqualTo(200);
        assertThat(redeem(codeOf(link), identity(email))).isEqualTo(Outcome.REDEEMED);
    }

    @Test
    void aRetriedReminderIsTheSameEmailWithItsOwnCode() throws Exception {
        String email = uniqueEmail("retried-reminder");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        String invitationLink = linkIn(mailsTo(email).get(0));
        execute(job(REMINDER_TIMER, onboarding));
        Job remind = job(SEND_REMINDER_EMAIL, onboarding);

        sendButLoseTheCommit(remind);
        management.executeJob(remind.getId());

        List<MimeMessage> mails = mailsTo(email);
        assertThat(mails).hasSize(3);
        MimeMessage reminder = mails.get(1);
        MimeMessage retried = mails.get(2);
        assertThat(reminder.getSubject()).startsWith("Reminder:");
        assertThat(linkIn(retried)).isEqualTo(linkIn(reminder)).isNotEqualTo(invitationLink);
        assertThat(retried.getMessageID()).isEqualTo(reminder.getMessageID()).startsWith("<reminder.")
                .isNotEqualTo(mails.get(0).getMessageID());
        PortalBrowser invitee = new PortalBrowser(port);
        assertThat(invitee.get(linkIn(reminder)).statusCode()).isEqualTo(200);
        assertThat(invitee.get(invitationLink).statusCode()).isEqualTo(200);
    }

    @Test
    void aRetriedWelcomeKeepsItsMessageId() throws Exception {
        String email = uniqueEmail("retried-welcome");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        UUID invitation = invitationId(onboarding);
        redeem(codeFromLatestMail(email), identity(email));
        execute(job(LINK_ACCOUNT, onboarding));
        Job welcome = job(SEND_WELCOME_EMAIL, onboarding);

        sendButLoseTheCommit(welcome);
        management.executeJob(welcome.getId());

        List<MimeMessage> mails = mailsTo(email);
        assertThat(mails).hasSize(3);
        assertThat(mails.get(2).getSubject()).isEqualTo("Welcome to the Contoso Test portal");
        assertThat(mails.get(2).getMessageID()).isEqualTo(mails.get(1).getMessageID())
                .isEqualTo("<welcome." + invitation + "@portal.example.test>");
        assertThat(onboarding).isEnded();
    }

    @Test
    void aSecondRunAfterACommittedSendSendsNothing() {
        String email = uniqueEmail("committed");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        UUID invitation = invitationId(onboarding);
        String storedHash = InvitationCode.hash(codeFromLatestMail(email));

        // What a duplicate run of the committed job would try first (markSent and markReminded guard both)
        assertThat(invitations.markSent(invitation, storedHash, Instant.now())).isFalse();
        execute(job(REMINDER_TIMER, onboarding));
        execute(job(SEND_REMINDER_EMAIL, onboarding));
        assertThat(invitations.markReminded(invitation, "0".repeat(64), Instant.now())).isFalse();
        assertThat(mailsTo(email)).hasSize(2);
    }

    /** The job runs and SMTP accepts its email, then its transaction rolls back instead of committing. */
    private void sendButLoseTheCommit(Job job) {
        // The engine joins the surrounding Spring transaction, so the rollback takes all the job did
        new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
            management.executeJob(job.getId());
            transaction.setRollbackOnly();
        });
    }

    private UUID invitationId(ProcessInstance onboarding) {
        return UUID.fromString((String) processEngine.getRuntimeService()
                .getVariable(onboarding.getId(), Variables.INVITATION_ID));
    }

    private static String linkIn(MimeMessage mail) {
        Matcher link = LINK.matcher(plainText(mail));
        assertThat(link.find()).as("a link in the email").isTrue();
        return link.group();
    }

    private static String codeOf(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    private static VerifiedIdentity identity(String email) {
        return new VerifiedIdentity("https://idp.example.test/realms/portal", "subject-of-" + email, email, true,
                "Ada Lovelace");
    }
}
