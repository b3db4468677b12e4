package dev.portalonboarding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.TestMailServer;

/**
 * A storm of expiry timers: many invitations whose validity ends at the same moment, expired by the job
 * executor. The onboardings are started and their invitation emails sent beforehand; then one update sets
 * the due date of every one of their expiry timers to now, as if they had all been sent a validity ago
 * at once. The yardstick, in the same run: as many instances of a trivial process that waits at a timer,
 * their timers made due the same way. Run with {@code ./mvnw -Pbenchmark verify -Dtest=TimerStormBenchmark}
 * (README, Benchmark); prints expiries per second and writes them to
 * {@code target/timer-storm-benchmark-results.txt}. It checks that each invitation expired exactly once
 * (one EXPIRED event each, one review task per onboarding), never the speed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "benchmark"})
class TimerStormBenchmark extends OnboardingTestBase {

    private static final int INVITATIONS = Integer.getInteger("benchmark.timers", 10_000);
    private static final int STARTING_THREADS = Integer.getInteger("benchmark.threads", 4);
    private static final String TRIVIAL_TIMER_PROCESS = "benchmark-trivial-timer";

    @Autowired
    ProcessEngine engine;
    @Autowired
    Environment environment;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void expiryTimersFallingDueAtOnceExpireEachInvitationOnce() throws Exception {
        engine.getRepositoryService().createDeployment()
                .addModelInstance(TRIVIAL_TIMER_PROCESS + ".bpmn", Bpmn.createExecutableProcess(TRIVIAL_TIMER_PROCESS)
                        .camundaHistoryTimeToLive(1)
                        .startEvent().intermediateCatchEvent().timerWithDate("2099-01-01T00:00:00").endEvent().done())
                .deploy();
        // Warm-up of both: JIT, connection pool, caches
        List<String> warmup = invitationsSent("warmup", Math.min(200, INVITATIONS));
        stormOfExpiries(warmup);
        stormOfTrivialTimers(trivialTimersWaiting(Math.min(200, INVITATIONS)));

        List<String> onboardings = invitationsSent("run", INVITATIONS);
        List<String> trivialInstances = trivialTimersWaiting(INVITATIONS);
        WorkMeter meter = new WorkMeter(dataSource);
        WorkMeter.Snapshot beforeExpiries = meter.take();
        Duration expiries = stormOfExpiries(onboardings);
        WorkMeter.Snapshot afterExpiries = meter.take();
        Duration trivial = stormOfTrivialTimers(trivialInstances);
        WorkMeter.Snapshot afterTrivial = meter.take();
        assertEachExpiredOnce(onboardings);

        double expiryRate = INVITATIONS / BareEngine.seconds(expiries);
        double trivialRate = INVITATIONS / BareEngine.seconds(trivial);
        List<String> lines = new ArrayList<>(List.of(
                "Timer storm benchmark (PostgreSQL " + BareEngine.databaseVersion(dataSource) + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores)",
                "  job executor: threads=" + environment.getProperty("camunda.bpm.job-execution.core-pool-size")
                        + " queue=" + environment.getProperty("camunda.bpm.job-execution.queue-capacity")
                        + " jobs-per-acquisition=" + environment.getProperty("camunda.bpm.job-execution.max-jobs-per-acquisition"),
                String.format("  expiry timers due at once: %d invitations expired (each with its review task) in %.1f s = %.0f expiries/s",
                        INVITATIONS, BareEngine.seconds(expiries), expiryRate)));
        lines.addAll(meter.report("expiry", INVITATIONS, beforeExpiries, afterExpiries));
        lines.add(String.format("  trivial timer->end instances due at once: %d in %.1f s = %.0f/s",
                INVITATIONS, BareEngine.seconds(trivial), trivialRate));
        lines.addAll(meter.report("trivial timer", INVITATIONS, afterExpiries, afterTrivial));
        lines.add(String.format("  ratio expiry/trivial timer: %.2f", expiryRate / trivialRate));
        lines.add("  measured: " + meter.method());
        String report = String.join("\n", lines);
        System.out.println(report);
        Files.writeString(Path.of("target", "timer-storm-benchmark-results.txt"), report + "\n");
    }

    /** Starts onboardings and waits until each waits for its redemption, its invitation sent. */
    private List<String> invitationsSent(String batch, int count) throws Exception {
        String prefix = "storm-" + batch + "-" + System.nanoTime() + "-";
        String[] ids = new String[count];
        int mailsBefore = TestMailServer.receivedCount();
        BareEngine.inParallel(count, STARTING_THREADS,
                i -> ids[i] = startOnboarding(onboardingForm(prefix + i + "@example.com")).getId());
        awaitZero(() -> mailsBefore + count - TestMailServer.receivedCount(), count + " invitation emails");
        TestMailServer.discardReceived();
        return List.of(ids);
    }

    private List<String> trivialTimersWaiting(int count) throws Exception {
        String[] ids = new String[count];
        BareEngine.inParallel(count, STARTING_THREADS,
                i -> ids[i] = engine.getRuntimeService().startProcessInstanceByKey(TRIVIAL_TIMER_PROCESS).getId());
        return List.of(ids);
    }

    /** Makes every expiry timer of these onboardings due now, and waits until each waits at its review task. */
    private Duration stormOfExpiries(List<String> onboardings) throws InterruptedException {
        long begin = System.nanoTime();
        // Positional parameters: the driver sends a String[] as one text[]; named ones would be expanded
        int due = jdbc.sql("update act_ru_job set duedate_ = now() where handler_cfg_ = ? and process_instance_id_ = any(?)")
                .param(OnboardingProcess.Elements.EXPIRY_TIMER)
                .param(onboardings.toArray(String[]::new))
                .update();
        assertThat(due).as("one expiry timer per onboarding").isEqualTo(onboardings.size());
        awaitZero(() -> onboardings.size() - jdbc.sql(
                        "select count(*) from act_ru_task where task_def_key_ = ? and proc_inst_id_ = any(?)")
                .param(OnboardingProcess.Elements.REVIEW_EXPIRED_INVITATION)
                .param(onboardings.toArray(String[]::new))
                .query(Long.class).single(), onboardings.size() + " review tasks");
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    private Duration stormOfTrivialTimers(List<String> instances) throws InterruptedException {
        long begin = System.nanoTime();
        int due = jdbc.sql("update act_ru_job set duedate_ = now() where process_instance_id_ = any(?)")
                .param(instances.toArray(String[]::new))
                .update();
        assertThat(due).isEqualTo(instances.size());
        awaitZero(() -> jdbc.sql("select count(*) from act_ru_execution where proc_inst_id_ = any(?)")
                .param(instances.toArray(String[]::new))
                .query(Long.class).single(), "trivial instances ended");
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    private void assertEachExpiredOnce(List<String> onboardings) {
        String[] ids = onboardings.toArray(String[]::new);
        Map<Long, Long> invitationsByExpiredEvents = jdbc.sql("""
                        select expired, count(*) as invitations from (
                          select i.id, count(e.id) as expired from onboarding.invitation i
                            left join onboarding.invitation_event e on e.invitation_id = i.id and e.type = 'EXPIRED'
                           where i.process_instance_id = any(?) group by i.id) per_invitation
                         group by expired""")
                .param(ids)
                .query((rs, row) -> Map.entry(rs.getLong("expired"), rs.getLong("invitations")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(invitationsByExpiredEvents).as("invitations by their number of EXPIRED events")
                .isEqualTo(Map.of(1L, (long) onboardings.size()));
        assertThat(jdbc.sql("""
                        select count(*) from (select proc_inst_id_ from act_ru_task
                          where task_def_key_ = ? and proc_inst_id_ = any(?)
                          group by proc_inst_id_ having count(*) = 1) one_task""")
                .param(OnboardingProcess.Elements.REVIEW_EXPIRED_INVITATION)
                .param(ids)
                .query(Long.class).single()).as("onboardings with exactly one review task").isEqualTo(onboardings.size());
        assertThat(jdbc.sql("select count(*) from act_ru_job where exception_msg_ is not null and process_instance_id_ = any(?)")
                .param(ids).query(Long.class).single()).as("failed jobs").isZero();
    }

    private static void awaitZero(LongSupplier remaining, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (remaining.getAsLong() > 0) {
            assertThat(System.nanoTime()).as(what + " within 20 minutes").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
