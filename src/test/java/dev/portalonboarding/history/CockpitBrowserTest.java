package dev.portalonboarding.history;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_CLOSED;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_ONBOARDED;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.REVIEW_EXPIRED_INVITATION;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.START;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.Browser;

/** Auditors read onboardings in Cockpit's Onboardings view, in a real browser; staff cannot. */
class CockpitBrowserTest extends OnboardingStoryTestBase {

    private static final String STAFF = "cockpitstaff";
    private static final String AUDITOR = "cockpitauditor";
    private static final String ENGINE_API = "/camunda/api/engine/engine/default";

    @LocalServerPort
    int port;

    @BeforeEach
    void users() {
        user(STAFF, CamundaAccessSetup.STAFF_GROUP);
        user(AUDITOR, CamundaAccessSetup.AUDITOR_GROUP);
    }

    @Test
    void auditorFindsAFinishedOnboardingAndReadsItsTimelineAndPath() {
        String email = uniqueEmail("cockpit");
        String onboarding = finishedOnboardingAfterAResend(email, STAFF).getId();

        try (Browser browser = Browser.open(port)) {
            browser.signIn("cockpit", AUDITOR, PASSWORD);
            browser.find(By.linkText("Onboardings")).click();
            browser.find(By.cssSelector(".onb-filters input[name=email]")).sendKeys(email);
            browser.find(By.cssSelector(".onb-filters select[name=outcome] option[value=ONBOARDED]")).click();
            browser.find(By.cssSelector(".onb-search")).click();
            browser.find(By.cssSelector("tr[data-process-instance-id='" + onboarding + "']")).click();

            WebElement timeline = browser.find(By.cssSelector(".onb-timeline"));
            assertThat(timeline.getDomProperty("innerText")).contains("Onboarding started by " + STAFF,
                    "Invitation email sent to c***@example.com", "Link opened from " + OPENED_FROM_IP + ", Firefox on Linux",
                    "Reminder email sent", "Invitation expired unused", "Staff " + STAFF + " claimed the review task",
                    "Review task completed by " + STAFF + ": resend", "Staff " + STAFF + " resent the invitation, valid 7 days",
                    "Invitation redeemed by the invitee", "Portal account linked", "Welcome email sent",
                    "Portal user onboarded")
                    .doesNotContain(email, "issueAgain", "serviceTask", "exclusiveGateway", "Create ProcessInstance");
            assertThat(browser.find(By.cssSelector(".onb-summary")).getText()).contains("onboarded", STAFF);
            assertThat(browser.isShown(By.cssSelector(".ce-eol-banner"))).isFalse();
            scrollTo(browser, timeline);
            browser.screenshot("cockpit-onboarding-timeline");

            // The engine's own steps, for an auditor who asks
            browser.find(By.cssSelector(".onb-engine-details")).click();
            browser.waitUntil(page -> browser.find(By.cssSelector(".onb-timeline")).getDomProperty("innerText")
                    .contains("Unnamed exclusive gateway issueAgain"));
            assertThat(browser.driver().findElements(By.cssSelector(".onb-timeline tr.onb-engine-detail"))).isNotEmpty();
            browser.screenshot("cockpit-onboarding-engine-details");
            browser.find(By.cssSelector(".onb-engine-details")).click();
            browser.waitUntil(page -> browser.driver().findElements(By.cssSelector(".onb-timeline tr.onb-engine-detail"))
                    .isEmpty());

            // The path on the BPMN diagram as Cockpit draws it (bpmn-js): flows with arrowheads, the path marked
            WebElement diagram = browser.find(By.cssSelector(".onb-diagram.onb-diagram-ready"));
            // bpmn-js sets marker-end as a style: each sequence flow ends in the arrowhead it defines
            assertThat((Long) ((JavascriptExecutor) browser.driver()).executeScript("""
                    return Array.from(arguments[0].querySelectorAll('.djs-connection .djs-visual > path'))
                        .filter(flow => getComputedStyle(flow).markerEnd.startsWith('url('))
                        .length""", diagram)).isGreaterThan(10);
            assertThat(diagram.findElements(By.cssSelector("defs marker[id^='sequenceflow-end'] path"))).isNotEmpty();
            for (String passed : List.of(START, REVIEW_EXPIRED_INVITATION, SEND_WELCOME_EMAIL, END_ONBOARDED)) {
                assertThat(diagram.findElement(By.cssSelector(".djs-element[data-element-id='" + passed + "']"))
                        .getDomAttribute("class")).as(passed).contains("onb-passed");
            }
            assertThat(diagram.findElement(By.cssSelector(".djs-element[data-element-id='" + END_CLOSED + "']"))
                    .getDomAttribute("class")).doesNotContain("onb-passed");
            assertThat(diagram.findElements(By.cssSelector(".djs-connection.onb-taken"))).isNotEmpty();
            // Events and gateways are drawn as BPMN draws them: circles, diamonds
            assertThat(diagram.findElements(By.cssSelector(".djs-element[data-element-id='" + END_ONBOARDED
                    + "'] .djs-visual circle"))).hasSize(1);
            assertThat(diagram.findElements(By.cssSelector(".djs-shape .djs-visual polygon"))).hasSizeGreaterThan(2);
            scrollTo(browser, diagram);
            browser.screenshot("cockpit-onboarding-path");

            // The view reads only: its buttons search, page and download
            assertThat(browser.driver().findElements(By.cssSelector(".onb button")))
                    .extracting(button -> button.getDomProperty("textContent"))
                    .allMatch(text -> List.of("Search", "‹ Newer", "Older ›", "Show funnel").contains(text));
            assertThat(browser.driver().findElements(By.cssSelector(".onb form[method=post]"))).isEmpty();
            String csv = browser.find(By.cssSelector(".onb-csv")).getDomProperty("href");
            assertThat(csv).contains("/history/onboardings.csv?email=");
            assertThat(browser.fetchStatus("GET", csv, null)).isEqualTo(200);

            // The details have an address of their own, to bookmark or hand to a colleague
            String permalink = browser.find(By.cssSelector(".onb-permalink")).getDomProperty("href");
            // Opened as a bookmark is, in a page loaded afresh (only the address's fragment differs from Cockpit's)
            browser.driver().get("about:blank");
            browser.driver().get(permalink);
            assertThat(browser.find(By.cssSelector(".onb-summary")).getText()).contains("onboarded", STAFF);
            assertThat(browser.find(By.cssSelector(".onb-details h2")).getText()).contains(email);
        }
    }

    @Test
    void auditorSeesTheFunnelOfADateRange() {
        finishedOnboardingAfterAResend(uniqueEmail("cockpit-funnel"), STAFF);

        try (Browser browser = Browser.open(port)) {
            browser.signIn("cockpit", AUDITOR, PASSWORD);
            browser.find(By.linkText("Onboardings")).click();
            // The default range, the last 30 days to tomorrow, holds today's onboarding
            // The row is drawn before its count arrives
            By sentCount = By.cssSelector(".onb-funnel-row[data-stage=sent] .onb-funnel-count");
            browser.waitUntil(page -> browser.find(sentCount).getText().matches("\\d+"));
            assertThat(Integer.parseInt(browser.find(sentCount).getText())).isGreaterThanOrEqualTo(2);
            assertThat(browser.driver().findElements(By.cssSelector(".onb-funnel-row")))
                    .extracting(row -> row.getDomAttribute("data-stage"))
                    .containsExactly("sent", "opened", "accepted", "redeemed", "linked", "expired", "revoked");
            browser.screenshot("cockpit-onboarding-funnel");

            JavascriptExecutor script = (JavascriptExecutor) browser.driver();
            script.executeScript("arguments[0].value = '2000-01-01'", browser.find(By.cssSelector("input[name=funnelFrom]")));
            script.executeScript("arguments[0].value = '2000-01-02'", browser.find(By.cssSelector("input[name=funnelTo]")));
            browser.find(By.cssSelector(".onb-funnel-show")).click();
            browser.find(By.xpath("//div[contains(@class,'onb-funnel-row') and @data-stage='sent']/span[@class='onb-funnel-count' and text()='0']"));
        }
    }

    @Test
    void auditorsCannotChangeAnythingThroughTheApi() {
        ProcessInstance running = startOnboarding(onboardingForm(uniqueEmail("cockpit-running")));

        try (Browser browser = Browser.open(port)) {
            browser.signIn("cockpit", AUDITOR, PASSWORD);
            browser.find(By.linkText("Onboardings"));

            assertThat(browser.fetchStatus("PUT", ENGINE_API + "/process-instance/" + running.getId() + "/suspended",
                    "{\"suspended\": true}")).isEqualTo(403);
            assertThat(browser.fetchStatus("DELETE", ENGINE_API + "/process-instance/" + running.getId(), null))
                    .isEqualTo(403);
            // Refused before the engine's permission check: nobody but admins writes variables directly
            assertThat(browser.fetchStatus("POST", ENGINE_API + "/process-instance/" + running.getId()
                    + "/variables", "{\"modifications\": {\"email\": {\"value\": \"x@example.com\"}}}"))
                    .isEqualTo(400);
            assertThat(browser.fetchStatus("POST", "/history/onboardings", "{}")).isEqualTo(403);
        }
        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(running.getId()).active().count()).isEqualTo(1);
    }

    @Test
    void staffCannotOpenCockpitOrTheAuditorView() {
        try (Browser browser = Browser.open(port)) {
            browser.signIn("cockpit", STAFF, PASSWORD);
            browser.waitUntil(page -> browser.text().contains("missing access rights"));
            // Camunda's refusal names no way on; the hint under the form does
            assertThat(browser.find(By.cssSelector(".onb-login-hint")).getText())
                    .isEqualTo("Cockpit is for auditors and operators. For onboarding staff: open Tasklist.");
            browser.screenshot("cockpit-staff-refused");
            browser.find(By.cssSelector(".onb-login-hint a")).click();
            browser.waitUntil(page -> page.getCurrentUrl().contains("/camunda/app/tasklist/"));
            assertThat(browser.find(By.cssSelector(".onb-login-hint")).getText())
                    .isEqualTo("Tasklist is for onboarding staff. For auditors and operators: open Cockpit.");

            browser.find(By.cssSelector("input[ng-model=username]")).sendKeys(STAFF);
            browser.find(By.cssSelector("input[ng-model=password]")).sendKeys(PASSWORD);
            browser.find(By.cssSelector("form button[type=submit]")).click();
            browser.find(By.partialLinkText("Start process"));
            // Signed in to Tasklist, the Cockpit page itself is refused
            browser.go("/camunda/app/cockpit/default/#/onboardings");
            browser.waitUntil(page -> browser.text().contains("403"));
            assertThat(browser.isShown(By.cssSelector(".onb"))).isFalse();
            assertThat(browser.fetchStatus("GET", "/camunda/app/cockpit/default/", null)).isEqualTo(403);
            assertThat(browser.fetchStatus("GET", "/history/onboardings", null)).isEqualTo(403);
        }
    }

    @Test
    void anAuditorRefusedAtAdminReadsWhereAuditorsWork() {
        try (Browser browser = Browser.open(port)) {
            browser.signIn("admin", AUDITOR, PASSWORD);
            browser.waitUntil(page -> browser.text().contains("missing access rights"));
            assertThat(browser.find(By.cssSelector(".onb-login-hint")).getText()).isEqualTo("Admin is for administrators. "
                    + "For onboarding staff: open Tasklist. For auditors and operators: open Cockpit.");
            browser.find(By.linkText("open Cockpit")).click();
            browser.waitUntil(page -> page.getCurrentUrl().contains("/camunda/app/cockpit/"));
        }
    }

    private static void scrollTo(Browser browser, WebElement element) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", element);
    }
}
