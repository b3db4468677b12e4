package dev.portalonboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactStatus;
import dev.portalonboarding.mail.OnboardingMails;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.Browser;
import dev.portalonboarding.support.CamundaWebappClient;
import dev.portalonboarding.support.PortalBrowser;

/**
 * The README's first command: the embedded default (H2 file, demo users, job executor on, in-process
 * SMTP catcher, development identity provider) takes a Tasklist start through the development mailbox
 * and the user's sign-up to the portal page, and a restart on the same database adds no definition
 * versions, groups or filters.
 */
class EmbeddedProfileTest {

    @TempDir
    Path dataDirectory;

    @Test
    void staffInviteSomeoneWhoFollowsTheLinkFromTheDevelopmentMailboxToThePortal() throws Exception {
        int smtpPort = freePort();
        int appPort = freePort();
        try (ConfigurableApplicationContext app = start(appPort, smtpPort)) {
            CamundaWebappClient staff = new CamundaWebappClient(appPort);
            assertThat(staff.login("tasklist", "staff", "staff")).isEqualTo(200);
            var started = staff.submitOnboardingStartForm("katherine@example.com");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);

            String mailbox = waitForMailbox(staff, "katherine@example.com");
            assertThat(mailbox).contains("Your invitation to the Example Ltd portal");
            Matcher link = Pattern.compile("http://localhost:" + appPort + "/invitations/[A-Za-z0-9_-]{43}").matcher(mailbox);
            assertThat(link.find()).as("a link in the mailbox").isTrue();

            // The user's side, with the development identity provider of this profile
            PortalBrowser user = new PortalBrowser(appPort);
            HttpResponse<String> landing = user.get(link.group());
            String code = link.group().substring(link.group().lastIndexOf('/') + 1);
            HttpResponse<String> atProvider = user.follow(user.submit(landing, "/invitations/accept", Map.of("code", code)));
            HttpResponse<String> signedIn = user.follow(user.signInAtProvider(atProvider, "katherine@example.com", "Katherine"));
            HttpResponse<String> portal = user.follow(signedIn);
            assertThat(portal.statusCode()).isEqualTo(200);
            assertThat(portal.body()).contains("Welcome, Grace", "katherine@example.com");

            theMailboxShowsDecodedHeadersNewestFirstAndTheHtmlPartSandboxed(app, staff, appPort);
        }
        // The embedded default generated its invitation code secret beside the database, for the restart
        assertThat(dataDirectory.resolve("code-secret")).isRegularFile();

        try (ConfigurableApplicationContext restarted = start(appPort, smtpPort)) {
            ProcessEngine engine = restarted.getBean(ProcessEngine.class);
            assertThat(engine.getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey(OnboardingProcess.PROCESS_KEY).count()).isEqualTo(1);
            assertThat(engine.getFilterService().createFilterQuery()
                    .filterName(CamundaAccessSetup.EXPIRED_INVITATIONS_FILTER).count()).isEqualTo(1);
            assertThat(engine.getAuthorizationService().createAuthorizationQuery()
                    .groupIdIn(CamundaAccessSetup.STAFF_GROUP).resourceId("tasklist").count()).isEqualTo(1);
        }
    }

    /** The welcome after the sign-up, then one to a name that needs MIME encoding (=?UTF-8?Q?J=C3=BCrgen...). */
    private static void theMailboxShowsDecodedHeadersNewestFirstAndTheHtmlPartSandboxed(
            ConfigurableApplicationContext app, CamundaWebappClient client, int appPort) throws InterruptedException {
        waitForMailbox(client, "Welcome to the Example Ltd portal");
        app.getBean(OnboardingMails.class).sendWelcome(new Contact(UUID.randomUUID(), "juergen@example.com", "Jürgen",
                "Müller", "Köln GmbH", "de", List.of("portal-user"), ContactStatus.ACTIVE, null, Instant.now(),
                Instant.now()), UUID.randomUUID());
        String page = waitForMailbox(client, "juergen@example.com");
        HttpResponse<String> mailbox = client.get("/dev/mailbox");

        assertThat(page).contains("Jürgen Müller &lt;juergen@example.com&gt;", "Portal onboarding &lt;onboarding@localhost&gt;")
                .doesNotContain("=?UTF-8?");
        assertThat(page.indexOf("Willkommen im Portal von Example Ltd")).as("newest first")
                .isLessThan(page.indexOf("Welcome to the Example Ltd portal"));
        assertThat(page.indexOf("Welcome to the Example Ltd portal"))
                .isLessThan(page.indexOf("Your invitation to the Example Ltd portal"));
        assertThat(mailbox.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'none'", "frame-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe"));

        Matcher frame = Pattern.compile("<iframe class=\"html\" sandbox=\"\"[^>]* src=\"(/dev/mailbox/\\d+/html)\"")
                .matcher(page);
        assertThat(frame.find()).as("the newest email's HTML part in a frame sandboxed without scripts").isTrue();
        HttpResponse<String> html = client.get(frame.group(1));
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(html.body()).contains("Hallo Jürgen,", "Portal öffnen");
        assertThat(html.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'none'", "sandbox", "frame-ancestors 'self'").doesNotContain("allow-scripts", "script-src"));
        assertThat(html.headers().allValues("Content-Security-Policy")).hasSize(1);
        assertThat(client.get("/dev/mailbox/999/html").statusCode()).isEqualTo(404);

        // As a developer sees it: the HTML part rendered in its frame, beside the text
        try (Browser browser = Browser.open(appPort)) {
            browser.go("/dev/mailbox");
            assertThat(browser.find(By.cssSelector("#mail-2 .to")).getText()).isEqualTo("Jürgen Müller <juergen@example.com>");
            browser.driver().switchTo().frame(browser.find(By.cssSelector("#mail-2 iframe.html")));
            browser.waitUntil(driver -> driver.findElement(By.tagName("body")).getText().contains("Hallo Jürgen,"));
            browser.driver().switchTo().defaultContent();
            ((JavascriptExecutor) browser.driver()).executeScript("window.scrollTo(0, 0)");
            browser.screenshot("dev-mailbox");
        }
    }

    private ConfigurableApplicationContext start(int appPort, int smtpPort) {
        return SpringApplication.run(PortalOnboardingApplication.class,
                "--server.port=" + appPort,
                "--onboarding.public-base-url=http://localhost:" + appPort,
                "--spring.datasource.url=jdbc:h2:file:" + dataDirectory.resolve("onboarding"),
                "--onboarding.invitation.code-secret-file=" + dataDirectory.resolve("code-secret"),
                "--spring.mail.port=" + smtpPort,
                "--onboarding.identity.dev.port=0",
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                "--camunda.bpm.job-execution.max-wait=500");
    }

    private static String waitForMailbox(CamundaWebappClient client, String text) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String page = "";
        while (Instant.now().isBefore(deadline)) {
            page = client.get("/dev/mailbox").body();
            if (page.contains(text)) {
                return page;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Not in the development mailbox: " + text + "\n" + page);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
