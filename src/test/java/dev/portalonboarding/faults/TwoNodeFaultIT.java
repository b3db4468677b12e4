package dev.portalonboarding.faults;

import static dev.portalonboarding.faults.FaultHarness.secondsBetween;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Faults on two nodes of the built jar sharing one PostgreSQL, with an SMTP catcher: a node killed with
 * kill -9 mid-bulk, the database stopped, SMTP stopped. After each, every row is started once, every
 * invitee holds exactly one valid link, and every duplicate email is identical to the first. The short
 * variant (in {@code ./mvnw verify}) kills a node and checks health; {@code -Dfaults.full=true} adds the
 * outages mid-bulk (README, "Several nodes: fault tests"). Figures are printed as lines starting FAULTS.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeFaultIT {

    private static final int ROWS = Integer.getInteger("faults.rows", 200);
    private static final Duration DATABASE_OUTAGE = Duration.ofSeconds(Integer.getInteger("faults.db-outage-seconds", 20));
    private static final Duration SMTP_OUTAGE = Duration.ofSeconds(Integer.getInteger("faults.smtp-outage-seconds", 30));
    /** The share of invitees reached before the fault, so it strikes mid-bulk. */
    private static final double FAULT_AT = 0.3;
    private static final Duration FINISH_LIMIT = Duration.ofSeconds(90);

    private static FaultHarness harness;
    private static long onboardingsBefore;

    @BeforeAll
    static void startNodes() throws Exception {
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(file -> file.getFileName().toString().matches("portal-onboarding-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no target/portal-onboarding-*.jar: run package first"));
        }
        harness = FaultHarness.start(jar, Files.createTempDirectory(Path.of("target"), "faults-"));
    }

    @AfterAll
    static void stopEverything() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    @Order(1)
    void aNodeKilledMidBulkLeavesEveryInviteeOneWorkingLink() throws Exception {
        FaultHarness.Bulk bulk = startBulk(harness.node1, "kill");
        awaitShareReached(bulk);

        Map<String, String> lockedAtKill = harness.lockedJobs();
        harness.node1.kill();
        Instant killed = Instant.now();
        AtomicReference<Instant> lockedJobsRun = watchLockedJobs(lockedAtKill);

        Instant finished = harness.awaitFinished(bulk, FINISH_LIMIT);
        FaultHarness.await(() -> lockedJobsRun.get() != null, FINISH_LIMIT, "the jobs locked at the kill to run");
        print("kill -9 of node 1", bulk, "finished %.1f s after the kill; every job locked at the kill (%d) ran within %.1f s"
                .formatted(secondsBetween(killed, finished), lockedAtKill.size(), secondsBetween(killed, lockedJobsRun.get())));
        assertEveryRowOnceAndOneWorkingLinkEach(bulk);
        assertThat(Duration.between(killed, finished)).isLessThan(FINISH_LIMIT);
        assertThat(Duration.between(killed, lockedJobsRun.get())).as("failover").isLessThan(Duration.ofSeconds(60));

        Instant restart = Instant.now();
        harness.node1.start();
        System.out.printf("FAULTS node 1 restarted in %.1f s%n", FaultHarness.seconds(harness.node1.awaitReady(restart,
                Duration.ofMinutes(3))));
    }

    @Test
    @Order(2)
    void readinessIsDownWithinFiveSecondsOfLosingTheDatabaseAndUpAfter() throws Exception {
        stopDatabaseAndCheckHealth(Duration.ZERO);
    }

    @Test
    @Order(3)
    @EnabledIfSystemProperty(named = "faults.full", matches = "true")
    void aDatabaseStopMidBulkLeavesEveryInviteeOneWorkingLink() throws Exception {
        FaultHarness.Bulk bulk = startBulk(harness.node1, "database");
        awaitShareReached(bulk);

        Instant back = stopDatabaseAndCheckHealth(DATABASE_OUTAGE);

        Instant finished = harness.awaitFinished(bulk, FINISH_LIMIT);
        print("database stopped for " + DATABASE_OUTAGE.toSeconds() + " s", bulk,
                "finished %.1f s after the database was back".formatted(secondsBetween(back, finished)));
        assertEveryRowOnceAndOneWorkingLinkEach(bulk);
    }

    @Test
    @Order(4)
    @EnabledIfSystemProperty(named = "faults.full", matches = "true")
    void anSmtpOutageMidBulkIsRecoveredWithinTheRetryInterval() throws Exception {
        FaultHarness.Bulk bulk = startBulk(harness.node2, "smtp");
        awaitShareReached(bulk);

        harness.mail.stop();
        Thread.sleep(SMTP_OUTAGE.toMillis());
        harness.mail.start();
        Instant back = Instant.now();

        Instant finished = harness.awaitFinished(bulk, Duration.ofMinutes(5));
        print("SMTP stopped for " + SMTP_OUTAGE.toSeconds() + " s", bulk,
                "every email accepted %.1f s after SMTP was back".formatted(secondsBetween(back, finished)));
        assertEveryRowOnceAndOneWorkingLinkEach(bulk);
        assertThat(Duration.between(back, finished)).as("after SMTP is back").isLessThan(Duration.ofMinutes(3));
    }

    private static FaultHarness.Bulk startBulk(Node via, String name) throws Exception {
        onboardingsBefore = harness.onboardingsStarted();
        return harness.startBulk(via, name, ROWS);
    }

    private static void awaitShareReached(FaultHarness.Bulk bulk) throws InterruptedException {
        FaultHarness.await(() -> harness.mail.reached(bulk.emails()) >= ROWS * FAULT_AT, Duration.ofMinutes(3),
                "the first invitees to be reached");
    }

    /**
     * Stops the database for at least {@code outage} and until every live node's readiness is DOWN (within 5 s,
     * each answer within 2 s), then starts it again and waits for UP; returns when the database was back.
     */
    private static Instant stopDatabaseAndCheckHealth(Duration outage) throws Exception {
        List<Node> live = List.of(harness.node1, harness.node2);
        harness.database.stop();
        Instant stopped = Instant.now();
        for (Node node : live) {
            FaultHarness.await(() -> node.readiness() == 503, Duration.ofSeconds(5), node.name + " readiness DOWN");
        }
        Instant down = Instant.now();
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), stopped.plus(outage)).toMillis()));
        assertThat(harness.node2.status("/actuator/health/liveness")).as("liveness without the database").isEqualTo(200);
        harness.database.start();
        Instant back = Instant.now();
        for (Node node : live) {
            FaultHarness.await(() -> node.readiness() == 200, Duration.ofSeconds(30), node.name + " readiness UP");
        }
        System.out.printf("FAULTS health: readiness DOWN on both nodes %.1f s after the database stopped, UP %.1f s after it"
                + " was back%n", secondsBetween(stopped, down), secondsBetween(back, Instant.now()));
        return back;
    }

    /** Polls the jobs locked at the kill until each has run or been taken over (lock gone or renewed). */
    private static AtomicReference<Instant> watchLockedJobs(Map<String, String> lockedAtKill) {
        AtomicReference<Instant> allRun = new AtomicReference<>();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Map<String, String> locked = harness.lockedJobs();
                    if (lockedAtKill.entrySet().stream().noneMatch(job -> Objects.equals(locked.get(job.getKey()), job.getValue()))) {
                        allRun.set(Instant.now());
                        return;
                    }
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the database may be away; look again
                }
            }
        }, "locked-job-watcher");
        watcher.setDaemon(true);
        watcher.start();
        return allRun;
    }

    private static void assertEveryRowOnceAndOneWorkingLinkEach(FaultHarness.Bulk bulk) throws Exception {
        FaultHarness.Delivery delivery = harness.delivery(bulk);
        System.out.printf("FAULTS   rows %s, onboardings %d; %d emails to %d of %d invitees, %d duplicates (%d not identical"
                + " to the first), %d dead links, %d invitees without exactly one valid link%n", harness.rowStatuses(bulk),
                harness.onboardingsStarted() - onboardingsBefore, delivery.emails(), delivery.reached(), delivery.recipients(),
                delivery.duplicates(), delivery.duplicatesDifferent(), delivery.deadLinks(), delivery.withoutValidLink());
        assertThat(harness.rowStatuses(bulk)).as("every row started").isEqualTo(Map.of("STARTED", String.valueOf(ROWS)));
        assertThat(harness.onboardingsOf(bulk)).isEqualTo(ROWS);
        assertThat(harness.onboardingsStarted() - onboardingsBefore).as("one onboarding per row").isEqualTo(ROWS);
        assertThat(delivery.reached()).isEqualTo(ROWS);
        assertThat(delivery.duplicatesDifferent()).as("duplicates unlike the first email").isZero();
        assertThat(delivery.deadLinks()).as("dead links").isZero();
        assertThat(delivery.withoutValidLink()).as("invitees without exactly one valid link").isZero();
    }

    private static void print(String fault, FaultHarness.Bulk bulk, String outcome) {
        System.out.printf("FAULTS %s, %d rows: %s%n", fault, bulk.emails().size(), outcome);
    }
}
