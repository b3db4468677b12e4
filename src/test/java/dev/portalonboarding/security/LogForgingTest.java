package dev.portalonboarding.security;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.PortalBrowser;

/** No value from a request can start a log line of its own, through the application's real logging configuration. */
@ExtendWith(OutputCaptureExtension.class)
class LogForgingTest extends OnboardingTestBase {

    /** CR/LF, NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, each followed by what would be a forged line. */
    private static final String FORGERY = "access_denied\r\n2025-01-01T00:00:00Z  INFO forged-crlf\u0085forged-nel"
            + "\u2028forged-ls\u2029forged-ps";

    @LocalServerPort
    int port;

    @Test
    void aLineBreakInTheSignInCallbacksErrorStaysInItsLogLine(CapturedOutput output) {
        String email = uniqueEmail("log-forging");
        execute(job(SEND_INVITATION_EMAIL, startOnboarding(onboardingForm(email))));
        PortalBrowser browser = new PortalBrowser(port);
        String link = linkFromLatestMail(email);
        HttpResponse<String> toProvider = browser.follow(browser.submit(browser.get(link), "/invitations/accept",
                Map.of("code", link.substring(link.lastIndexOf('/') + 1))));
        String state = PortalBrowser.queryOf(toProvider.headers().firstValue("Location").orElseThrow()).get("state");

        HttpResponse<String> callback = browser.get("/login/oauth2/code/portal?state=" + state + "&error="
                + java.net.URLEncoder.encode(FORGERY, java.nio.charset.StandardCharsets.UTF_8));

        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(output.getOut().lines().filter(line -> line.contains("forged")))
                .singleElement().asString()
                .contains("Sign-in at the identity provider did not complete", "access_denied\\r\\n",
                        "\\u0085forged-nel", "\\u2028forged-ls", "\\u2029forged-ps");
    }

    @Test
    void theProductionProfileLogsOneJsonObjectPerLine(CapturedOutput output) throws Exception {
        // Boot configures logging once per JVM; let the next application configure it again
        LoggingSystem.get(getClass().getClassLoader()).cleanUp();
        try (ConfigurableApplicationContext production = logging("prod",
                "--onboarding.public-base-url=https://portal.example.com", "--spring.mail.host=smtp.example.com",
                "--camunda.bpm.admin-user.password=s3cret", "--spring.datasource.url=jdbc:postgresql://db/onboarding",
                "--onboarding.identity.provider=keycloak", "--onboarding.metrics.password=scrape-secret",
                "--onboarding.invitation.code-secret=" + "c2VjcmV0".repeat(6))) {
            LoggerFactory.getLogger(LogForgingTest.class).warn("Refused value: {}", FORGERY);
        } finally {
            // Back to the test profile's plain-text logging for the tests that follow in this JVM; left open,
            // as closing it would take the logging set-up down with it
            logging("test");
        }

        String line = output.getOut().lines().filter(l -> l.contains("Refused value")).findFirst().orElseThrow();
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("message").asText()).isEqualTo("Refused value: " + FORGERY);
        assertThat(json.path("log").path("level").asText()).isEqualTo("WARN");
        assertThat(output.getOut().lines().filter(l -> l.contains("forged"))).hasSize(1);
    }

    /** Only the logging of a profile: an empty context, initialised from the application's configuration. */
    private static ConfigurableApplicationContext logging(String profile, String... args) {
        return new SpringApplicationBuilder(NoBeans.class).profiles(profile).web(WebApplicationType.NONE)
                .bannerMode(org.springframework.boot.Banner.Mode.OFF).run(args);
    }

    /** Not a configuration class, or the test context would take it for its own. */
    static class NoBeans {
    }
}
