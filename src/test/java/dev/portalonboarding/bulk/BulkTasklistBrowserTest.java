package dev.portalonboarding.bulk;

import static dev.portalonboarding.bulk.BulkOnboardingProcess.Elements.END_DONE;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Elements.REVIEW_DRY_RUN;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Elements.REVIEW_RESULTS;
import static dev.portalonboarding.bulk.BulkOnboardingProcess.Elements.START_NEXT_BATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.Browser;

/**
 * Staff run a bulk onboarding in Tasklist, in a real browser: pick the file, read the dry run, start,
 * read the results. {@code -Dbulk.browser.rows=10000} runs the same test with a file of the size
 * staff upload.
 */
class BulkTasklistBrowserTest extends BulkOnboardingTestBase {

    private static final int VALID_ROWS = Integer.getInteger("bulk.browser.rows", 20);
    private static final String STAFF = "bulkbrowserstaff";
    private static final String FORMULA = "=cmd|' /C calc'!A0";

    @TempDir
    Path files;

    @BeforeEach
    void staffUser() {
        user(STAFF, CamundaAccessSetup.STAFF_GROUP);
    }

    @Test
    void staffUploadAFileReviewTheDryRunStartTheValidRowsAndReadTheResults() throws IOException {
        String prefix = "bulk-browser-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> valid = IntStream.range(0, VALID_ROWS).mapToObj(i -> prefix + i + "@example.com").toList();
        String formula = valid.get(VALID_ROWS - 1);
        // Line 2 is valid, line 3 has an invalid email, line 4 repeats line 2, the last line has a formula
        StringBuilder csv = new StringBuilder(HEADER)
                .append(validRow(valid.get(0), "Contoso"))
                .append("Bad,Email,not-an-email,Contoso,en,portal-user\n")
                .append("Dup,Licate,").append(valid.get(0)).append(",Contoso,en,portal-user\n");
        valid.subList(1, VALID_ROWS).forEach(email -> csv.append(validRow(email,
                email.equals(formula) ? "\"" + FORMULA + "\"" : "Contoso")));
        Path file = Files.writeString(files.resolve("new-portal-users.csv"), csv, StandardCharsets.UTF_8);
        int lastLine = VALID_ROWS + 3;

        ProcessInstance bulk;
        try (Browser browser = Browser.open(port)) {
            browser.signIn("tasklist", STAFF, PASSWORD);
            browser.find(By.partialLinkText("Start process")).click();
            // In the start dialog: the filter list has "Bulk onboardings to review" too
            browser.find(By.xpath("//div[contains(@class, 'modal')]//a[contains(., 'Bulk onboarding')]")).click();
            long bulksBefore = bulksStarted();
            browser.find(By.id("bulkFile"));
            browser.find(By.cssSelector("button[ng-click='startProcessInstance()']")).click();
            browser.waitUntil(page -> browser.text()
                    .contains("Bulk onboarding file refused: choose a CSV file to upload."));
            browser.screenshot("tasklist-bulk-start-form-no-file");
            assertThat(bulksStarted()).isEqualTo(bulksBefore);

            browser.find(By.id("bulkFile")).sendKeys(file.toAbsolutePath().toString());
            browser.screenshot("tasklist-bulk-start-form");
            browser.find(By.cssSelector("button[ng-click='startProcessInstance()']")).click();
            browser.waitUntil(page -> bulkWithRow(valid.get(0)) != null);
            bulk = bulkWithRow(valid.get(0));
            assertThat(bulk).isWaitingAt(REVIEW_DRY_RUN);

            WebElement dryRun = claimInBulkFilter(browser, task(REVIEW_DRY_RUN, bulk),
                    "Review dry run: \"new-portal-users.csv\", " + (VALID_ROWS + 2) + " rows, from " + STAFF);
            // Counts as "label: number", so one of a kind reads right in both languages ("1 duplicates" before)
            assertThat(dryRun.getText()).doesNotContain("{{").contains(
                    "Rows read / Gelesene Zeilen: " + (VALID_ROWS + 2),
                    "Can be onboarded / Können aufgenommen werden: " + VALID_ROWS,
                    "Invalid / Ungültig: 1",
                    "Duplicates within the file / Doppelt in der Datei: 1",
                    "Already active / Bereits aktiv: 0",
                    "Onboarding already running / Onboarding läuft bereits: 0");
            Map<Integer, ReportRow> verdicts = report(browser, dryRun, bulk);
            assertThat(verdicts).hasSize(VALID_ROWS + 2);
            assertThat(verdicts.get(2)).isEqualTo(new ReportRow(valid.get(0), "Contoso", "VALID", "PENDING", "", ""));
            assertThat(verdicts.get(3)).isEqualTo(new ReportRow("not-an-email", "Contoso", "INVALID", "SKIPPED",
                    "email must be a valid email address", ""));
            assertThat(verdicts.get(4)).isEqualTo(new ReportRow(valid.get(0), "Contoso", "DUPLICATE", "SKIPPED",
                    "same email as line 2", ""));
            assertThat(verdicts.get(lastLine)).isEqualTo(new ReportRow(formula, "'" + FORMULA, "VALID", "PENDING", "", ""));
            assertThat(verdicts.values()).filteredOn(row -> row.verdict().equals("VALID"))
                    .extracting(ReportRow::email).containsExactlyInAnyOrderElementsOf(valid);

            browser.find(By.cssSelector("[id$='decisionField-0']")).click();
            browser.screenshot("tasklist-bulk-dry-run");
            browser.find(By.cssSelector("button[ng-click='complete()']")).click();
            browser.waitUntil(page -> isWaitingAt(bulk, START_NEXT_BATCH));
        }

        runBatches(bulk);

        assertThat(bulk).isWaitingAt(REVIEW_RESULTS);
        try (Browser browser = Browser.open(port)) {
            browser.signIn("tasklist", STAFF, PASSWORD);
            WebElement results = claimInBulkFilter(browser, task(REVIEW_RESULTS, bulk),
                    "Review results: \"new-portal-users.csv\", " + (VALID_ROWS + 2) + " rows, from " + STAFF);
            assertThat(results.getText()).doesNotContain("{{").contains(
                    "Onboardings started / Gestartete Onboardings: " + VALID_ROWS,
                    "Rows skipped / Übersprungene Zeilen: 2");
            Map<Integer, ReportRow> rows = report(browser, results, bulk);
            assertThat(rows).hasSize(VALID_ROWS + 2);
            assertThat(rows.get(3)).isEqualTo(new ReportRow("not-an-email", "Contoso", "INVALID", "SKIPPED",
                    "email must be a valid email address", ""));
            assertThat(rows.get(4)).isEqualTo(new ReportRow(valid.get(0), "Contoso", "DUPLICATE", "SKIPPED",
                    "same email as line 2", ""));
            assertThat(rows.get(lastLine).company()).isEqualTo("'" + FORMULA);
            List<ReportRow> started = rows.values().stream().filter(row -> row.status().equals("STARTED")).toList();
            assertThat(started).extracting(ReportRow::email).containsExactlyInAnyOrderElementsOf(valid);
            assertThat(started).extracting(ReportRow::onboarding).doesNotContain("").doesNotHaveDuplicates();
            assertThat(runningOnboardingOf(formula).getId())
                    .isEqualTo(rows.get(lastLine).onboarding());
            browser.screenshot("tasklist-bulk-results");
            browser.find(By.cssSelector("button[ng-click='complete()']")).click();
            browser.waitUntil(page -> processEngine.getRuntimeService().createProcessInstanceQuery()
                    .processInstanceId(bulk.getId()).count() == 0);
        }
        assertThat(bulk).isEnded().hasPassed(END_DONE);
    }

    private static String validRow(String email, String company) {
        return "Ada,Lovelace," + email + "," + company + ",en,portal-user\n";
    }

    /**
     * Opens the task from the staff filter of bulk onboardings, where it is listed under its name; its
     * report link works before the task is claimed. Claims it and returns the form's text.
     */
    private WebElement claimInBulkFilter(Browser browser, Task task, String name) {
        browser.find(By.partialLinkText(CamundaAccessSetup.BULK_ONBOARDINGS_FILTER)).click();
        WebElement listed = browser.find(By.cssSelector(".tasks-list a[href*='task=" + task.getId() + "']"));
        assertThat(listed.getText()).contains(name);
        listed.click();
        WebElement unclaimed = browser.find(By.cssSelector(".fjs-form-field-text"));
        browser.screenshot("tasklist-bulk-unclaimed-" + task.getTaskDefinitionKey());
        WebElement link = unclaimed.findElement(By.tagName("a"));
        assertThat(isClickable(browser, link)).as("the report link before claiming").isTrue();
        assertThat(browser.fetch("GET", link.getDomProperty("href"), null).status()).isEqualTo(200);
        browser.find(By.cssSelector("[ng-click='claim()']")).click();
        // The form renders again for the assignee
        browser.find(By.cssSelector("[ng-click='unclaim()']"));
        return browser.find(By.cssSelector(".fjs-form-field-text"));
    }

    /** Whether a click at the link's centre reaches the link: nothing covers it and it takes pointer events. */
    private static boolean isClickable(Browser browser, WebElement link) {
        return (Boolean) ((JavascriptExecutor) browser.driver()).executeScript("""
                const link = arguments[0];
                const box = link.getBoundingClientRect();
                const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
                return getComputedStyle(link).pointerEvents !== 'none' && (hit === link || link.contains(hit));
                """, link);
    }

    /** Downloads the per-row CSV through the text's link, in the browser's session; rows by line number. */
    private static Map<Integer, ReportRow> report(Browser browser, WebElement text, ProcessInstance bulk) {
        String link = text.findElement(By.tagName("a")).getDomProperty("href");
        assertThat(link).endsWith(BulkReportController.path(bulk.getId()));
        Browser.PageResponse download = browser.fetch("GET", link, null);
        assertThat(download.status()).isEqualTo(200);
        return download.body().lines().skip(1).map(ReportRow::cells)
                .collect(Collectors.toMap(cells -> Integer.valueOf(cells.get(0)), ReportRow::of));
    }

    private boolean isWaitingAt(ProcessInstance bulk, String activityId) {
        return processEngine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(bulk.getId()).activityIdIn(activityId).count() == 1;
    }

    /** The cells of the per-row CSV this test reads (BulkReportController's columns). */
    private record ReportRow(String email, String company, String verdict, String status, String detail,
            String onboarding) {

        /** Every cell is quoted, and this test's values hold no quotes. */
        static List<String> cells(String line) {
            return List.of(line.substring(1, line.length() - 1).split("\",\"", -1));
        }

        static ReportRow of(List<String> cells) {
            return new ReportRow(cells.get(1), cells.get(4), cells.get(7), cells.get(8), cells.get(9), cells.get(10));
        }
    }
}
