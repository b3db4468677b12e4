package dev.portalonboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.CamundaWebappClient;

/**
 * The README's first command: the embedded default (H2 file, demo users, job executor on, in-process
 * SMTP catcher) takes a Tasklist start through to an invitation in the development mailbox, and a
 * restart on the same database adds no definition versions, groups or filters.
 */
class EmbeddedProfileTest {

    @TempDir
    Path dataDirectory;

    @Test
    void staffInviteSomeoneAndTheInvitationShowsInTheDevelopmentMailbox() throws Exception {
        int smtpPort = freePort();
        try (ConfigurableApplicationContext app = start(smtpPort)) {
            CamundaWebappClient staff = new CamundaWebappClient(port(app));
            assertThat(staff.login("tasklist", "staff", "staff")).isEqualTo(200);
            var started = staff.submitOnboardingStartForm("katherine@example.com");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);

            String mailbox = waitForMailbox(staff, "katherine@example.com");
            assertThat(mailbox).contains("Your invitation to the Example Ltd portal", "http://localhost:8080/invitations/");
        }

        try (ConfigurableApplicationContext restarted = start(smtpPort)) {
            ProcessEngine engine = restarted.getBean(ProcessEngine.class);
            assertThat(engine.getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey(OnboardingProcess.PROCESS_KEY).count()).isEqualTo(1);
            assertThat(engine.getFilterService().createFilterQuery()
                    .filterName(CamundaAccessSetup.EXPIRED_INVITATIONS_FILTER).count()).isEqualTo(1);
            assertThat(engine.getAuthorizationService().createAuthorizationQuery()
                    .groupIdIn(CamundaAccessSetup.STAFF_GROUP).resourceId("tasklist").count()).isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start(int smtpPort) {
        return SpringApplication.run(PortalOnboardingApplication.class,
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dataDirectory.resolve("onboarding"),
                "--spring.mail.port=" + smtpPort,
                "--onboarding.identity.dev.port=0",
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                "--camunda.bpm.job-execution.max-wait=500");
    }

    private static String waitForMailbox(CamundaWebappClient client, String email) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String page = "";
        while (Instant.now().isBefore(deadline)) {
            page = client.get("/dev/mailbox").body();
            if (page.contains(email)) {
                return page;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("No invitation in the development mailbox:\n" + page);
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
