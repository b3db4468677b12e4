package dev.portalonboarding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.PortalBrowser;
import dev.portalonboarding.support.TestMailServer;

/**
 * Invitations redeemed end to end over HTTP by many invitees at once, each client with its own connections
 * and cookie jar, emptied before each journey: the emailed link (landing page), the accept click (POST with
 * CSRF), sign-in at the development provider, the OpenID Connect callback, and the portal page. The
 * invitations are created and emailed beforehand. The yardstick, in the same run from the same clients: a
 * static stylesheet fetched as often as the journeys make requests, the cost of one round trip through the
 * server and its filter chain. Run with {@code ./mvnw -Pbenchmark verify -Dtest=RedemptionBenchmark}
 * (README, Benchmark); prints the percentiles of the callback and of the whole journey, and writes them to
 * {@code target/redemption-benchmark-results.txt}. It checks that every journey reaches the portal, never
 * the speed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "benchmark"})
class RedemptionBenchmark extends OnboardingTestBase {

    private static final int INVITATIONS = Integer.getInteger("benchmark.redemptions", 500);
    private static final int WARMUP = Integer.getInteger("benchmark.redemption-warmup", 40);
    private static final int CLIENTS = Integer.getInteger("benchmark.redemption-clients", 20);
    private static final int REQUESTS_PER_JOURNEY = 6;
    private static final String STATIC_PAGE = "/css/portal.css";

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    private record Journey(long callbackNanos, long totalNanos) {
    }

    @Test
    void invitationsRedeemedEndToEndByManyInviteesAtOnce() throws Exception {
        String run = "redeem-" + System.nanoTime();
        // Not under run's prefix, which counts the measured onboardings below
        List<String> warmupEmails = invited("warmup-" + run, WARMUP).emails();
        Invitees measured = invited(run, INVITATIONS);
        List<String> emails = measured.emails();
        List<String> warmupLinks = warmupEmails.stream().map(OnboardingTestBase::linkFromLatestMail).toList();
        List<String> links = emails.stream().map(OnboardingTestBase::linkFromLatestMail).toList();
        // Warm-up: JIT, connection pools, caches; its welcome emails are out before the measured run
        int mailsBeforeWarmup = TestMailServer.receivedCount();
        redeemAll(warmupEmails, warmupLinks);
        awaitMails(mailsBeforeWarmup + WARMUP);
        fetchStatic(WARMUP * REQUESTS_PER_JOURNEY);

        WorkMeter meter = new WorkMeter(dataSource);
        WorkMeter.Snapshot beforeStatic = meter.take();
        Timed<Long> statics = fetchStatic(INVITATIONS * REQUESTS_PER_JOURNEY);
        WorkMeter.Snapshot beforeJourneys = meter.take();
        int mailsBefore = TestMailServer.receivedCount();
        Timed<Journey> journeys = redeemAll(emails, links);
        // What the journeys set off: linking the identity and the welcome email, on the job executor
        awaitMails(mailsBefore + INVITATIONS);
        Duration untilWelcomed = Duration.ofNanos(System.nanoTime() - journeys.begin());
        WorkMeter.Snapshot afterJourneys = meter.take();
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceIds(Set.copyOf(measured.onboardingIds())).finished().count())
                .as("every measured onboarding ended").isEqualTo(INVITATIONS);

        List<Long> callbacks = journeys.results().stream().map(Journey::callbackNanos).toList();
        List<Long> totals = journeys.results().stream().map(Journey::totalNanos).toList();
        List<String> lines = new ArrayList<>(List.of(
                "Redemption benchmark (PostgreSQL " + BareEngine.databaseVersion(dataSource) + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores, " + CLIENTS + " clients at once, "
                        + INVITATIONS + " invitations, " + WARMUP + " redeemed before as warm-up)",
                String.format("  journeys: %d in %.1f s = %.1f redemptions/s; every welcome email after %.1f s",
                        INVITATIONS, BareEngine.seconds(journeys.elapsed()),
                        INVITATIONS / BareEngine.seconds(journeys.elapsed()), BareEngine.seconds(untilWelcomed)),
                "  OIDC callback (code for tokens at the provider, redemption, session): " + percentiles(callbacks),
                "  whole journey (landing, accept, provider sign-in, callback, portal page): " + percentiles(totals)));
        lines.addAll(meter.report("redemption (journey, linking and welcome email)", INVITATIONS, beforeJourneys, afterJourneys));
        lines.add(String.format("  yardstick GET %s: %d in %.1f s = %.0f/s, %s", STATIC_PAGE, statics.results().size(),
                BareEngine.seconds(statics.elapsed()), statics.results().size() / BareEngine.seconds(statics.elapsed()),
                percentiles(statics.results())));
        lines.addAll(meter.report("static request", statics.results().size(), beforeStatic, beforeJourneys));
        lines.add("  measured: " + meter.method());
        String report = String.join("\n", lines);
        System.out.println(report);
        Files.writeString(Path.of("target", "redemption-benchmark-results.txt"), report + "\n");
    }

    /** Addresses and the ids of their onboardings, in the same order. */
    private record Invitees(List<String> emails, List<String> onboardingIds) {
    }

    /** Starts onboardings for fresh addresses and waits for their invitation emails. */
    private Invitees invited(String prefix, int count) throws Exception {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            emails.add(prefix + "-" + i + "@example.com");
        }
        String[] onboardingIds = new String[count];
        int mailsBefore = TestMailServer.receivedCount();
        BareEngine.inParallel(count, 4, i -> onboardingIds[i] = startOnboarding(onboardingForm(emails.get(i))).getId());
        awaitMails(mailsBefore + count);
        return new Invitees(emails, List.of(onboardingIds));
    }

    private static void awaitMails(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (TestMailServer.receivedCount() < count) {
            assertThat(System.nanoTime()).as(count + " emails within 10 minutes").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private Timed<Journey> redeemAll(List<String> emails, List<String> links) throws Exception {
        return perClient(emails.size(), (browser, i) -> journey(browser, emails.get(i), links.get(i)));
    }

    private Journey journey(PortalBrowser browser, String email, String link) {
        // Each invitee arrives without a session: not signed in as the client's previous invitee
        browser.clearCookies();
        long begin = System.nanoTime();
        HttpResponse<String> landing = browser.get(link);
        assertThat(landing.statusCode()).as(link).isEqualTo(200);
        HttpResponse<String> accepted = browser.submit(landing, "/invitations/accept",
                Map.of("code", link.substring(link.lastIndexOf('/') + 1)));
        HttpResponse<String> toProvider = browser.follow(accepted);
        HttpResponse<String> callback = browser.signInAtProvider(toProvider, email, "Ada Lovelace");
        long callbackBegin = System.nanoTime();
        HttpResponse<String> signedIn = browser.follow(callback);
        long callbackNanos = System.nanoTime() - callbackBegin;
        assertThat(signedIn.headers().firstValue("Location")).as(signedIn.body()).hasValueSatisfying(
                location -> assertThat(location).endsWith("/portal"));
        HttpResponse<String> portal = browser.follow(signedIn);
        assertThat(portal.statusCode()).isEqualTo(200);
        assertThat(portal.body()).contains("Welcome, Ada");
        return new Journey(callbackNanos, System.nanoTime() - begin);
    }

    private Timed<Long> fetchStatic(int count) throws Exception {
        return perClient(count, (browser, i) -> {
            long begin = System.nanoTime();
            assertThat(browser.get(STATIC_PAGE).statusCode()).isEqualTo(200);
            return System.nanoTime() - begin;
        });
    }

    private record Timed<T>(long begin, Duration elapsed, List<T> results) {
    }

    private interface Step<T> {
        T run(PortalBrowser browser, int index);
    }

    /** Runs 0..count-1 spread over the clients, each client one at a time, each with its own browser. */
    private <T> Timed<T> perClient(int count, Step<T> step) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        List<T> results = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int own = client;
                work.add(() -> {
                    PortalBrowser browser = new PortalBrowser(port);
                    for (int i = own; i < count; i += CLIENTS) {
                        results.add(step.run(browser, i));
                    }
                    return null;
                });
            }
            long begin = System.nanoTime();
            for (Future<Void> done : threads.invokeAll(work)) {
                done.get();
            }
            return new Timed<>(begin, Duration.ofNanos(System.nanoTime() - begin), results);
        } finally {
            threads.shutdownNow();
        }
    }

    private static String percentiles(List<Long> nanos) {
        return String.format("p50 %.0f ms, p95 %.0f ms, p99 %.0f ms", BareEngine.percentileMillis(nanos, 50),
                BareEngine.percentileMillis(nanos, 95), BareEngine.percentileMillis(nanos, 99));
    }
}
