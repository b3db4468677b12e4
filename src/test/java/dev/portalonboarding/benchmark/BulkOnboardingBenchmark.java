package dev.portalonboarding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portalonboarding.bulk.BulkOnboardingProcess;
import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.TestMailServer;

/**
 * A bulk onboarding of 10,000 rows on PostgreSQL, from the upload to every invitation email accepted
 * by the SMTP server (GreenMail), next to the start rate of a trivial start-to-end process on the same
 * engine and database. Run with {@code ./mvnw -Pbenchmark verify -Dtest=BulkOnboardingBenchmark} (see
 * README); prints its figures and writes them to {@code target/bulk-benchmark-results.txt}. It asserts
 * completeness, never speed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "onboarding.bulk.batch-size=${benchmark.batch-size:50}",
        "onboarding.bulk.starters=${benchmark.starters:2}",
        // GreenMail answers EHLO in several small writes; with Nagle and delayed ACKs each costs ~40 ms
        // of idle waiting per new SMTP connection (pooled connections greet once). HELO gets a one-line
        // answer. Real SMTP servers need EHLO (STARTTLS, AUTH).
        "spring.mail.properties.mail.smtp.ehlo=${benchmark.smtp-ehlo:false}"})
@ActiveProfiles({"test", "benchmark"})
class BulkOnboardingBenchmark extends OnboardingTestBase {

    private static final int ROWS = Integer.getInteger("benchmark.rows", 10_000);
    /** Enough rows for the JIT compiler to finish its work, which otherwise takes a fifth of the CPU of the run. */
    private static final int WARMUP_ROWS = Integer.getInteger("benchmark.warmup-rows", 2_000);
    private static final int TRIVIAL_INSTANCES = Integer.getInteger("benchmark.trivial", 2000);
    private static final int STARTING_THREADS = Integer.getInteger("benchmark.threads", 4);

    /** The sum of the heap pools' own peaks overstates the heap (they peak at different times), so sample it. */
    private long peakHeapBytes;

    @Autowired
    ProcessEngine engine;
    @Autowired
    Environment environment;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void bulkOnboardingsPerSecondNextToTheBareEngine() throws Exception {
        BareEngine.deployTrivialProcess(engine);
        // Warm-up: JIT, connection pool, caches
        BareEngine.startTrivial(engine, 200, STARTING_THREADS);
        bulk("warmup", WARMUP_ROWS);

        WorkMeter meter = new WorkMeter(dataSource);
        WorkMeter.Snapshot beforeTrivial = meter.take();
        Duration trivial = BareEngine.startTrivial(engine, TRIVIAL_INSTANCES, STARTING_THREADS);
        WorkMeter.Snapshot afterTrivial = meter.take();
        peakHeapBytes = 0;
        BulkTimes bulk = bulk("run", ROWS);
        WorkMeter.Snapshot afterBulk = meter.take();

        double trivialRate = TRIVIAL_INSTANCES / BareEngine.seconds(trivial);
        double bulkRate = ROWS / BareEngine.seconds(bulk.total());
        List<String> lines = new ArrayList<>(List.of(
                "Bulk onboarding benchmark (PostgreSQL " + BareEngine.databaseVersion(dataSource) + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores)",
                "  job executor: threads=" + environment.getProperty("camunda.bpm.job-execution.core-pool-size")
                        + " queue=" + environment.getProperty("camunda.bpm.job-execution.queue-capacity")
                        + " jobs-per-acquisition=" + environment.getProperty("camunda.bpm.job-execution.max-jobs-per-acquisition")
                        + "; bulk: batch-size=" + environment.getProperty("onboarding.bulk.batch-size")
                        + " starters=" + environment.getProperty("onboarding.bulk.starters")
                        + "; SMTP EHLO=" + environment.getProperty("spring.mail.properties.mail.smtp.ehlo"),
                String.format("  %d rows: validated (dry run) in %.1f s, all started after %.1f s, all invitation emails after %.1f s",
                        ROWS, BareEngine.seconds(bulk.validated()), BareEngine.seconds(bulk.started()), BareEngine.seconds(bulk.total())),
                String.format("  onboardings to invitation email: %.0f/s", bulkRate)));
        lines.addAll(meter.report("onboarding", ROWS, afterTrivial, afterBulk));
        lines.add(String.format("  trivial start->end instances (%d threads): %d in %.1f s = %.0f/s", STARTING_THREADS,
                TRIVIAL_INSTANCES, BareEngine.seconds(trivial), trivialRate));
        lines.addAll(meter.report("trivial instance", TRIVIAL_INSTANCES, beforeTrivial, afterTrivial));
        lines.add(String.format("  ratio bulk onboarding/trivial: %.2f", bulkRate / trivialRate));
        lines.add(String.format("  peak heap used during the bulk (sampled every 50 ms, emails discarded once counted): %d MB (max %d MB)",
                peakHeapBytes >> 20, Runtime.getRuntime().maxMemory() >> 20));
        lines.add("  measured: " + meter.method());
        String report = String.join("\n", lines);
        System.out.println(report);
        Files.writeString(Path.of("target", "bulk-benchmark-results.txt"), report + "\n");
    }

    private record BulkTimes(Duration validated, Duration started, Duration total) {
    }

    /** Uploads a file of fresh rows, starts it after the dry run and waits for every invitation email. */
    private BulkTimes bulk(String name, int rows) throws Exception {
        String prefix = "bulk-" + name + "-" + System.nanoTime() + "-";
        StringBuilder csv = new StringBuilder("first_name,last_name,email,company,language,roles\n");
        for (int i = 0; i < rows; i++) {
            csv.append("Ada,Lovelace,").append(prefix).append(i).append("@example.com,Analytical Engines Ltd,en,portal-user;order-viewer\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        int mailsBefore = TestMailServer.receivedCount();
        System.out.printf("%s: uploading %d rows%n", name, rows);

        long begin = System.nanoTime();
        ProcessInstance bulk = engine.getRuntimeService().startProcessInstanceByKey(BulkOnboardingProcess.PROCESS_KEY,
                Variables.createVariables()
                        .putValue(BulkOnboardingProcess.Variables.BULK_FILE,
                                Variables.fileValue(name + ".csv").file(file).mimeType("text/csv").create())
                        .putValue("validityDays", 7));
        Duration validated = since(begin);
        assertThat(engine.getRuntimeService().getVariable(bulk.getId(), BulkOnboardingProcess.Variables.ROWS_VALID))
                .isEqualTo(rows);
        String task = engine.getTaskService().createTaskQuery().processInstanceId(bulk.getId()).singleResult().getId();
        engine.getTaskService().complete(task, Variables.createVariables()
                .putValue(BulkOnboardingProcess.Variables.DECISION, BulkOnboardingProcess.Decision.START));

        Duration started = null;
        int round = 0;
        Duration allowed = Duration.ofMinutes(15).multipliedBy(Math.max(1, rows / 10_000));
        long deadline = System.nanoTime() + allowed.toNanos();
        while (TestMailServer.receivedCount() < mailsBefore + rows) {
            assertThat(System.nanoTime()).as("all " + rows + " invitation emails within " + allowed).isLessThan(deadline);
            round++;
            // Counting rows costs the database more than counting emails: every tenth round
            if (started == null && round % 10 == 0 && startedRows(bulk) == rows) {
                started = since(begin);
            }
            // The heap is the service's: the SMTP catcher counts every email but keeps none for long
            if (round % 20 == 0) {
                TestMailServer.discardReceived();
            }
            peakHeapBytes = Math.max(peakHeapBytes, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            Thread.sleep(50);
        }
        Duration total = since(begin);
        assertThat(startedRows(bulk)).isEqualTo(rows);
        System.out.printf("%s: %d rows, all invitation emails after %.1f s%n", name, rows, BareEngine.seconds(total));
        return new BulkTimes(validated, started == null ? total : started, total);
    }

    private long startedRows(ProcessInstance bulk) {
        return jdbc.sql("select count(*) from onboarding.bulk_row where bulk_id = :id and status = 'STARTED'")
                .param("id", bulk.getId()).query(Long.class).single();
    }

    private static Duration since(long begin) {
        return Duration.ofNanos(System.nanoTime() - begin);
    }

}
