package dev.portalonboarding.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portalonboarding.bulk.BulkOnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.CamundaWebappClient;
import dev.portalonboarding.support.ScriptClient;

/**
 * The rig: one PostgreSQL, one SMTP catcher and two nodes of the built jar, plus what the fault tests do
 * with them (upload and start a bulk, watch its rows, jobs and emails, check every invitee's links).
 * Everything it starts is stopped by {@link #close()} and, should the JVM end first, by a shutdown hook.
 */
final class FaultHarness implements AutoCloseable {

    private static final Deque<Runnable> CLEANUPS = new ArrayDeque<>();
    private static final String ADMIN_PASSWORD = "fault-admin-" + random(8);
    private static final String STAFF = "faultstaff";
    private static final String STAFF_PASSWORD = "fault-staff-" + random(8);
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(FaultHarness::runCleanups));
    }

    final SharedDatabase database;
    final MailCatcher mail;
    final Node node1;
    final Node node2;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A bulk onboarding the harness started: its id and the emails of its rows. */
    record Bulk(String id, List<String> emails, Instant startedAt) {
    }

    /** What the invitees of one bulk hold. */
    record Delivery(int recipients, int reached, int emails, int duplicates, int duplicatesDifferent, int deadLinks,
            int withoutValidLink) {
    }

    private FaultHarness(Path jar, Path work) throws IOException {
        database = new SharedDatabase(freePort(), Files.createDirectories(work.resolve("postgres")));
        mail = new MailCatcher(freePort());
        int port2 = freePort();
        Map<String, String> environment = Map.ofEntries(
                Map.entry("SPRING_PROFILES_ACTIVE", "prod,keycloak"),
                Map.entry("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:" + database.port + "/postgres"),
                Map.entry("SPRING_DATASOURCE_USERNAME", "postgres"),
                Map.entry("SPRING_DATASOURCE_PASSWORD", "postgres"),
                Map.entry("SPRING_MAIL_HOST", "127.0.0.1"),
                Map.entry("SPRING_MAIL_PORT", String.valueOf(mail.port)),
                // Links name the node that outlives every fault, so the check can follow them
                Map.entry("ONBOARDING_PUBLIC_BASE_URL", "http://localhost:" + port2),
                Map.entry("ONBOARDING_ADMIN_PASSWORD", ADMIN_PASSWORD),
                Map.entry("ONBOARDING_INVITATION_CODE_SECRET", random(32)),
                Map.entry("ONBOARDING_METRICS_PASSWORD", random(16)),
                // Nothing listens there: the nodes start and run bulks while the identity provider is down
                Map.entry("KEYCLOAK_URL", "http://127.0.0.1:" + freePort()),
                Map.entry("KEYCLOAK_CLIENT_SECRET", "unused"),
                Map.entry("KEYCLOAK_ADMIN_CLIENT_SECRET", "unused"));
        Path logs = Files.createDirectories(work.resolve("logs"));
        node1 = new Node("node-1", freePort(), jar, logs, environment);
        node2 = new Node("node-2", port2, jar, logs, environment);
    }

    /**
     * Starts the database, the catcher and the nodes one after the other: the engine's schema creation on an empty
     * database is not safe to run twice at once (the second node fails on a duplicate ACT_GE_PROPERTY). The nodes'
     * logs go under {@code work/logs}.
     */
    static FaultHarness start(Path jar, Path work) throws Exception {
        FaultHarness harness = new FaultHarness(jar, work);
        harness.database.start();
        harness.mail.start();
        Instant startedAt = Instant.now();
        harness.node1.start();
        Duration ready1 = harness.node1.awaitReady(startedAt, Duration.ofMinutes(3));
        Instant secondAt = Instant.now();
        harness.node2.start();
        Duration ready2 = harness.node2.awaitReady(secondAt, Duration.ofMinutes(3));
        System.out.printf("FAULTS node 1 ready in %.1f s on an empty database, node 2 in %.1f s after it%n",
                seconds(ready1), seconds(ready2));
        harness.createStaff();
        return harness;
    }

    /** A Camunda user in onboarding-staff, created through the engine's API as admin. */
    private void createStaff() {
        CamundaWebappClient admin = new CamundaWebappClient(node1.port);
        assertThat(admin.login("admin", "admin", ADMIN_PASSWORD)).isEqualTo(200);
        var created = admin.postJson("/camunda/api/engine/engine/default/user/create", """
                {"profile": {"id": "%s", "firstName": "Fault", "lastName": "Staff", "email": "faultstaff@example.test"},
                 "credentials": {"password": "%s"}}""".formatted(STAFF, STAFF_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(204);
        var member = admin.send("PUT", "/camunda/api/engine/engine/default/group/" + CamundaAccessSetup.STAFF_GROUP
                + "/members/" + STAFF, null);
        assertThat(member.statusCode()).as(member.body()).isEqualTo(204);
    }

    /** Uploads a file of fresh rows as a script does and starts it at the dry run's review, as staff do in Tasklist. */
    Bulk startBulk(Node via, String name, int rows) throws Exception {
        List<String> emails = IntStream.range(0, rows).mapToObj(i -> name + "-" + i + "@faults.example.test").toList();
        StringBuilder csv = new StringBuilder("first_name,last_name,email,company,language,roles\n");
        emails.forEach(email -> csv.append("Ada,Lovelace,").append(email).append(",Contoso,en,portal-user\n"));
        var upload = ScriptClient.as(via.port, STAFF, STAFF_PASSWORD)
                .post("/bulk-onboardings", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        JsonNode dryRun = JSON.readTree(upload.body());
        assertThat(dryRun.get("rowsValid").asInt()).isEqualTo(rows);
        String bulkId = dryRun.get("bulkId").asText();

        CamundaWebappClient tasklist = new CamundaWebappClient(via.port);
        assertThat(tasklist.login("tasklist", STAFF, STAFF_PASSWORD)).isEqualTo(200);
        JsonNode tasks = JSON.readTree(tasklist.get("/camunda/api/engine/engine/default/task?processInstanceId=" + bulkId).body());
        assertThat(tasks).as("the dry run's review task").hasSize(1);
        String taskId = tasks.get(0).get("id").asText();
        var claimed = tasklist.postJson("/camunda/api/engine/engine/default/task/" + taskId + "/claim",
                "{\"userId\": \"" + STAFF + "\"}");
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
        var decided = tasklist.postJson("/camunda/api/engine/engine/default/task/" + taskId + "/submit-form",
                "{\"variables\": {\"" + BulkOnboardingProcess.Variables.DECISION + "\": {\"value\": \""
                        + BulkOnboardingProcess.Decision.START + "\", \"type\": \"String\"}}}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(204);
        return new Bulk(bulkId, emails, Instant.now());
    }

    /** Row statuses of a bulk with their counts. */
    Map<String, String> rowStatuses(Bulk bulk) throws SQLException {
        return database.pairs("select status, count(*) from onboarding.bulk_row where bulk_id = ? group by status", bulk.id());
    }

    /** Onboardings started in this database, by every bulk so far. */
    long onboardingsStarted() throws SQLException {
        return database.count("select count(*) from act_hi_procinst where proc_def_key_ = ?", OnboardingProcess.PROCESS_KEY);
    }

    /** Distinct onboardings the rows of a bulk name. */
    long onboardingsOf(Bulk bulk) throws SQLException {
        return database.count("select count(distinct onboarding_process_instance_id) from onboarding.bulk_row where bulk_id = ?",
                bulk.id());
    }

    /** Jobs locked at this moment, with their lock owners. */
    Map<String, String> lockedJobs() throws SQLException {
        return database.pairs("select id_, lock_owner_ from act_ru_job where lock_owner_ is not null and lock_exp_time_ > now()");
    }

    /** Whether every row is started and every invitee has an email; false while the database is away. */
    boolean finished(Bulk bulk) {
        if (mail.reached(bulk.emails()) < bulk.emails().size()) {
            return false;
        }
        try {
            return database.count("select count(*) from onboarding.bulk_row where bulk_id = ? and status = 'PENDING'",
                    bulk.id()) == 0;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Waits until the bulk has finished; returns when it did. */
    Instant awaitFinished(Bulk bulk, Duration within) throws InterruptedException {
        await(() -> finished(bulk), within, "bulk " + bulk.id() + " to finish (" + mail.reached(bulk.emails()) + " of "
                + bulk.emails().size() + " invitees reached so far)");
        return Instant.now();
    }

    /**
     * Every invitee's emails: each distinct link is fetched on the surviving node (200 valid, the neutral 404 page
     * dead); a duplicate must repeat the first email's link and Message-ID.
     */
    Delivery delivery(Bulk bulk) throws Exception {
        int emails = 0;
        int duplicates = 0;
        int duplicatesDifferent = 0;
        int reached = 0;
        Set<String> links = new LinkedHashSet<>();
        for (String email : bulk.emails()) {
            List<MailCatcher.Mail> mails = mail.mailsTo(email);
            emails += mails.size();
            if (mails.isEmpty()) {
                continue;
            }
            reached++;
            MailCatcher.Mail first = mails.get(0);
            for (MailCatcher.Mail again : mails.subList(1, mails.size())) {
                duplicates++;
                if (!again.link().equals(first.link()) || !again.messageId().equals(first.messageId())) {
                    duplicatesDifferent++;
                }
            }
            mails.forEach(each -> links.add(each.link()));
        }
        Map<String, Integer> statuses = linkStatuses(links);
        int dead = (int) statuses.values().stream().filter(status -> status != 200).count();
        int withoutValidLink = (int) bulk.emails().stream()
                .filter(email -> mail.mailsTo(email).stream().map(MailCatcher.Mail::link).distinct()
                        .filter(link -> statuses.get(link) == 200).count() != 1)
                .count();
        return new Delivery(bulk.emails().size(), reached, emails, duplicates, duplicatesDifferent, dead, withoutValidLink);
    }

    private Map<String, Integer> linkStatuses(Set<String> links) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            Map<String, CompletableFuture<Integer>> pending = new java.util.LinkedHashMap<>();
            links.forEach(link -> pending.put(link, CompletableFuture.supplyAsync(() -> get(link), threads)));
            Map<String, Integer> statuses = new java.util.HashMap<>();
            for (var entry : pending.entrySet()) {
                statuses.put(entry.getKey(), entry.getValue().get());
            }
            return statuses;
        } finally {
            threads.shutdownNow();
        }
    }

    private int get(String link) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(link)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    static void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + within + " for " + what);
            }
            Thread.sleep(200);
        }
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    static double secondsBetween(Instant from, Instant to) {
        return seconds(Duration.between(from, to));
    }

    /** Registers something to stop when the harness closes or the JVM ends. */
    static synchronized void onExit(Runnable cleanup) {
        CLEANUPS.push(cleanup);
    }

    @Override
    public void close() {
        runCleanups();
    }

    private static void runCleanups() {
        while (true) {
            Runnable cleanup;
            synchronized (FaultHarness.class) {
                cleanup = CLEANUPS.poll();
            }
            if (cleanup == null) {
                return;
            }
            try {
                cleanup.run();
            } catch (RuntimeException e) {
                System.err.println("FAULTS cleanup failed: " + e);
            }
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
