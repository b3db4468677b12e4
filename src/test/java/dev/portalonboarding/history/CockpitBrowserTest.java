package dev.portalonboarding.history;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_ONBOARDED;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.LINK_ACCOUNT;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_WELCOME_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.invitation.InvitationRedemption;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.Browser;
import dev.portalonboarding.support.OnboardingTestBase;

/** Auditors read onboardings in Cockpit's Onboardings view, in a real browser; staff cannot. */
class CockpitBrowserTest extends OnboardingTestBase {

    private static final String STAFF = "cockpitstaff";
    private static final String AUDITOR = "cockpitauditor";
    private static final String PASSWORD = "correct-horse-battery";
    private static final String ENGINE_API = "/camunda/api/engine/engine/default";

    @LocalServerPort
    int port;
    @Autowired
    InvitationRedemption redemption;

    @BeforeEach
    void users() {
        user(STAFF, "Sam", "Staff", CamundaAccessSetup.STAFF_GROUP);
        user(AUDITOR, "Alex", "Auditor", CamundaAccessSetup.AUDITOR_GROUP);
    }

    @Test
    void auditorFindsAFinishedOnboardingAndReadsItsTimelineAndPath() {
        String email = uniqueEmail("cockpit");
        String onboarding = finishedOnboarding(email);

        try (Browser browser = Browser.open(port)) {
            browser.signIn("cockpit", AUDITOR, PASSWORD);
            browser.find(By.linkText("Onboardings")).click();
            browser.find(By.cssSelector(".onb-filters input[name=email]")).sendKeys(email);
            browser.find(By.cssSelector(".onb-filters select[name=outcome] option[value=ONBOARDED]")).click();
            browser.find(By.cssSelector(".onb-search")).click();
            browser.find(By.cssSelector("tr[data-process-instance-id='" + onboarding + "']")).click();

            browser.find(By.cssSelector(".onb-diagram g.onb-passed[data-element-id='" + END_ONBOARDED + "']"));
            WebElement timeline = browser.find(By.cssSelector(".onb-timeline"));
            assertThat(timeline.getText()).contains("Create contact", "Send invitation email", "SENT", "REDEEMED",
                    "LINKED", "Send welcome email", "Portal user onboarded", STAFF);
            assertThat(browser.find(By.cssSelector(".onb-summary")).getText()).contains("onboarded", STAFF);
            assertThat(browser.isShown(By.cssSelector(".ce-eol-banner"))).isFalse();
            browser.screenshot("cockpit-onboarding-timeline");
            browser.find(By.cssSelector(".onb-diagram svg"));
            browser.screenshot("cockpit-onboarding-path");

            // The view reads only: its buttons search, page and download
            assertThat(browser.driver().findElements(By.cssSelector(".onb button")))
                    .extracting(button -> button.getDomProperty("textContent"))
                    .allMatch(text -> List.of("Search", "‹ Newer", "Older ›").contains(text));
            assertThat(browser.driver().findElements(By.cssSelector(".onb form[method=post]"))).isEmpty();
            assertThat(browser.find(By.cssSelector(".onb-csv")).getAttribute("href")).contains("/history/onboardings.csv");
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
            assertThat(browser.fetchStatus("POST", ENGINE_API + "/process-instance/" + running.getId()
                    + "/variables", "{\"modifications\": {\"email\": {\"value\": \"x@example.com\"}}}"))
                    .isEqualTo(403);
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
            browser.screenshot("cockpit-staff-refused");

            browser.signIn("tasklist", STAFF, PASSWORD);
            browser.find(By.partialLinkText("Start process"));
            // Signed in to Tasklist, the Cockpit page itself is refused
            browser.go("/camunda/app/cockpit/default/#/onboardings");
            browser.waitUntil(page -> browser.text().contains("403"));
            assertThat(browser.isShown(By.cssSelector(".onb"))).isFalse();
            assertThat(browser.fetchStatus("GET", "/camunda/app/cockpit/default/", null)).isEqualTo(403);
            assertThat(browser.fetchStatus("GET", "/history/onboardings", null)).isEqualTo(403);
        }
    }

    /** Started by staff, redeemed, linked and welcomed. */
    private String finishedOnboarding(String email) {
        IdentityService identity = processEngine.getIdentityService();
        identity.setAuthentication(STAFF, List.of(CamundaAccessSetup.STAFF_GROUP));
        ProcessInstance onboarding = startOnboarding(onboardingForm(email));
        identity.clearAuthentication();
        execute(job(SEND_INVITATION_EMAIL, onboarding));
        redemption.redeem(codeFromLatestMail(email), new VerifiedIdentity(
                "https://idp.example.test/realms/portal", "subject-of-" + email, email, "Ada Lovelace"));
        execute(job(LINK_ACCOUNT, onboarding));
        execute(job(SEND_WELCOME_EMAIL, onboarding));
        return onboarding.getId();
    }

    private void user(String id, String firstName, String lastName, String group) {
        IdentityService identity = processEngine.getIdentityService();
        if (identity.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identity.newUser(id);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        identity.createMembership(id, group);
    }
}
