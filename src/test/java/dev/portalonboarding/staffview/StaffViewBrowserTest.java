package dev.portalonboarding.staffview;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.Browser;
import dev.portalonboarding.support.OnboardingTestBase;

/** Staff follow an onboarding in Tasklist's Onboardings view, and act on it there, in a real browser. */
class StaffViewBrowserTest extends OnboardingTestBase {

    private static final String STAFF = "viewbrowserstaff";

    @LocalServerPort
    int port;

    @BeforeEach
    void staffUser() {
        user(STAFF, CamundaAccessSetup.STAFF_GROUP);
    }

    @Test
    void staffStartAnOnboardingAndFollowAndActOnItInTheOnboardingsView() throws Exception {
        String email = uniqueEmail("view");
        try (Browser browser = Browser.open(port)) {
            firstLoadOfTasklist(browser);
            browser.signIn("tasklist", STAFF, PASSWORD);
            browser.find(By.partialLinkText("Start process")).click();
            browser.clickUntilShown(By.partialLinkText("Portal user onboarding"),
                    By.cssSelector("input[id$='-firstNameField']"));
            field(browser, "firstNameField").sendKeys("Katherine");
            field(browser, "lastNameField").sendKeys("Johnson");
            field(browser, "emailField").sendKeys(email);
            field(browser, "companyField").sendKeys("Langley Research");
            browser.find(By.cssSelector("button[ng-click='startProcessInstance()']")).click();
            browser.waitUntil(page -> runningOnboardingOf(email) != null);
            ProcessInstance onboarding = runningOnboardingOf(email);
            execute(job(SEND_INVITATION_EMAIL, onboarding));

            // One click after the start: the newest onboarding heads the view
            browser.find(By.cssSelector("a.sob-open")).click();
            assertThat(state(browser, onboarding)).isEqualTo("invitation sent");
            browser.screenshot("tasklist-onboardings-sent");

            // The invitee opens the link from the email
            String firstCode = codeFromLatestMail(email);
            assertThat(getLandingPage(firstCode).statusCode()).isEqualTo(200);
            browser.find(By.cssSelector("button.sob-search")).click();
            browser.waitUntil(page -> state(browser, onboarding).equals("invitation opened"));
            assertThat(row(browser, onboarding).findElement(By.cssSelector(".sob-last-event")).getText())
                    .contains("Link opened").doesNotContain("127.0.0.1");
            browser.screenshot("tasklist-onboardings-opened");

            // Resend now, with a reason, from the view: a new invitation replaces the opened one
            row(browser, onboarding).findElement(By.cssSelector("button.sob-resend")).click();
            row(browser, onboarding).findElement(By.cssSelector("input.sob-reason")).sendKeys("Asked for a new link");
            row(browser, onboarding).findElement(By.cssSelector("button.sob-confirm-action")).click();
            browser.waitUntil(page -> state(browser, onboarding).equals("invitation being sent"));
            assertThat(browser.find(By.cssSelector(".sob-notice")).getText()).contains("resent");
            execute(job(SEND_INVITATION_EMAIL, onboarding));
            assertThat(mailsTo(email)).hasSize(2);
            String secondCode = codeFromLatestMail(email);
            assertThat(secondCode).isNotEqualTo(firstCode);
            assertThat(getLandingPage(firstCode).statusCode()).as("the old link is dead").isEqualTo(404);
            browser.find(By.cssSelector("button.sob-search")).click();
            browser.waitUntil(page -> state(browser, onboarding).equals("invitation sent"));
            assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                    .processDefinitionKey(OnboardingProcess.RESEND_PROCESS_KEY).startedBy(STAFF).count())
                    .as("the engine records who resent").isEqualTo(1);

            // Revoke, with a reason, from the view
            row(browser, onboarding).findElement(By.cssSelector("button.sob-revoke")).click();
            row(browser, onboarding).findElement(By.cssSelector("input.sob-reason")).sendKeys("Sent to the wrong person");
            row(browser, onboarding).findElement(By.cssSelector("button.sob-confirm-action")).click();
            browser.waitUntil(page -> state(browser, onboarding).equals("revoked"));
            assertThat(browser.find(By.cssSelector(".sob-notice")).getText()).contains("revoked");
            assertThat(row(browser, onboarding).findElement(By.cssSelector(".sob-last-event")).getText())
                    .contains("Invitation revoked by " + STAFF + ": Sent to the wrong person");
            browser.screenshot("tasklist-onboardings-revoked");

            HistoricProcessInstance revocation = processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                    .processDefinitionKey(OnboardingProcess.REVOKE_PROCESS_KEY).startedBy(STAFF).singleResult();
            assertThat(revocation).as("the engine records who revoked").isNotNull();
            assertThat(getLandingPage(secondCode).statusCode()).isEqualTo(404);
        }
    }

    /**
     * A cold Tasklist (the JVM's first request to it, on a loaded machine) can take longer than one wait
     * of the Browser to draw its login form; later pages are quick.
     */
    private static void firstLoadOfTasklist(Browser browser) throws InterruptedException {
        browser.go("/camunda/app/tasklist/default/");
        By login = By.cssSelector("input[ng-model=username]");
        for (int waited = 0; waited < 120 && !browser.isShown(login); waited++) {
            Thread.sleep(1000);
        }
    }

    private static WebElement field(Browser browser, String componentId) {
        return browser.find(By.cssSelector("input[id$='-" + componentId + "']"));
    }

    private static WebElement row(Browser browser, ProcessInstance onboarding) {
        return browser.find(By.cssSelector("tr.sob-row[data-process-instance-id='" + onboarding.getId() + "']"));
    }

    /** The state the view shows; the view redraws its table after every load. */
    private static String state(Browser browser, ProcessInstance onboarding) {
        try {
            return row(browser, onboarding).findElement(By.cssSelector(".sob-state")).getText();
        } catch (StaleElementReferenceException redrawn) {
            return "";
        }
    }

    /** The invitee's browser fetching the landing page of the emailed link. */
    private HttpResponse<Void> getLandingPage(String code) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/invitations/" + code)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    }

}
