package dev.portalonboarding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.portalonboarding.identity.DevIdentityProvider;
import dev.portalonboarding.support.ApiClient;
import dev.portalonboarding.support.CamundaWebappClient;
import dev.portalonboarding.support.OnboardingTestBase;

/**
 * Onboarding starts through the REST API from several machine clients at once (client-credentials tokens
 * of the development provider, one per client, each with its own Idempotency-Keys), beside the Tasklist
 * path in the same run: the same number of starts through the webapps' engine API
 * ({@code submit-form}) by as many staff sessions. It measures each start's answer (201 or 204), not the
 * invitation emails, which the job executor sends meanwhile. Run with
 * {@code ./mvnw -Pbenchmark verify -Dtest=ApiBenchmark} (README, Benchmark); prints onboardings per second and
 * the 95th percentile latency of both paths and writes them to {@code target/api-benchmark-results.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "benchmark"})
class ApiBenchmark extends OnboardingTestBase {

    private static final int STARTS = Integer.getInteger("benchmark.api-starts", 1000);
    private static final int CLIENTS = Integer.getInteger("benchmark.api-clients", 8);
    private static final String ALL = "onboarding.read onboarding.write";

    @LocalServerPort
    int port;
    @Autowired
    DevIdentityProvider developmentProvider;
    @Autowired
    DataSource dataSource;

    @Test
    void apiStartsFromSeveralClientsBesideTasklistStarts() throws Exception {
        List<ApiClient> clients = new ArrayList<>();
        List<CamundaWebappClient> staff = new ArrayList<>();
        for (int i = 1; i <= CLIENTS; i++) {
            clients.add(ApiClient.withToken(port, developmentProvider.tokenUri(), "bench-client-" + i,
                    "bench-secret", ALL));
            user("benchstaff" + i, "onboarding-staff");
            CamundaWebappClient session = new CamundaWebappClient(port);
            assertThat(session.login("tasklist", "benchstaff" + i, PASSWORD)).isEqualTo(200);
            staff.add(session);
        }
        String run = "bench-" + System.nanoTime();
        // Warm-up of both paths: JIT, connection pool, caches
        measure(Math.min(100, STARTS), (i, client) -> apiStart(clients.get(client), run + "-warm-api-" + i));
        measure(Math.min(100, STARTS), (i, client) -> staff.get(client).submitOnboardingStartForm(run + "-warm-tl-" + i + "@example.com"));

        Result api = measure(STARTS, (i, client) -> apiStart(clients.get(client), run + "-api-" + i));
        Result tasklist = measure(STARTS, (i, client) -> staff.get(client)
                .submitOnboardingStartForm(run + "-tl-" + i + "@example.com"));

        String report = String.join("\n",
                "API benchmark (PostgreSQL " + BareEngine.databaseVersion(dataSource) + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores, " + CLIENTS + " clients at once)",
                api.line("REST API POST /api/v1/onboardings"),
                tasklist.line("Tasklist submit-form as staff  "));
        System.out.println(report);
        Files.writeString(Path.of("target", "api-benchmark-results.txt"), report + "\n");
    }

    private static HttpResponse<String> apiStart(ApiClient client, String name) {
        return client.postJson("/api/v1/onboardings", """
                {"firstName":"Ada","lastName":"Lovelace","email":"%s@example.com","company":"Benchmark Ltd",
                 "language":"en","roles":["portal-user"],"validityDays":7}""".formatted(name), name);
    }

    /** Starts {@code count} onboardings, spread over the clients, each client one request at a time. */
    private static Result measure(int count, BiFunction<Integer, Integer, HttpResponse<String>> start) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int own = client;
                work.add(() -> {
                    for (int i = own; i < count; i += CLIENTS) {
                        long begin = System.nanoTime();
                        HttpResponse<String> response = start.apply(i, own);
                        latencies.add(System.nanoTime() - begin);
                        assertThat(response.statusCode()).as(response.body()).isIn(200, 201, 204);
                    }
                    return null;
                });
            }
            long begin = System.nanoTime();
            for (Future<Void> done : threads.invokeAll(work)) {
                done.get();
            }
            return new Result(count, Duration.ofNanos(System.nanoTime() - begin), latencies);
        } finally {
            threads.shutdownNow();
        }
    }

    private record Result(int count, Duration elapsed, List<Long> latencies) {

        String line(String path) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            double p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) / 1e6;
            double p50 = sorted.get(sorted.size() / 2) / 1e6;
            return String.format("  %s: %d starts in %.1f s = %.0f onboardings/s, latency p50 %.0f ms, p95 %.0f ms",
                    path, count, BareEngine.seconds(elapsed), count / BareEngine.seconds(elapsed), p50, p95);
        }
    }
}
