package dev.portalonboarding.benchmark;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;

/**
 * What the engine benchmarks measure themselves against: a trivial start-to-end process on the same engine
 * and database, started from several threads, and how the runs are timed.
 */
final class BareEngine {

    private static final String TRIVIAL_PROCESS = "benchmark-trivial";

    static void deployTrivialProcess(ProcessEngine engine) {
        engine.getRepositoryService().createDeployment()
                .addModelInstance(TRIVIAL_PROCESS + ".bpmn", Bpmn.createExecutableProcess(TRIVIAL_PROCESS)
                        .startEvent().endEvent().done())
                .deploy();
    }

    static Duration startTrivial(ProcessEngine engine, int count, int threads) throws Exception {
        return inParallel(count, threads, i -> engine.getRuntimeService().startProcessInstanceByKey(TRIVIAL_PROCESS));
    }

    /** Runs {@code start} for 0..count-1, spread over the threads, and says how long it took. */
    static Duration inParallel(int count, int threads, IntConsumer start) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long begin = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                for (int i = thread; i < count; i += threads) {
                    start.accept(i);
                }
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        pool.shutdown();
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    static String databaseVersion(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductVersion();
        }
    }

    /** The nearest-rank percentile of durations in nanoseconds, in milliseconds. */
    static double percentileMillis(List<Long> nanos, double percent) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * percent / 100) - 1)) / 1e6;
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private BareEngine() {
    }
}
