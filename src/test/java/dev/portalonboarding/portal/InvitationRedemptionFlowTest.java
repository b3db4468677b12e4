package dev.portalonboarding.portal;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.EXPIRY_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.WAIT_FOR_REDEMPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactStatus;
import dev.portalonboarding.identity.DevIdentityProvider;
import dev.portalonboarding.identity.IdentityProvider;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.invitation.InvitationStatus;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.PortalBrowser;

/**
 * The external user's journey over real HTTP: the emailed link, the accept click, sign-up at a real
 * OpenID Connect server (the development provider), the callback, and the portal.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvitationRedemptionFlowTest extends OnboardingTestBase {

    @LocalServerPort
    int port;
    @Autowired
    InvitationRepository invitations;
    @Autowired
    DevIdentityProvider provider;
    @Autowired
    JdbcClient jdbc;
    /** The real provider, its calls counted. */
    @MockitoSpyBean
    IdentityProvider identityProvider;

    @Test
    void matchingIdentityRedeemsTheInvitationAndLandsOnThePortal() {
        String email = uniqueEmail("journey");
        ProcessInstance onboarding = invited(email);
        PortalBrowser browser = new PortalBrowser(port);
        clearInvocations(identityProvider);

        HttpResponse<String> landing = browser.get(linkFromLatestMail(email));
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body()).contains("Contoso Test", "Accept invitation", "j***@example.com",
                "The invitation is valid until " + expiryInLatestMail(email) + ".");
        assertThat(landing.headers().firstValue("Referrer-Policy")).contains("no-referrer");

        HttpResponse<String> accepted = browser.submit(landing, "/invitations/accept", Map.of("code", codeFromLatestMail(email)));
        assertThat(location(accepted)).endsWith("/oauth2/authorization/portal");
        assertThat(jdbc.sql("select count(*) from onboarding.spring_session_attributes where attribute_name = :name")
                .param("name", PendingInvitation.class.getName()).query(Long.class).single())
                .as("kept in the shared database, for whichever node serves the callback").isPositive();
        HttpResponse<String> toProvider = browser.follow(accepted);
        String authorizationUrl = location(toProvider);
        assertThat(authorizationUrl).startsWith(provider.authorizationUri());
        assertThat(PortalBrowser.queryOf(authorizationUrl))
                .containsEntry("prompt", "create")
                .containsEntry("login_hint", email)
                .containsEntry("ui_locales", "en")
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge")
                .containsEntry("redirect_uri", "https://portal.example.test/login/oauth2/code/portal");

        HttpResponse<String> callback = browser.signInAtProvider(toProvider, email.toUpperCase(), "Ada Lovelace");
        HttpResponse<String> signedIn = browser.follow(callback);
        assertThat(location(signedIn)).endsWith("/portal");

        assertThat(onboarding).isWaitingAt(LINK_ACCOUNT)
                .variables().doesNotContainKeys(Variables.IDENTITY_ISSUER, Variables.IDENTITY_SUBJECT,
                        Variables.IDENTITY_EMAIL, Variables.IDENTITY_NAME);
        HttpResponse<String> portal = browser.follow(signedIn);
        assertThat(portal.statusCode()).isEqualTo(200);
        assertThat(portal.body()).contains("Welcome, Ada", "Analytical Engines Ltd", "being set up");

        execute(job(LINK_ACCOUNT, onboarding));
        execute(job(SEND_WELCOME_EMAIL, onboarding));
        assertThat(onboarding).isEnded();
        Contact contact = contactByEmail(email).orElseThrow();
        assertThat(contact.status()).isEqualTo(ContactStatus.ACTIVE);
        assertThat(identitiesOf(contact.id())).singleElement().satisfies(identity -> {
            assertThat(identity.issuer()).isEqualTo(provider.issuer());
            assertThat(identity.subject()).isEqualTo("dev-" + email);
        });
        assertThat(browser.get("/portal").body()).contains("Portal user, Order viewer").doesNotContain("being set up");
        verify(identityProvider, times(1).description("the provider's rules, once for the sign-in and its pages"))
                .identify(any());
        assertThat(eventTypes(onboarding)).contains(InvitationEventType.OPENED, InvitationEventType.ACCEPT_CLICKED,
                InvitationEventType.REDEEMED, InvitationEventType.LINKED);
    }

    @Test
    void aReturningUserSignsInToThePortalAndAnUninvitedOneIsRefused() {
        String email = uniqueEmail("returning");
        ProcessInstance onboarding = invited(email);
        redeem(new PortalBrowser(port), linkFromLatestMail(email), email);
        execute(job(LINK_ACCOUNT, onboarding));

        PortalBrowser nextDay = new PortalBrowser(port);
        HttpResponse<String> toSignIn = nextDay.get("/portal");
        assertThat(location(toSignIn)).endsWith("/oauth2/authorization/portal");
        HttpResponse<String> atProvider = nextDay.follow(toSignIn);
        assertThat(PortalBrowser.queryOf(location(atProvider))).doesNotContainKeys("prompt", "login_hint");
        HttpResponse<String> portal = nextDay.follow(nextDay.follow(nextDay.signInAtProvider(atProvider, email, "Ada")));
        assertThat(portal.statusCode()).isEqualTo(200);
        assertThat(portal.body()).contains("Welcome, Ada", "Analytical Engines Ltd");

        PortalBrowser stranger = new PortalBrowser(port);
        HttpResponse<String> refused = stranger.follow(stranger.follow(stranger.signInAtProvider(
                stranger.follow(stranger.get("/portal")), "stranger@example.org", "Stranger")));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("by invitation only", "stranger@example.org");
    }

    /** RedemptionBenchmark found each such visit keeping a pooled connection, until none was left for anyone. */
    @Test
    void thePortalShownAgainAndAgainBeforeLinkAccountHasRunKeepsNoDatabaseConnection() {
        String email = uniqueEmail("early");
        ProcessInstance onboarding = invited(email);
        PortalBrowser browser = new PortalBrowser(port);
        redeem(browser, linkFromLatestMail(email), email);
        assertThat(onboarding).isWaitingAt(LINK_ACCOUNT);

        // More visits than the pool has connections (10)
        for (int visit = 0; visit < 12; visit++) {
            HttpResponse<String> portal = browser.get("/portal");
            assertThat(portal.statusCode()).isEqualTo(200);
            assertThat(portal.body()).contains("Welcome, Ada", "being set up");
        }
    }

    @Test
    void aGermanContactGetsTheLandingPageInGerman() {
        String email = uniqueEmail("deutsch");
        Map<String, Object> form = new HashMap<>(onboardingForm(email));
        form.put(Variables.LANGUAGE, "de");
        ProcessInstance onboarding = startOnboarding(form);
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        PortalBrowser browser = new PortalBrowser(port);

        HttpResponse<String> landing = browser.get(linkFromLatestMail(email));

        assertThat(landing.body()).contains("lang=\"de\"", "Einladung annehmen", "Datenschutzhinweise",
                "Die Einladung ist gültig bis " + expiryInLatestMail(email) + ".");
        assertThat(expiryInLatestMail(email)).as("with its time zone").endsWith(" (UTC)");
        HttpResponse<String> toProvider = browser.follow(browser.submit(landing, "/invitations/accept",
                Map.of("code", codeFromLatestMail(email))));
        assertThat(PortalBrowser.queryOf(location(toProvider))).containsEntry("ui_locales", "de");
    }

    @Test
    void codesNeverAppearInTheLog(CapturedOutput log) {
        String email = uniqueEmail("logged");
        invited(email);
        String code = codeFromLatestMail(email);
        PortalBrowser browser = new PortalBrowser(port);

        redeem(browser, linkFromLatestMail(email), email);
        browser.get(linkFromLatestMail(email));
        browser.get("/invitations/" + unknownCode());

        assertThat(log.getAll()).doesNotContain(code);
    }

    @Test
    void mismatchedIdentityIsToldSoAndTheInvitationStaysValid() {
        String email = uniqueEmail("mismatch");
        ProcessInstance onboarding = invited(email);
        PortalBrowser browser = new PortalBrowser(port);
        HttpResponse<String> landing = browser.get(linkFromLatestMail(email));
        HttpResponse<String> toProvider = browser.follow(
                browser.submit(landing, "/invitations/accept", Map.of("code", codeFromLatestMail(email))));

        HttpResponse<String> mismatch = browser.follow(browser.follow(
                browser.signInAtProvider(toProvider, "someone.else@example.org", "Someone Else")));

        assertThat(mismatch.body()).contains("You signed in as someone.else@example.org", "m***@example.com",
                "still valid");
        assertThat(invitation(onboarding).status()).isEqualTo(InvitationStatus.SENT);
        assertThat(onboarding).isWaitingAt(WAIT_FOR_REDEMPTION);
        assertThat(eventTypes(onboarding)).contains(InvitationEventType.IDENTITY_MISMATCH);
        assertThat(browser.get("/portal").statusCode()).as("signed out again").isEqualTo(302);

        HttpResponse<String> again = browser.follow(browser.submit(mismatch, "/invitations/another-account", Map.of()));
        assertThat(PortalBrowser.queryOf(location(again)))
                .containsEntry("prompt", "login");
        HttpResponse<String> portal = browser.follow(browser.signInAtProvider(again, email, "Ada Lovelace"));
        assertThat(location(portal)).endsWith("/portal");
        assertThat(onboarding).isWaitingAt(LINK_ACCOUNT);
    }

    @Test
    void unknownMalformedExpiredRevokedAndUsedCodesAllGetTheSameNeutralPage() {
        String expiredEmail = uniqueEmail("expired");
        ProcessInstance expired = invited(expiredEmail);
        String expiredLink = linkFromLatestMail(expiredEmail);
        execute(job(EXPIRY_TIMER, expired));

        String revokedEmail = uniqueEmail("revoked");
        invited(revokedEmail);
        String revokedLink = linkFromLatestMail(revokedEmail);
        processEngine.getRuntimeService().startProcessInstanceByKey(OnboardingProcess.REVOKE_PROCESS_KEY,
                Map.of(Variables.EMAIL, revokedEmail, Variables.REVOKE_REASON, "wrong person"));

        String usedEmail = uniqueEmail("used");
        invited(usedEmail);
        String usedLink = linkFromLatestMail(usedEmail);
        redeem(new PortalBrowser(port), usedLink, usedEmail);

        PortalBrowser stranger = new PortalBrowser(port);
        List<String> links = List.of(expiredLink, revokedLink, usedLink,
                "/invitations/" + unknownCode(), "/invitations/not-a-code", "/invitations/%3Cscript%3E");
        List<String> pages = new ArrayList<>();
        for (String link : links) {
            HttpResponse<String> page = stranger.get(link);
            assertThat(page.statusCode()).as(link).isEqualTo(404);
            assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(page.body()).contains("This invitation link cannot be used", "Request a new invitation")
                    .doesNotContain("Exception", "at dev.");
            pages.add(page.body().replaceAll("value=\"[^\"]*\"", "value=\"…\""));
        }
        assertThat(pages).as("indistinguishable").allMatch(page -> page.equals(pages.get(0)));
    }

    @Test
    void aNewInvitationRequestedFromAnExpiredLinkIsNotedOnTheReviewTask() {
        String email = uniqueEmail("request-new");
        ProcessInstance onboarding = invited(email);
        String link = linkFromLatestMail(email);
        execute(job(EXPIRY_TIMER, onboarding));
        PortalBrowser browser = new PortalBrowser(port);

        HttpResponse<String> neutral = browser.get(link);
        HttpResponse<String> received = browser.submit(neutral, "/invitations/request-new",
                Map.of("code", codeFromLatestMail(email)));

        assertThat(received.body()).contains("passed your request on");
        String taskId = processEngine.getTaskService().createTaskQuery().processInstanceId(onboarding.getId())
                .singleResult().getId();
        assertThat(processEngine.getTaskService().getVariableLocal(taskId, Variables.NEW_INVITATION_REQUESTED))
                .isEqualTo(true);
        assertThat(eventTypes(onboarding)).contains(InvitationEventType.NEW_INVITATION_REQUESTED);
    }

    @Test
    void getAndHeadOfTheLinkChangeNothing() {
        String email = uniqueEmail("scanner");
        ProcessInstance onboarding = invited(email);
        PortalBrowser scanner = new PortalBrowser(port);

        assertThat(scanner.get(linkFromLatestMail(email)).statusCode()).isEqualTo(200);
        assertThat(scanner.head(linkFromLatestMail(email)).statusCode()).isEqualTo(200);
        assertThat(scanner.get(linkFromLatestMail(email)).statusCode()).isEqualTo(200);

        assertThat(invitation(onboarding).status()).isEqualTo(InvitationStatus.SENT);
        assertThat(onboarding).isWaitingAt(WAIT_FOR_REDEMPTION);
        assertThat(eventTypes(onboarding)).filteredOn(type -> type == InvitationEventType.OPENED).hasSize(3);
        assertThat(eventTypes(onboarding)).doesNotContain(InvitationEventType.ACCEPT_CLICKED, InvitationEventType.REDEEMED);
    }

    @Test
    void aSecondAcceptanceAfterRedemptionIsToldToSignIn() {
        String email = uniqueEmail("twice");
        ProcessInstance onboarding = invited(email);
        String link = linkFromLatestMail(email);
        PortalBrowser laptop = new PortalBrowser(port);
        PortalBrowser phone = new PortalBrowser(port);
        // Both accept before either comes back from the provider
        HttpResponse<String> laptopAtProvider = laptop.follow(laptop.submit(laptop.get(link), "/invitations/accept",
                Map.of("code", codeFromLatestMail(email))));
        HttpResponse<String> phoneAtProvider = phone.follow(phone.submit(phone.get(link), "/invitations/accept",
                Map.of("code", codeFromLatestMail(email))));

        HttpResponse<String> first = laptop.follow(laptop.signInAtProvider(laptopAtProvider, email, "Ada"));
        HttpResponse<String> second = phone.follow(phone.signInAtProvider(phoneAtProvider, email, "Ada"));

        assertThat(location(first)).endsWith("/portal");
        assertThat(location(second)).endsWith("/invitations/already-accepted");
        assertThat(phone.follow(second).body()).contains("already accepted");
        assertThat(eventTypes(onboarding)).filteredOn(type -> type == InvitationEventType.REDEEMED).hasSize(1);
        // Clicking the link again later is a used code: the neutral page, which offers to sign in
        assertThat(laptop.get(link).statusCode()).isEqualTo(404);
    }

    @Test
    void fiftyConcurrentCallbacksForOneInvitationRedeemItOnce() throws Exception {
        String email = uniqueEmail("race");
        ProcessInstance onboarding = invited(email);
        String link = linkFromLatestMail(email);
        String code = codeFromLatestMail(email);
        List<PortalBrowser> browsers = new ArrayList<>();
        List<HttpResponse<String>> callbacks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            PortalBrowser browser = new PortalBrowser(port);
            HttpResponse<String> atProvider = browser.follow(browser.submit(browser.get(link), "/invitations/accept",
                    Map.of("code", code)));
            browsers.add(browser);
            callbacks.add(browser.signInAtProvider(atProvider, email, "Ada"));
        }

        ExecutorService threads = Executors.newFixedThreadPool(50);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            PortalBrowser browser = browsers.get(i);
            HttpResponse<String> callback = callbacks.get(i);
            results.add(threads.submit((Callable<HttpResponse<String>>) () -> browser.follow(callback)));
        }
        List<String> destinations = new ArrayList<>();
        for (Future<HttpResponse<String>> result : results) {
            destinations.add(location(result.get()));
        }
        threads.shutdown();

        assertThat(destinations).filteredOn(d -> d.endsWith("/portal")).hasSize(1);
        assertThat(destinations).filteredOn(d -> d.endsWith("/invitations/already-accepted")).hasSize(49);
        assertThat(eventTypes(onboarding)).filteredOn(type -> type == InvitationEventType.REDEEMED).hasSize(1);
        assertThat(onboarding).isWaitingAt(LINK_ACCOUNT);
        assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(onboarding.getId())
                .activityId(LINK_ACCOUNT).count()).isEqualTo(1);
    }

    @Test
    void guessingCodesIsStoppedWithTooManyRequests() throws Exception {
        // Its own client address, so the rest of the suite keeps its allowance
        InetAddress guesser = InetAddress.getByName("127.0.0.7");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            statuses.add(statusFrom(guesser, "/invitations/" + unknownCode()));
        }
        assertThat(statuses.subList(0, 39)).containsOnly(404);
        assertThat(statuses.get(statuses.size() - 1)).isEqualTo(429);
    }

    /** A well-formed code (256 bits, base64url) that no invitation has. */
    private static String unknownCode() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("no redirect: " + response.statusCode());
    }

    private ProcessInstance invited(String email) {
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        return onboarding;
    }

    private void redeem(PortalBrowser browser, String link, String email) {
        HttpResponse<String> atProvider = browser.follow(browser.submit(browser.get(link), "/invitations/accept",
                Map.of("code", link.substring(link.lastIndexOf('/') + 1))));
        assertThat(location(browser.follow(browser.signInAtProvider(atProvider, email, "Ada")))).endsWith("/portal");
    }

    private dev.portalonboarding.invitation.Invitation invitation(ProcessInstance onboarding) {
        return invitations.findById(UUID.fromString((String) processEngine.getRuntimeService()
                .getVariable(onboarding.getId(), Variables.INVITATION_ID))).orElseThrow();
    }

    private List<InvitationEventType> eventTypes(ProcessInstance onboarding) {
        UUID invitationId = UUID.fromString((String) processEngine.getHistoryService()
                .createHistoricVariableInstanceQuery().processInstanceId(onboarding.getId())
                .variableName(Variables.INVITATION_ID).singleResult().getValue());
        return eventTypesOf(invitationId);
    }

    /** A bare HTTP GET from a chosen loopback address; the JDK client cannot pick its source address. */
    private int statusFrom(InetAddress source, String path) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    /** The expiry as the newest email to this address states it, time zone included. */
    private static String expiryInLatestMail(String email) {
        List<MimeMessage> mails = mailsTo(email);
        Matcher expiry = Pattern.compile("(?:valid until|gültig bis) (.+?\\))\\.")
                .matcher(plainText(mails.get(mails.size() - 1)));
        assertThat(expiry.find()).as("an expiry in the email").isTrue();
        return expiry.group(1);
    }
}
