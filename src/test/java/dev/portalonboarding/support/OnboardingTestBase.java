package dev.portalonboarding.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.portalonboarding.mail.MailParts;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;

/**
 * One Spring context for all tests: the whole application on PostgreSQL, with GreenMail as SMTP
 * server and the job executor off, so tests drive jobs with {@code execute(job(...))}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class OnboardingTestBase {

    private static final Pattern INVITATION_LINK = Pattern.compile("https?://[^/\\s]+/invitations/([A-Za-z0-9_-]{43})");

    @Autowired
    protected ProcessEngine processEngine;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", TestDatabase::username);
        registry.add("spring.datasource.password", TestDatabase::password);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
    }

    @BeforeEach
    void initAssertions() {
        init(processEngine);
    }

    @AfterEach
    void clearAuthentication() {
        processEngine.getIdentityService().clearAuthentication();
    }

    /** A fresh address per test, so tests never see each other's contacts or mail. */
    protected static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    protected static Map<String, Object> onboardingForm(String email) {
        return Map.of(
                Variables.FIRST_NAME, "Ada",
                Variables.LAST_NAME, "Lovelace",
                Variables.EMAIL, email,
                Variables.COMPANY, "Analytical Engines Ltd",
                Variables.LANGUAGE, "en",
                Variables.ROLES, List.of("portal-user", "order-viewer"),
                Variables.VALIDITY_DAYS, 7);
    }

    protected ProcessInstance startOnboarding(Map<String, Object> form) {
        return processEngine.getRuntimeService().startProcessInstanceByKey(OnboardingProcess.PROCESS_KEY, form);
    }

    protected static List<MimeMessage> mailsTo(String email) {
        return TestMailServer.messagesTo(email);
    }

    protected static String plainText(MimeMessage message) {
        return MailParts.find(message, "text/plain").orElseThrow();
    }

    protected static String html(MimeMessage message) {
        return MailParts.find(message, "text/html").orElseThrow();
    }

    /** The invitation link of the newest email to this address. */
    protected static String linkFromLatestMail(String email) {
        return latestInvitationLink(email).group();
    }

    /** The code in the link of the newest email to this address. */
    protected static String codeFromLatestMail(String email) {
        return latestInvitationLink(email).group(1);
    }

    private static Matcher latestInvitationLink(String email) {
        List<MimeMessage> mails = mailsTo(email);
        if (mails.isEmpty()) {
            throw new AssertionError("No email to " + email);
        }
        Matcher link = INVITATION_LINK.matcher(plainText(mails.get(mails.size() - 1)));
        if (!link.find()) {
            throw new AssertionError("No invitation link in the latest email to " + email);
        }
        return link;
    }
}
