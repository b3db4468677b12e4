package dev.portalonboarding.metrics;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.EXPIRY_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.ScriptClient;

/** The funnel counters move over real journeys, read as Prometheus scrapes them. */
class FunnelMetricsTest extends OnboardingTestBase {

    @LocalServerPort
    int port;

    @Test
    void eachStepOfTheJourneysCountsOnceInTheScrape() throws Exception {
        String before = scrape();

        String email = uniqueEmail("counted");
        ProcessInstance onboarded = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarded));
        String link = linkFromLatestMail(email);
        String code = codeFromLatestMail(email);
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + URI.create(link).getRawPath())).build(),
                HttpResponse.BodyHandlers.discarding());
        redeem(code, new VerifiedIdentity("https://idp.example.test", "sub-" + email, email, true, "Ada"));
        execute(job(LINK_ACCOUNT, onboarded));
        execute(job(SEND_WELCOME_EMAIL, onboarded));

        String revokedEmail = uniqueEmail("counted-revoked");
        execute(job(SEND_INVITATION_EMAIL, startOnboarding(onboardingForm(revokedEmail))));
        processEngine.getRuntimeService().startProcessInstanceByKey(OnboardingProcess.REVOKE_PROCESS_KEY,
                Map.of(Variables.EMAIL, revokedEmail, Variables.REVOKE_REASON, "Wrong person"));
        ProcessInstance expired = startOnboarding(onboardingForm(uniqueEmail("counted-expired")));
        execute(job(SEND_INVITATION_EMAIL, expired));
        execute(job(EXPIRY_TIMER, expired));

        String after = scrape();
        // Other tests may run in this JVM: at least these steps, and the stages that did not happen here unchanged
        assertThat(stage(after, "sent") - stage(before, "sent")).isGreaterThanOrEqualTo(3);
        assertThat(stage(after, "opened") - stage(before, "opened")).isGreaterThanOrEqualTo(1);
        assertThat(stage(after, "redeemed") - stage(before, "redeemed")).isGreaterThanOrEqualTo(1);
        assertThat(stage(after, "linked") - stage(before, "linked")).isGreaterThanOrEqualTo(1);
        assertThat(stage(after, "revoked") - stage(before, "revoked")).isGreaterThanOrEqualTo(1);
        assertThat(stage(after, "expired") - stage(before, "expired")).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "onboarding_invitation_sent_to_redeemed_seconds_count"))
                .isGreaterThan(value(before, "onboarding_invitation_sent_to_redeemed_seconds_count"));
    }

    private String scrape() {
        var response = ScriptClient.as(port, "prometheus", "test-metrics-password").scrape("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static double stage(String scrape, String stage) {
        return value(scrape, "onboarding_invitation_events_total(?=\\{[^}]*stage=\"" + stage + "\")");
    }

    private static double value(String scrape, String series) {
        Matcher line = Pattern.compile("(?m)^" + series + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
