package dev.portalonboarding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.core.env.Environment;

import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.TestMailServer;

/**
 * Throughput of onboardings on PostgreSQL, from start to the invitation email accepted by the SMTP
 * server (GreenMail), next to the start rate of a trivial start-to-end process on the same engine
 * and database. Run with {@code ./mvnw -Pbenchmark verify} (see README); prints its figures and
 * writes them to {@code target/benchmark-results.txt}. It asserts completeness, never speed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "benchmark"})
class OnboardingBenchmark extends OnboardingTestBase {

    private static final int STARTING_THREADS = Integer.getInteger("benchmark.threads", 4);
    private static final int ONBOARDINGS = Integer.getInteger("benchmark.onboardings", 2000);
    private static final int TRIVIAL_INSTANCES = Integer.getInteger("benchmark.trivial", 2000);

    @Autowired
    ProcessEngine engine;
    @Autowired
    Environment environment;
    @Autowired
    DataSource dataSource;

    @Test
    void onboardingsPerSecondNextToTheBareEngine() throws Exception {
        BareEngine.deployTrivialProcess(engine);
        // Warm-up: JIT, connection pool, caches
        BareEngine.startTrivial(engine, 200, STARTING_THREADS);
        onboard("warmup", 100);

        WorkMeter meter = new WorkMeter(dataSource);
        WorkMeter.Snapshot beforeTrivial = meter.take();
        Duration trivial = BareEngine.startTrivial(engine, TRIVIAL_INSTANCES, STARTING_THREADS);
        WorkMeter.Snapshot afterTrivial = meter.take();
        Duration onboarding = onboard("run", ONBOARDINGS);
        WorkMeter.Snapshot afterOnboarding = meter.take();

        double trivialRate = TRIVIAL_INSTANCES / BareEngine.seconds(trivial);
        double onboardingRate = ONBOARDINGS / BareEngine.seconds(onboarding);
        List<String> lines = new ArrayList<>(List.of(
                "Onboarding benchmark (PostgreSQL " + BareEngine.databaseVersion(dataSource) + ", " + Runtime.getRuntime().availableProcessors()
                        + " cores, " + STARTING_THREADS + " starting threads)",
                "  job executor: threads=" + environment.getProperty("camunda.bpm.job-execution.core-pool-size")
                        + " queue=" + environment.getProperty("camunda.bpm.job-execution.queue-capacity")
                        + " jobs-per-acquisition=" + environment.getProperty("camunda.bpm.job-execution.max-jobs-per-acquisition"),
                String.format("  onboardings to invitation email: %d in %.1f s = %.0f/s", ONBOARDINGS, BareEngine.seconds(onboarding), onboardingRate)));
        lines.addAll(meter.report("onboarding", ONBOARDINGS, afterTrivial, afterOnboarding));
        lines.add(String.format("  trivial start->end instances:    %d in %.1f s = %.0f/s", TRIVIAL_INSTANCES, BareEngine.seconds(trivial), trivialRate));
        lines.addAll(meter.report("trivial instance", TRIVIAL_INSTANCES, beforeTrivial, afterTrivial));
        lines.add(String.format("  ratio onboarding/trivial: %.2f", onboardingRate / trivialRate));
        lines.add(String.format("  peak heap: %d MB (max %d MB)", peakHeapMegabytes(), Runtime.getRuntime().maxMemory() >> 20));
        lines.add("  measured: " + meter.method());
        String report = String.join("\n", lines);
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmark-results.txt"), report + "\n");
    }

    /** Starts onboardings and waits until every invitation email has been accepted over SMTP. */
    private Duration onboard(String batch, int count) throws Exception {
        String prefix = "bench-" + batch + "-" + System.nanoTime() + "-";
        int mailsBefore = TestMailServer.receivedCount();
        long start = System.nanoTime();
        Duration starting = BareEngine.inParallel(count, STARTING_THREADS,
                i -> startOnboarding(onboardingForm(prefix + i + "@example.com")));
        System.out.printf("%s: %d onboardings started in %.1f s%n", batch, count, BareEngine.seconds(starting));
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (TestMailServer.receivedCount() < mailsBefore + count) {
            assertThat(System.nanoTime()).as("all " + count + " invitation emails within 10 minutes").isLessThan(deadline);
            Thread.sleep(50);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(OnboardingProcess.PROCESS_KEY)
                .activityIdIn(OnboardingProcess.Elements.WAIT_FOR_REDEMPTION).count()).isGreaterThanOrEqualTo(count);
        return elapsed;
    }

    private static long peakHeapMegabytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum() >> 20;
    }

}
