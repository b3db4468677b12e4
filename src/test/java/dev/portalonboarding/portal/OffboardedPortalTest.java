package dev.portalonboarding.portal;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.net.http.HttpResponse;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.PortalBrowser;

/**
 * The whole application: once staff offboard a portal user, their open portal session is gone from the
 * shared session table, and signing in again ends on a refusal.
 */
class OffboardedPortalTest extends OnboardingTestBase {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anOffboardedUsersSessionEndsAndThePortalRefusesThem() {
        String email = uniqueEmail("left");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        PortalBrowser browser = new PortalBrowser(port);
        String link = linkFromLatestMail(email);
        HttpResponse<String> atProvider = browser.follow(browser.submit(browser.get(link), "/invitations/accept",
                Map.of("code", codeFromLatestMail(email))));
        browser.follow(browser.signInAtProvider(atProvider, email, "Ada"));
        execute(job(LINK_ACCOUNT, onboarding));
        execute(job(SEND_WELCOME_EMAIL, onboarding));
        assertThat(browser.get("/portal").statusCode()).isEqualTo(200);
        assertThat(sessionsOf("dev-" + email)).isPositive();

        startOffboarding(email, "Left the company");

        assertThat(sessionsOf("dev-" + email)).isZero();
        HttpResponse<String> afterwards = browser.get("/portal");
        assertThat(afterwards.headers().firstValue("Location").orElse("no redirect"))
                .as("signed out").endsWith("/oauth2/authorization/portal");
        // The development provider keeps no accounts to disable, so signing in there still works
        HttpResponse<String> refused = browser.follow(browser.follow(browser.signInAtProvider(
                browser.follow(afterwards), email, "Ada")));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Your portal access has ended").doesNotContain("Welcome");
    }

    private long sessionsOf(String principal) {
        return jdbc.sql("select count(*) from onboarding.spring_session where principal_name = :principal")
                .param("principal", principal).query(Long.class).single();
    }
}
