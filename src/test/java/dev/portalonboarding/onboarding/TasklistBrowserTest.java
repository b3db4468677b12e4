package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.EXPIRY_TIMER;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.REVIEW_EXPIRED_INVITATION;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.WAIT_FOR_REDEMPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.Browser;
import dev.portalonboarding.support.OnboardingTestBase;

/** The staff experience in Tasklist, in a real browser. */
class TasklistBrowserTest extends OnboardingTestBase {

    private static final String STAFF = "browserstaff";
    /** The start form's other fields as both tests fill them in. */
    private static final Map<String, String> GRACE_HOPPER = Map.of("firstNameField", "Grace", "lastNameField", "Hopper",
            "companyField", "US Navy");
    /** A Cyrillic "а" in the domain: the form's pattern lets it through, the server refuses it. */
    private static final String MIXED_SCRIPT_EMAIL = "grace@ex\u0430mple.com";
    /** The email fields' message in the forms, from the Tasklist's user-styles.css. */
    private static final String INVALID_EMAIL_HINT = "Enter a valid email address, such as name@example.com. / "
            + "Geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.com.";

    @LocalServerPort
    int port;

    @BeforeEach
    void staffUser() {
        user(STAFF, CamundaAccessSetup.STAFF_GROUP);
    }

    @Test
    void staffStartAnOnboardingThroughTheFormAndResendItAfterExpiry() {
        String email = uniqueEmail("browser");
        try (Browser browser = Browser.open(port)) {
            browser.signIn("tasklist", STAFF, PASSWORD);
            browser.find(By.partialLinkText("Start process")).click();
            browser.clickUntilShown(By.partialLinkText("Portal user onboarding"),
                    By.cssSelector("input[id$='-firstNameField']"));
            field(browser, "firstNameField").sendKeys("Grace");
            field(browser, "lastNameField").sendKeys("Hopper");
            field(browser, "emailField").sendKeys("grace.hopper-at-navy");
            field(browser, "companyField").sendKeys("US Navy");

            browser.find(By.cssSelector("button[ng-click='startProcessInstance()']")).click();

            // The server's email pattern (InputPolicy.EMAIL_PATTERN), checked in the form, with our message
            // under the field instead of the form library's, which names the raw pattern
            WebElement emailError = browser.find(By.cssSelector("[id$='emailField-error-message']"));
            assertThat(generatedText(browser, emailError.findElement(By.tagName("ul")))).isEqualTo(INVALID_EMAIL_HINT);
            assertThat(emailError.getText()).doesNotContain("pattern");
            browser.screenshot("tasklist-start-form-invalid-email");
            assertThat(startedBy(STAFF)).isZero();

            // A Cyrillic "а" in the domain passes the form's pattern; the server refuses it with our message alone,
            // in sight next to Start
            refusedByTheServer(browser, "Invalid onboarding request: email must be a valid email address (the domain"
                    + " part \"ex\u0430mple\" mixes scripts: [cyrillic, latin])");
            browser.screenshot("tasklist-start-form-server-refusal");
            assertThat(startedBy(STAFF)).isZero();

            field(browser, "emailField").clear();
            field(browser, "emailField").sendKeys(email);
            browser.screenshot("tasklist-start-form");
            browser.find(By.cssSelector("button[ng-click='startProcessInstance()']")).click();
            browser.waitUntil(page -> runningOnboardingOf(email) != null);
            // The Camunda 8 banner is hidden; the version in the footer stays
            assertThat(browser.isShown(By.cssSelector(".ce-eol-banner"))).isFalse();
            assertThat(browser.isShown(By.cssSelector("footer .version, .version"))).isTrue();
        }

        ProcessInstance onboarding = runningOnboardingOf(email);
        assertThat(startedBy(STAFF)).isEqualTo(1);
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        assertThat(mailsTo(email)).hasSize(1);
        execute(job(EXPIRY_TIMER, onboarding));
        assertThat(onboarding).isWaitingAt(REVIEW_EXPIRED_INVITATION);

        Task review = task(REVIEW_EXPIRED_INVITATION, onboarding);
        Filter expired = processEngine.getFilterService().createFilterQuery()
                .filterName(CamundaAccessSetup.EXPIRED_INVITATIONS_FILTER).singleResult();
        processEngine.getIdentityService().setAuthentication(STAFF, List.of(CamundaAccessSetup.STAFF_GROUP));
        assertThat(processEngine.getFilterService().<Task>list(expired.getId()))
                .extracting(Task::getId).contains(review.getId());
        processEngine.getIdentityService().clearAuthentication();

        try (Browser browser = Browser.open(port)) {
            browser.signIn("tasklist", STAFF, PASSWORD);
            browser.find(By.partialLinkText(CamundaAccessSetup.EXPIRED_INVITATIONS_FILTER));
            // Other tests leave review tasks behind: open this onboarding's task in the filter
            browser.go("/camunda/app/tasklist/default/#/?filter=" + expired.getId() + "&task=" + review.getId());
            browser.find(By.cssSelector("[ng-click='claim()']")).click();
            assertThat(browser.find(By.cssSelector("input[id$='-contactName']")).getDomProperty("value"))
                    .isEqualTo(email);
            assertThat(browser.find(By.cssSelector("textarea[id$='-reviewContextField']")).getDomProperty("value"))
                    .contains("Contact / Kontakt: Grace Hopper, US Navy (", "sent / gesendet: ", "status: expired")
                    .doesNotContain(email);
            browser.click(By.cssSelector("[id$='reviewDecisionField-0']"));
            browser.screenshot("tasklist-review-expired-invitation");
            browser.find(By.cssSelector("button[ng-click='complete()']")).click();
            browser.waitUntil(page -> processEngine.getRuntimeService().createProcessInstanceQuery()
                    .processInstanceId(onboarding.getId()).activityIdIn(SEND_INVITATION_EMAIL).count() == 1);
        }

        execute(job(SEND_INVITATION_EMAIL, onboarding));
        assertThat(onboarding).isWaitingAt(WAIT_FOR_REDEMPTION);
        assertThat(mailsTo(email)).hasSize(2);
    }

    @Test
    void aGermanBrowserReadsTheServersRefusalInGerman() {
        try (Browser browser = Browser.open(port, "de-DE")) {
            browser.signIn("tasklist", STAFF, PASSWORD);
            // Tasklist's own texts stay English: its stock locales setting offers no German
            browser.find(By.partialLinkText("Start process")).click();
            browser.clickUntilShown(By.partialLinkText("Portal user onboarding"),
                    By.cssSelector("input[id$='-firstNameField']"));
            field(browser, "firstNameField").sendKeys("Grace");
            field(browser, "lastNameField").sendKeys("Hopper");
            field(browser, "companyField").sendKeys("US Navy");

            refusedByTheServer(browser, "Onboarding nicht gestartet: E-Mail ist keine gültige E-Mail-Adresse (der"
                    + " Domainteil \"ex\u0430mple\" mischt Schriften: [cyrillic, latin])");
            browser.screenshot("tasklist-start-form-server-refusal-de");
        }
        assertThat(startedBy(STAFF)).isZero();
    }

    /**
     * Enters an email whose domain mixes scripts, which the form's pattern lets through, and starts: the
     * dialog shows the server's refusal, exactly our message, within the window next to Start.
     */
    private static void refusedByTheServer(Browser browser, String message) {
        field(browser, "emailField").clear();
        field(browser, "emailField").sendKeys(MIXED_SCRIPT_EMAIL);
        // On a busy machine the form may still take what was typed after the click (form-js takes input after a
        // 300 ms pause or on blur, and may draw the form anew): a Start the form refused itself sent nothing,
        // so start again, with the fields as typed, until the server's answer is there. Each is refused, none starts
        boolean answered = false;
        for (int attempt = 0; attempt < 5 && !answered; attempt++) {
            GRACE_HOPPER.forEach((componentId, value) -> retype(browser, componentId, value));
            retype(browser, "emailField", MIXED_SCRIPT_EMAIL);
            browser.find(By.cssSelector("button[ng-click='startProcessInstance()']")).click();
            answered = browser.becomesTrue(Duration.ofSeconds(10), page -> browser.text().contains(message));
        }
        browser.waitUntil(page -> browser.text().contains(message));
        WebElement refusal = browser.driver().findElements(By.cssSelector(".modal-body [notifications-panel] .alert"))
                .stream().filter(alert -> alert.getText().contains(message)).findFirst().orElseThrow();
        assertThat(refusal.getText()).doesNotContain("Cannot instantiate", OnboardingProcess.PROCESS_KEY + ":");
        // Where Start was when it was clicked: the end of the dialog's body, kept in the window
        assertThat(inWindow(browser, refusal)).as("the refusal in view next to Start").isTrue();
    }

    /** Types the value into the field again if the field no longer holds it. */
    private static void retype(Browser browser, String componentId, String value) {
        WebElement input = field(browser, componentId);
        if (!value.equals(input.getDomProperty("value"))) {
            input.clear();
            input.sendKeys(value);
        }
    }

    /** Whether the element lies wholly within the browser window as it is scrolled now. */
    private static boolean inWindow(Browser browser, WebElement element) {
        return (Boolean) ((JavascriptExecutor) browser.driver()).executeScript("""
                const box = arguments[0].getBoundingClientRect();
                return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
                """, element);
    }

    /** The text our user-styles.css puts after the element (its ::after content), without CSS quotes. */
    private static String generatedText(Browser browser, WebElement element) {
        String content = (String) ((JavascriptExecutor) browser.driver()).executeScript(
                "return getComputedStyle(arguments[0], '::after').content;", element);
        return content.substring(1, content.length() - 1);
    }

    private static WebElement field(Browser browser, String componentId) {
        return browser.find(By.cssSelector("input[id$='-" + componentId + "']"));
    }


    private long startedBy(String user) {
        return processEngine.getHistoryService().createHistoricProcessInstanceQuery().startedBy(user).count();
    }
}
