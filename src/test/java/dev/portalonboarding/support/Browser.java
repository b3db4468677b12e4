package dev.portalonboarding.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium, driven through /usr/bin/chromedriver given explicitly, so Selenium
 * Manager never downloads a driver. Without the browser the tests are skipped, except on CI
 * (CI=true), where they fail: .ci/run installs it.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /**
     * How long to wait for the single-page apps to render; a page that is right appears much sooner. The
     * first Tasklist of a test JVM on a busy machine took over 30 s.
     */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String baseUrl;
    private final Path profile;
    private final WebDriver driver;
    private final WebDriverWait wait;

    private Browser(int port, String language) throws IOException {
        this.baseUrl = "http://localhost:" + port;
        this.profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1000", "--lang=" + language);
        // Headless Chromium ignores --lang for navigator.languages and Accept-Language; the preference sets both
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        this.driver = new ChromeDriver(service, options);
        // Angular re-renders what a condition reads: an element gone stale is read again on the next poll
        this.wait = new WebDriverWait(driver, PATIENCE);
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    public static Browser open(int port) {
        return open(port, "en-US");
    }

    /** A browser whose language (its Accept-Language, and the webapps' texts) is {@code language}, e.g. "de-DE". */
    public static Browser open(int port, String language) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI=true but chromium or chromedriver is missing: "
                    + "apt-get install -y chromium chromium-driver (see .ci/run)");
        }
        Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed; browser tests skipped");
        try {
            return new Browser(port, language);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a webapp (tasklist, cockpit, admin) and signs in on its login form. */
    public void signIn(String app, String username, String password) {
        go("/camunda/app/" + app + "/default/");
        find(By.cssSelector("input[ng-model=username]")).sendKeys(username);
        find(By.cssSelector("input[ng-model=password]")).sendKeys(password);
        find(By.cssSelector("form button[type=submit]")).click();
    }

    public void go(String path) {
        driver.get(baseUrl + path);
    }

    /** Waits until a matching element is visible, scrolling it into view. */
    public WebElement find(By by) {
        return waitFor(page -> page.findElements(by).stream()
                .peek(element -> ((JavascriptExecutor) page)
                        .executeScript("arguments[0].scrollIntoView({block: 'center'})", element))
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElse(null));
    }

    /**
     * Clicks a matching element, again while another one still covers it: a form that is still drawing
     * its fields moves it after it was scrolled into view (under Tasklist's footer, on a busy machine).
     */
    public void click(By by) {
        waitFor(page -> {
            try {
                find(by).click();
                return true;
            } catch (ElementClickInterceptedException covered) {
                return null;
            }
        });
    }

    public void waitUntil(Function<WebDriver, Boolean> condition) {
        waitFor(condition::apply);
    }

    /**
     * Clicks {@code target} until {@code expected} shows, and returns it. A click while a dialog still slides
     * in (Tasklist's start dialog) can land beside its link and do nothing.
     */
    public WebElement clickUntilShown(By target, By expected) {
        for (int attempt = 0; attempt < 5 && !becomesTrue(Duration.ofMillis(1), page -> isShown(expected)); attempt++) {
            if (becomesTrue(Duration.ofMillis(1), page -> isShown(target))) {
                find(target).click();
            }
            becomesTrue(Duration.ofSeconds(10), page -> isShown(expected));
        }
        return find(expected);
    }

    /** Whether the condition comes true within {@code patience}; no screenshot, the caller decides what a no means. */
    public boolean becomesTrue(Duration patience, Function<WebDriver, Boolean> condition) {
        try {
            return new WebDriverWait(driver, patience).ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Waits, and leaves a screenshot of the page that never became right. */
    private <T> T waitFor(Function<WebDriver, T> condition) {
        try {
            return wait.until(condition);
        } catch (TimeoutException e) {
            throw new TimeoutException("Screenshot: " + screenshot("timeout-" + System.currentTimeMillis()), e);
        }
    }

    public boolean isShown(By by) {
        return driver.findElements(by).stream().anyMatch(WebElement::isDisplayed);
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public WebDriver driver() {
        return driver;
    }

    /** Runs fetch() in the page, with the page's session and CSRF token; returns the HTTP status. */
    public long fetchStatus(String method, String path, String jsonBody) {
        return fetch(method, path, jsonBody).status();
    }

    /** Runs fetch() in the page, with the page's session and CSRF token, as a link or a script of the page would. */
    public PageResponse fetch(String method, String path, String jsonBody) {
        @SuppressWarnings("unchecked")
        Map<String, Object> response = (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript("""
                const [method, path, body, done] = arguments;
                const token = (document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/) || [])[1];
                fetch(path, {method, credentials: 'same-origin', body,
                    headers: {'Content-Type': 'application/json', 'Accept': 'application/json', 'X-XSRF-TOKEN': token}})
                  .then(response => response.text().then(text => done({status: response.status, body: text})))
                  .catch(error => done({status: -1, body: String(error)}));
                """, method, path, jsonBody);
        return new PageResponse((Long) response.get("status"), (String) response.get("body"));
    }

    /** What fetch() in the page received: the HTTP status (-1 when the request failed) and the body as text. */
    public record PageResponse(long status, String body) {
    }

    /** Saves a screenshot as target/screenshots/NAME.png and returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            assertThat(target).isNotEmptyFile();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A leftover temporary profile is harmless
        }
    }
}
