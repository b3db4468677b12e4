package dev.portalonboarding.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;

import org.camunda.bpm.BpmPlatform;
import org.camunda.bpm.admin.impl.web.bootstrap.AdminContainerBootstrap;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.web.bootstrap.CockpitContainerBootstrap;
import org.camunda.bpm.container.RuntimeContainerDelegate;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.tasklist.impl.web.bootstrap.TasklistContainerBootstrap;
import org.camunda.bpm.welcome.impl.web.bootstrap.WelcomeContainerBootstrap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactIdentity;
import dev.portalonboarding.contact.ContactEvents;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.mail.MailParts;
import dev.portalonboarding.onboarding.InvitationRedemption;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.security.CamundaAccessSetup;

/**
 * One Spring context for all tests: the whole application on PostgreSQL, with GreenMail as SMTP
 * server and the job executor off, so tests drive jobs with {@code execute(job(...))}, and the metrics
 * registry of production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// The Prometheus registry as in production (Spring Boot tests leave metrics export out by default)
@AutoConfigureObservability(tracing = false)
public abstract class OnboardingTestBase {

    private static final Pattern INVITATION_LINK = Pattern.compile("https?://[^/\\s]+/invitations/([A-Za-z0-9_-]{43})");

    @Autowired
    protected ProcessEngine processEngine;
    @Autowired
    private ServletContext servletContext;
    @Autowired
    private InvitationRedemption invitationRedemption;
    @Autowired
    private ContactRepository contactRepository;
    @Autowired
    protected ContactEvents contactEvents;
    @Autowired
    private JdbcClient jdbcClient;

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
        restoreCamundaWebapps();
        init(processEngine);
    }

    /**
     * EmbeddedProfileTest starts and stops a second application in this JVM. Stopping it unregisters
     * the engine name "default" and clears the webapps' static runtime delegates, which this shared
     * application still needs: set them up again.
     */
    private void restoreCamundaWebapps() {
        if (Cockpit.getRuntimeDelegate() != null) {
            return;
        }
        ProcessEngines.registerProcessEngine(processEngine);
        if (BpmPlatform.getProcessEngineService().getProcessEngine(processEngine.getName()) == null) {
            RuntimeContainerDelegate.INSTANCE.get().registerProcessEngine(processEngine);
        }
        ServletContextEvent started = new ServletContextEvent(servletContext);
        List.of(new CockpitContainerBootstrap(), new AdminContainerBootstrap(), new TasklistContainerBootstrap(),
                new WelcomeContainerBootstrap()).forEach(bootstrap -> bootstrap.contextInitialized(started));
    }

    @AfterEach
    void clearAuthentication() {
        processEngine.getIdentityService().clearAuthentication();
    }

    /** The password of every user the tests create. */
    protected static final String PASSWORD = "correct-horse-battery";

    /** Creates a user in the groups unless it exists; true when it was created. */
    protected boolean user(String id, String... groups) {
        IdentityService identity = processEngine.getIdentityService();
        if (identity.createUserQuery().userId(id).count() > 0) {
            return false;
        }
        User user = identity.newUser(id);
        user.setFirstName(id);
        user.setLastName("(test)");
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        for (String group : groups) {
            identity.createMembership(id, group);
        }
        return true;
    }

    /** Takes one permission on a process definition away from a user, as an administrator would in Admin. */
    protected void revoke(String userId, String processKey, Permission permission) {
        AuthorizationService authorizations = processEngine.getAuthorizationService();
        Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoke.setUserId(userId);
        revoke.setResource(Resources.PROCESS_DEFINITION);
        revoke.setResourceId(processKey);
        revoke.removePermission(permission);
        authorizations.saveAuthorization(revoke);
    }

    /** Runs {@code work} as the engine's authenticated user with these groups, as the webapps would. */
    protected <T> T as(String userId, List<String> groups, Supplier<T> work) {
        processEngine.getIdentityService().setAuthentication(userId, groups);
        try {
            return work.get();
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
    }

    protected <T> T asStaff(String userId, Supplier<T> work) {
        return as(userId, List.of(CamundaAccessSetup.STAFF_GROUP), work);
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

    /** Starts Offboard portal user as its start form does. */
    protected ProcessInstance startOffboarding(String email, String reason) {
        return processEngine.getRuntimeService().startProcessInstanceByKey(OnboardingProcess.OFFBOARD_PROCESS_KEY,
                Map.of(Variables.EMAIL, email, Variables.OFFBOARD_REASON, reason));
    }

    /** Redeems a code as the invitation pages and the sign-in do: find its invitation, then redeem that. */
    protected InvitationRedemption.Outcome redeem(String code, VerifiedIdentity identity) {
        return invitationRedemption.find(code)
                .map(invitation -> invitationRedemption.redeem(invitation.id(), identity))
                .orElse(InvitationRedemption.Outcome.INVALID);
    }

    /**
     * The running onboarding of the contact with this (normalised) email, or null: its business key is the
     * contact id, the email is no process variable.
     */
    protected ProcessInstance runningOnboardingOf(String email) {
        return contactByEmail(email).map(contact -> processEngine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(OnboardingProcess.PROCESS_KEY)
                .processInstanceBusinessKey(contact.id().toString())
                .singleResult()).orElse(null);
    }

    /** The contact with this (normalised) email, if any. */
    protected Optional<Contact> contactByEmail(String email) {
        return contactRepository.findByEmails(List.of(email)).stream().findFirst();
    }

    /** The identities linked to a contact. */
    protected List<ContactIdentity> identitiesOf(UUID contactId) {
        return contactRepository.findIdentities(contactId);
    }

    /** The audit trail of one invitation, oldest first. */
    protected List<InvitationEventType> eventTypesOf(UUID invitationId) {
        return jdbcClient.sql("select type from onboarding.invitation_event where invitation_id = :invitationId order by id")
                .param("invitationId", invitationId)
                .query((rs, row) -> InvitationEventType.valueOf(rs.getString("type")))
                .list();
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
