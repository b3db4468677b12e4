package dev.portalonboarding.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * What a run cost, beside its rate: rows written (inserted, updated, deleted) per table from
 * {@code pg_stat_user_tables}, and CPU time of the JVM, of the PostgreSQL server's processes and of the
 * whole machine, each as the difference between two snapshots taken around the run.
 *
 * <p>PostgreSQL reports table statistics asynchronously: before version 15 each backend sends its counts
 * to the statistics collector at the end of a transaction, at most every 500 ms, and an idle backend keeps
 * what it has not sent. A snapshot therefore runs a transaction on every pooled connection (and on
 * PostgreSQL 15 and later {@code pg_stat_force_next_flush()}), waits, and reads again, until two readings
 * agree.
 */
final class WorkMeter {

    /** USER_HZ of /proc, 100 on Linux (getconf CLK_TCK). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final int TOP_TABLES = 6;

    private final DataSource dataSource;
    private final Optional<Long> postmasterPid;
    private final int serverVersion;

    record Snapshot(long jvmCpuNanos, Optional<Long> postgresCpuTicks, long machineBusyTicks,
            Map<String, Long> rowsWritten) {
    }

    WorkMeter(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            ResultSet version = statement.executeQuery("select current_setting('server_version_num')::int, pg_backend_pid()");
            version.next();
            this.serverVersion = version.getInt(1);
            // A backend's parent is the postmaster, whose children are every server process
            // (only when that process is a local postgres: TEST_DATABASE_URL may name another machine)
            this.postmasterPid = procStat(version.getLong(2)).filter(fields -> fields[1].startsWith("postgres"))
                    .map(fields -> Long.parseLong(fields[3]));
        }
    }

    /** How the statistics are brought up to date, and where CPU time comes from: for the report. */
    String method() {
        return "rows from pg_stat_user_tables (n_tup_ins + n_tup_upd + n_tup_del), read after "
                + (serverVersion >= 150000 ? "pg_stat_force_next_flush() on" : "a transaction on")
                + " every pooled connection until two readings agree; CPU: the JVM's process CPU time (service, "
                + "GreenMail and the benchmark's clients), "
                + postmasterPid.map(pid -> "PostgreSQL's server processes from /proc/<pid>/stat (postmaster " + pid
                        + " with its children, exited ones included)").orElse("PostgreSQL not on this machine")
                + ", and the whole machine's busy time from /proc/stat (other processes included)";
    }

    Snapshot take() throws Exception {
        Map<String, Long> rows = settledRowCounts();
        return new Snapshot(ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getProcessCpuTime(), postmasterPid.map(WorkMeter::treeCpuTicks), machineBusyTicks(), rows);
    }

    /** Lines on rows written and CPU per unit of work between the two snapshots. */
    List<String> report(String unit, int count, Snapshot before, Snapshot after) {
        Map<String, Long> delta = new HashMap<>();
        after.rowsWritten().forEach((table, rows) -> {
            long written = rows - before.rowsWritten().getOrDefault(table, 0L);
            if (written != 0) {
                delta.put(table, written);
            }
        });
        long total = delta.values().stream().mapToLong(Long::longValue).sum();
        String top = delta.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP_TABLES)
                .map(e -> String.format("%s %.1f", e.getKey(), e.getValue() / (double) count))
                .collect(Collectors.joining(", "));
        List<String> lines = new ArrayList<>();
        lines.add(String.format("    rows written per %s: %.1f in %d tables (%s)", unit, total / (double) count,
                delta.size(), top));
        double jvm = (after.jvmCpuNanos() - before.jvmCpuNanos()) / 1e6 / count;
        String postgres = after.postgresCpuTicks()
                .map(ticks -> String.format("%.2f ms PostgreSQL", ticksToMillis(ticks - before.postgresCpuTicks().orElseThrow()) / count))
                .orElse("PostgreSQL not measured");
        lines.add(String.format("    CPU per %s: %.2f ms JVM + %s; machine busy %.2f ms", unit, jvm, postgres,
                ticksToMillis(after.machineBusyTicks() - before.machineBusyTicks()) / count));
        return lines;
    }

    private static double ticksToMillis(long ticks) {
        return ticks * 1000.0 / CLOCK_TICKS_PER_SECOND;
    }

    private Map<String, Long> settledRowCounts() throws Exception {
        Map<String, Long> previous = null;
        for (int reading = 0; reading < 20; reading++) {
            flushPendingStatistics();
            Thread.sleep(700);
            Map<String, Long> current = rowCounts();
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        return previous;
    }

    /** Ends a transaction on every connection of the pool, so each backend sends what it counted. */
    private void flushPendingStatistics() throws SQLException {
        int connections = dataSource instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : 1;
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                Connection connection = dataSource.getConnection();
                held.add(connection);
                try (Statement statement = connection.createStatement()) {
                    statement.execute(serverVersion >= 150000 ? "select pg_stat_force_next_flush()" : "select 1");
                }
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    private Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select pg_stat_clear_snapshot()");
            ResultSet rows = statement.executeQuery("""
                    select schemaname || '.' || relname, n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables""");
            while (rows.next()) {
                counts.put(rows.getString(1).replaceFirst("^public\\.", ""), rows.getLong(2));
            }
        }
        return counts;
    }

    /** CPU time of a process and its children (see {@link #treeCpuTicks}), for a server outside this JVM. */
    static double processCpuMillis(long pid) {
        return ticksToMillis(treeCpuTicks(pid));
    }

    /** utime + stime of a process and the children it has waited for (cutime + cstime), plus its live children's. */
    private static long treeCpuTicks(long parent) {
        long ticks = procStat(parent).map(f -> sum(f, 13, 14, 15, 16)).orElse(0L);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            ticks += processes.map(path -> path.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(name -> procStat(Long.parseLong(name)))
                    .flatMap(Optional::stream)
                    .filter(fields -> Long.parseLong(fields[3]) == parent)
                    .mapToLong(fields -> sum(fields, 13, 14))
                    .sum();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ticks;
    }

    private static long machineBusyTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                // user nice system idle iowait irq softirq steal: all but idle and iowait
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields of /proc/<pid>/stat, numbered as in proc(5) from 0 (pid, then the command name). */
    private static Optional<String[]> procStat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 2);
            String[] rest = afterName.trim().split("\\s+");
            String[] fields = new String[rest.length + 2];
            fields[0] = Long.toString(pid);
            fields[1] = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            System.arraycopy(rest, 0, fields, 2, rest.length);
            return Optional.of(fields);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long sum(String[] fields, int... indexes) {
        long sum = 0;
        for (int index : indexes) {
            sum += Long.parseLong(fields[index]);
        }
        return sum;
    }
}
