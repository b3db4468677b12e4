package dev.portalonboarding.portal;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.support.Browser;
import dev.portalonboarding.support.OnboardingTestBase;

/**
 * The invited user's journey in a real browser: the link from the email GreenMail received, the
 * branded landing page with its expiry, accept, sign-up at the development provider, and the portal
 * page with the roles as the catalogue names them; in English on a desktop, in German on a phone, and
 * a returning user's sign-in.
 */
class UserJourneyBrowserTest extends OnboardingTestBase {

    private static final String PUBLIC_BASE_URL = "https://portal.example.test";
    /** The button colour of application-test.yml's onboarding.branding.primary-colour, #6b2c91. */
    private static final String PRIMARY = "rgba(107, 44, 145, 1)";

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
            assertBranded(browser);
            assertThat(browser.find(By.id("accept")).getCssValue("background-color")).isEqualTo(PRIMARY);
            assertThat(browser.find(By.id("expiry")).getText())
                    .matches("The invitation is valid until \\w+ \\d{1,2}, \\d{4}, .+ \\(UTC\\)\\.");
            browser.screenshot("user-1-invitation");
            browser.find(By.id("accept")).click();

            // The development provider's sign-up page, with the invited email filled in from login_hint
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Create your account");
            assertThat(browser.find(By.id("email")).getDomProperty("value")).isEqualTo(email);
            browser.find(By.id("name")).sendKeys("Ada Lovelace");
            browser.screenshot("user-2-sign-up");
            browser.find(By.cssSelector("button[type=submit]")).click();

            comeBackFromTheProvider(browser);
            browser.waitUntil(driver -> browser.text().contains("Welcome, Ada"));
            assertThat(browser.find(By.id("contact-company")).getText()).isEqualTo("Analytical Engines Ltd");
            assertThat(browser.find(By.id("contact-roles")).getText()).isEqualTo("Portal user, Order viewer");
            assertBranded(browser);
            browser.screenshot("user-3-portal");

            // A page the portal user may not open leads back to the portal
            browser.go("/history/onboardings");
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("This page is not available");
            assertThat(browser.find(By.linkText("Open the portal")).getDomAttribute("href")).isEqualTo("/portal");
            browser.screenshot("user-4-not-available");

            // Signed out and back: the provider now asks to sign in, not to create an account
            browser.go("/portal");
            browser.find(By.cssSelector("form[action='/portal/sign-out'] button")).click();
            browser.find(By.linkText("Sign in")).click();
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Sign in");
            assertThat(browser.find(By.cssSelector("button[type=submit]")).getText()).isEqualTo("Sign in");
            browser.find(By.id("email")).sendKeys(email);
            browser.find(By.cssSelector("button[type=submit]")).click();
            comeBackFromTheProvider(browser);
            browser.waitUntil(driver -> browser.text().contains("Welcome, Ada"));
        }
        assertThat(onboarding).isWaitingAt(LINK_ACCOUNT);
    }

    @Test
    void aGermanInviteeSignsUpOnAPhone() {
        String email = uniqueEmail("phone");
        Map<String, Object> form = new HashMap<>(onboardingForm(email));
        form.put(Variables.FIRST_NAME, "Jürgen");
        form.put(Variables.LANGUAGE, "de");
        ProcessInstance onboarding = startOnboarding(form);
        execute(job(SEND_INVITATION_EMAIL, onboarding));

        try (Browser browser = Browser.open(port)) {
            browser.driver().manage().window().setSize(new Dimension(390, 844));
            browser.go(linkFromLatestMail(email).substring(PUBLIC_BASE_URL.length()));
            assertThat(browser.driver().getTitle()).isEqualTo("Ihre Einladung zum Portal von Contoso Test");
            assertThat(browser.find(By.id("expiry")).getText())
                    .matches("Die Einladung ist gültig bis \\d{1,2}\\. \\p{L}+ \\d{4}, \\d{2}:\\d{2} \\(UTC\\)\\.");
            assertThat(browser.find(By.id("privacy")).getText()).isEqualTo("Datenschutzhinweise");
            assertFitsTheScreen(browser);
            assertThat(browser.find(By.id("accept")).getSize().getWidth()).as("the button spans the phone's width")
                    .isGreaterThan(300);
            browser.screenshot("user-phone-1-invitation");
            browser.find(By.id("accept")).click();

            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Konto anlegen");
            assertThat(browser.find(By.cssSelector("button[type=submit]")).getText()).isEqualTo("Konto anlegen und anmelden");
            assertThat(browser.find(By.cssSelector("label[for=email]")).getText()).isEqualTo("E-Mail");
            browser.find(By.id("name")).sendKeys("Jürgen Lovelace");
            browser.screenshot("user-phone-2-sign-up");
            browser.find(By.cssSelector("button[type=submit]")).click();

            comeBackFromTheProvider(browser);
            browser.waitUntil(driver -> browser.text().contains("Willkommen, Jürgen"));
            assertThat(browser.find(By.id("contact-roles")).getText()).isEqualTo("Portalnutzer, Bestellungen ansehen");
            assertFitsTheScreen(browser);
            browser.screenshot("user-phone-3-portal");
        }
    }

    /**
     * Back from the provider at the public base URL, which in this test DNS would send here. The
     * provider's own address carries the callback as its redirect_uri, so only a URL that starts with
     * the callback means the browser has left the provider.
     */
    private static void comeBackFromTheProvider(Browser browser) {
        browser.waitUntil(driver -> driver.getCurrentUrl().startsWith(PUBLIC_BASE_URL + "/login/oauth2/code/portal"));
        browser.go(browser.driver().getCurrentUrl().substring(PUBLIC_BASE_URL.length()));
    }

    /** The logo (served by the app), and the support and privacy lines of application-test.yml. */
    private static void assertBranded(Browser browser) {
        assertThat(browser.find(By.cssSelector("header .logo")).getDomAttribute("src"))
                .isEqualTo("/branding/contoso-logo.svg");
        browser.waitUntil(driver -> (Long) ((JavascriptExecutor) driver)
                .executeScript("return document.querySelector('header .logo').naturalWidth") > 0);
        assertThat(browser.find(By.id("support")).getDomAttribute("href")).isEqualTo("mailto:support@contoso.example");
        assertThat(browser.find(By.id("privacy")).getDomAttribute("href")).isEqualTo("https://contoso.example/privacy");
    }

    /** Nothing wider than the screen: no sideways scrolling on a phone. */
    private static void assertFitsTheScreen(Browser browser) {
        JavascriptExecutor page = (JavascriptExecutor) browser.driver();
        Long viewport = (Long) page.executeScript("return window.innerWidth");
        Long content = (Long) page.executeScript("return document.documentElement.scrollWidth");
        assertThat(viewport).as("the browser's viewport").isLessThanOrEqualTo(390);
        assertThat(content).as("the page's width").isLessThanOrEqualTo(viewport);
    }
}
