package dev.portalonboarding.portal;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.Duration;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.portalonboarding.support.HeadlessChrome;
import dev.portalonboarding.support.OnboardingTestBase;

/**
 * The invited user's journey in a real browser: the link from the email GreenMail received, the
 * landing page, accept, sign-up at the development provider, and the portal page.
 */
class UserJourneyBrowserTest extends OnboardingTestBase {

    @LocalServerPort
    int port;

    private WebDriver browser;

    @BeforeEach
    void browser() {
        browser = HeadlessChrome.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void invitedUserSignsUpFromTheEmailAndSeesThePortal() {
        String email = uniqueEmail("browser");
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get(linkFromLatestMail(email).replace("https://portal.example.test", "http://localhost:" + port));
        assertThat(browser.getTitle()).isEqualTo("Your invitation to the Contoso Test portal");
        HeadlessChrome.screenshot(browser, "user-1-invitation");
        browser.findElement(By.id("accept")).click();

        // The development provider's sign-up page, with the invited email filled in from login_hint
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
        assertThat(browser.findElement(By.id("email")).getDomProperty("value")).isEqualTo(email);
        browser.findElement(By.id("name")).sendKeys("Ada Lovelace");
        HeadlessChrome.screenshot(browser, "user-2-sign-up");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        // Back from the provider: the public base URL of the test points elsewhere, as DNS would
        wait.until(driver -> driver.getCurrentUrl().contains("/login/oauth2/code/portal"));
        browser.get(browser.getCurrentUrl().replace("https://portal.example.test", "http://localhost:" + port));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Welcome, Ada"));
        assertThat(browser.findElement(By.id("contact-company")).getText()).isEqualTo("Analytical Engines Ltd");
        HeadlessChrome.screenshot(browser, "user-3-portal");
        assertThat(onboarding).isWaitingAt(LINK_ACCOUNT);
    }
}
