package dev.portalonboarding.mail;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portalonboarding.invitation.InvitationCode;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.support.OnboardingTestBase;

/** What the invitation email says, checked on what GreenMail received over SMTP. */
class InvitationEmailTest extends OnboardingTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void englishInvitationHasBothPartsTheOrganisationTheExpiryAndALinkOnTheConfiguredBaseUrl() throws Exception {
        String email = uniqueEmail("english");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));

        MimeMessage mail = mailsTo(email).get(0);
        assertThat(mail.getSubject()).isEqualTo("Your invitation to the Contoso Test portal");
        assertThat(((InternetAddress) mail.getAllRecipients()[0]).getPersonal()).isEqualTo("Ada Lovelace");
        assertThat(plainText(mail))
                .contains("Hello Ada,", "Contoso Test invites you", "Accept the invitation", "valid until")
                .contains("https://portal.example.test/invitations/");
        assertThat(html(mail))
                .contains("<a href=\"https://portal.example.test/invitations/", "Contoso Test invites you");
    }

    @Test
    void theLinkCarriesACodeWhoseHashIsTheOnlyThingStored() {
        String email = uniqueEmail("hashed");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));

        String code = codeFromLatestMail(email);
        UUID invitationId = UUID.fromString((String) processEngine.getRuntimeService()
                .getVariable(onboarding.getId(), Variables.INVITATION_ID));
        assertThat(code).matches("[A-Za-z0-9_-]{43}"); // 256 bits
        assertThat(jdbc.sql("select code_hash from onboarding.invitation where id = :id").param("id", invitationId)
                .query(String.class).single()).isEqualTo(InvitationCode.hash(code));
        // Neither the engine's variables nor its history hold the code
        assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(onboarding.getId()).list())
                .noneMatch(variable -> String.valueOf(variable.getValue()).contains(code));
    }

    @Test
    void germanContactGetsAGermanInvitation() throws Exception {
        String email = uniqueEmail("german");
        Map<String, Object> form = new HashMap<>(onboardingForm(email));
        form.put(Variables.LANGUAGE, "de");
        ProcessInstance onboarding = startOnboarding(form);
        execute(job(SEND_INVITATION_EMAIL, onboarding));

        MimeMessage mail = mailsTo(email).get(0);
        assertThat(mail.getSubject()).isEqualTo("Ihre Einladung zum Portal von Contoso Test");
        assertThat(plainText(mail)).contains("Hallo Ada,", "Einladung annehmen", "gültig bis");
        assertThat(html(mail)).contains("lädt Sie in sein Kundenportal ein");
    }

    @Test
    void markupInANameArrivesEscapedInTheHtmlPart() {
        String email = uniqueEmail("markup");
        Map<String, Object> form = new HashMap<>(onboardingForm(email));
        form.put(Variables.FIRST_NAME, "<script>alert(1)</script>");
        ProcessInstance onboarding = startOnboarding(form);
        execute(job(SEND_INVITATION_EMAIL, onboarding));

        String html = html(mailsTo(email).get(0));
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
}
