package dev.portalonboarding.portal;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.portalonboarding.support.Browser;
import dev.portalonboarding.support.OnboardingTestBase;

/**
 * The invited user's journey in a real browser: the link from the email GreenMail received, the
 * landing page, accept, sign-up at the development provider, and the portal page.
 */
class UserJourneyBrowserTest extends OnboardingTestBase {

    private static final String PUBLIC_BASE_URL = "https://portal.example.test";

    @LocalServerPort
    int port;

    @Test
    void invitedUserSignsUpFromTheEmailAndSeesThePortal() {
        String email = uniqueEmail("browser");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));

        try (Browser browser = Browser.open(port)) {
            browser.go(linkFromLatestMail(email).substring(PUBLIC_BASE_URL.length()));
            assertThat(browser.driver().getTitle()).isEqualTo("Your invitation to the Contoso Test portal");
            browser.screenshot("user-1-invitation");
            browser.find(By.id("accept")).click();

            // The development provider's sign-up page, with the invited email filled in from login_hint
            assertThat(browser.find(By.id("email")).getDomProperty("value")).isEqualTo(email);
            browser.find(By.id("name")).sendKeys("Ada Lovelace");
            browser.screenshot("user-2-sign-up");
            browser.find(By.cssSelector("button[type=submit]")).click();

            // Back from the provider at the public base URL, which in this test DNS would send here
            browser.waitUntil(driver -> driver.getCurrentUrl().contains("/login/oauth2/code/portal"));
            browser.go(browser.driver().getCurrentUrl().substring(PUBLIC_BASE_URL.length()));
            browser.waitUntil(driver -> browser.text().contains("Welcome, Ada"));
            assertThat(browser.find(By.id("contact-company")).getText()).isEqualTo("Analytical Engines Ltd");
            browser.screenshot("user-3-portal");
        }
        assertThat(onboarding).isWaitingAt(LINK_ACCOUNT);
    }
}
