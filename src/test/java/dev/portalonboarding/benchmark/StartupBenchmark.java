package dev.portalonboarding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.portalonboarding.support.TestMailServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Start-up time and memory of the service's jar beside a bare Camunda 7.24 webapp (the webapp starter and
 * nothing else, {@code src/test/bare-camunda-webapp}, built here with the wrapper), each as a separate process
 * started as README's start command does ({@code java -Xmx512m -jar}), in four setups: the service's embedded
 * default (H2 file) and the bare webapp on H2, the service's production profile and the bare webapp on
 * PostgreSQL (an embedded PostgreSQL this benchmark starts, a fresh database per start). Each setup starts
 * {@code benchmark.startups} times, the setups alternately, each start in a fresh working directory and
 * database (so each creates its schema, as a first start does). It measures the time from the process start
 * to the first 200 of Tasklist's page and the resident memory (VmRSS) after some idle seconds; the last start
 * of each setup then gets {@code benchmark.startup-onboardings} onboardings (the bare webapp as many waiting
 * instances, {@link StartupWorkload}) and its memory is read again. Prints medians and every value and writes
 * them to {@code target/startup-benchmark-results.txt}. Run with
 * {@code ./mvnw -Pbenchmark verify -Dtest=StartupBenchmark} (README, Start-up benchmark), which builds the jar first.
 */
class StartupBenchmark {

    private static final int STARTS = Integer.getInteger("benchmark.startups", 3);
    private static final int IDLE_SECONDS = Integer.getInteger("benchmark.startup-idle-seconds", 10);
    private static final int ONBOARDINGS = Integer.getInteger("benchmark.startup-onboardings", 10_000);
    private static final String TASKLIST = "/camunda/app/tasklist/default/";
    /** Spring Boot's line: the context's start, then the time since the JVM started, which compares with ours. */
    private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path WORK = PROJECT.resolve("target/startup-benchmark");
    private static final String ADMIN_PASSWORD = random(12);

    private enum Setup {
        SERVICE_EMBEDDED("service, embedded default (H2 file)      "),
        BARE_H2("bare Camunda 7.24 webapp (H2 file)       "),
        SERVICE_PRODUCTION("service, production (prod,keycloak; PG) "),
        BARE_POSTGRESQL("bare Camunda 7.24 webapp (PostgreSQL)    ");

        final String label;

        Setup(String label) {
            this.label = label;
        }

        boolean bare() {
            return this == BARE_H2 || this == BARE_POSTGRESQL;
        }
    }

    /** One process to start: its jar, command-line arguments and environment. */
    private record Launch(Path jar, int port, List<String> arguments, Map<String, String> environment) {
    }

    private record Start(Duration firstAnswer, Optional<SpringReported> springReported, long idleRssKilobytes,
            Optional<Loaded> loaded) {
    }

    /** What Spring Boot logs when started: seconds for the application context, and since the JVM started. */
    private record SpringReported(double context, double process) {
    }

    /** After the workload: how long it took, then the resident memory after the idle seconds and its peak so far. */
    private record Loaded(Duration took, long rssKilobytes, long peakRssKilobytes) {
    }

    private EmbeddedPostgres postgres;

    @Test
    void theServiceStartsBesideABareCamundaWebapp() throws Exception {
        Path service = jar(PROJECT.resolve("target"), "portal-onboarding-.*\\.jar",
                "no target/portal-onboarding-*.jar: run with -Pbenchmark verify, which packages first");
        Path bare = bareCamundaWebapp();
        Files.createDirectories(WORK);
        postgres = EmbeddedPostgres.builder().start();
        TestMailServer.start();
        Map<Setup, List<Start>> starts = new LinkedHashMap<>();
        try {
            for (int i = 1; i <= STARTS; i++) {
                for (Setup setup : Setup.values()) {
                    String name = setup.name().toLowerCase().replace('_', '-') + "-" + i;
                    starts.computeIfAbsent(setup, any -> new ArrayList<>())
                            .add(start(name, setup, launch(setup, name, setup.bare() ? bare : service), i == STARTS));
                }
            }
        } finally {
            postgres.close();
        }

        List<String> lines = new ArrayList<>(List.of(
                "Start-up benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, java -Xmx512m -jar, "
                        + STARTS + " starts of each setup, alternately, each on a fresh database; median [each])"));
        starts.forEach((setup, each) -> lines.add(line(setup.label, each)));
        if (ONBOARDINGS > 0) {
            lines.add("  after " + ONBOARDINGS + " onboardings on the last start (the service: one bulk upload, until every"
                    + " invitation email is sent; the bare webapp: as many instances waiting at a 7-day timer, from 4 threads):");
            starts.forEach((setup, each) -> each.get(each.size() - 1).loaded().ifPresent(loaded -> lines.add(String.format(
                    "    %s: done in %.0f s, RSS %d MB after %d s idle (peak RSS %d MB)", setup.label,
                    BareEngine.seconds(loaded.took()), loaded.rssKilobytes() >> 10, IDLE_SECONDS, loaded.peakRssKilobytes() >> 10))));
        }
        lines.add("  first answer: from the process start to the first 200 of GET " + TASKLIST + "; RSS: VmRSS (peak: VmHWM) of"
                + " /proc/<pid>/status after " + IDLE_SECONDS + " s idle; logs in " + PROJECT.relativize(WORK));
        String report = String.join("\n", lines);
        System.out.println(report);
        Files.writeString(PROJECT.resolve("target/startup-benchmark-results.txt"), report + "\n");
    }

    /** The command line and environment of one start, on a fresh database. */
    private Launch launch(Setup setup, String name, Path jar) throws Exception {
        int port = freePort();
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + port));
        Map<String, String> environment = new LinkedHashMap<>();
        switch (setup) {
            // Free ports for the development identity provider and the in-process SMTP catcher, nothing else changed
            case SERVICE_EMBEDDED -> arguments.addAll(List.of("--onboarding.identity.dev.port=" + freePort(),
                    "--spring.mail.port=" + freePort()));
            case BARE_H2 -> {
            }
            case SERVICE_PRODUCTION -> {
                // What production's fail-fast check asks for (README, Production); the identity provider is named by
                // explicit endpoints, and nothing listens there: the service starts while it is down
                environment.put("SPRING_PROFILES_ACTIVE", "prod,keycloak");
                environment.put("SPRING_DATASOURCE_URL", database(name));
                environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
                environment.put("SPRING_DATASOURCE_PASSWORD", "postgres");
                environment.put("SPRING_MAIL_HOST", "127.0.0.1");
                environment.put("SPRING_MAIL_PORT", String.valueOf(TestMailServer.port()));
                environment.put("ONBOARDING_PUBLIC_BASE_URL", "http://localhost:" + port);
                environment.put("ONBOARDING_ADMIN_PASSWORD", ADMIN_PASSWORD);
                environment.put("ONBOARDING_INVITATION_CODE_SECRET", random(32));
                environment.put("ONBOARDING_METRICS_PASSWORD", random(16));
                environment.put("KEYCLOAK_URL", "http://127.0.0.1:" + freePort());
                environment.put("KEYCLOAK_CLIENT_SECRET", "unused");
                environment.put("KEYCLOAK_ADMIN_CLIENT_SECRET", "unused");
                // The benchmark's SMTP catcher (GreenMail) answers EHLO in small writes that cost ~40 ms of idle
                // waiting per new connection (Nagle, delayed ACKs; see BulkOnboardingBenchmark); HELO gets a
                // one-line answer
                arguments.add("--spring.mail.properties.mail.smtp.ehlo=false");
            }
            case BARE_POSTGRESQL -> arguments.addAll(List.of("--spring.datasource.url=" + database(name),
                    "--spring.datasource.username=postgres", "--spring.datasource.password=postgres"));
        }
        return new Launch(jar, port, arguments, environment);
    }

    /** A fresh database on the embedded PostgreSQL, as its JDBC URL. */
    private String database(String name) throws Exception {
        String database = name.replace('-', '_');
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        }
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    private static String line(String what, List<Start> starts) {
        List<Double> seconds = starts.stream().map(start -> BareEngine.seconds(start.firstAnswer())).toList();
        List<SpringReported> reported = starts.stream().flatMap(start -> start.springReported().stream()).toList();
        return String.format("  %s: Tasklist answers after %.1f s %s, Spring Boot logs started in %.1f s (process running for %.1f s),"
                        + " idle RSS %d MB %s",
                what, median(seconds), seconds.stream().map(s -> String.format("%.1f", s)).toList(),
                median(reported.stream().map(SpringReported::context).toList()),
                median(reported.stream().map(SpringReported::process).toList()),
                (long) median(starts.stream().map(start -> (double) start.idleRssKilobytes()).toList()) >> 10,
                starts.stream().map(start -> start.idleRssKilobytes() >> 10).toList());
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /**
     * Starts the jar in a fresh directory, waits for Tasklist's first answer and the idle seconds, reads its RSS;
     * with the workload, gives it that and reads its RSS again after the idle seconds. Then stops it.
     */
    private static Start start(String name, Setup setup, Launch launch, boolean withWorkload) throws Exception {
        Path directory = Files.createTempDirectory(WORK, name + "-");
        Path log = WORK.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar", launch.jar().toString()));
        command.addAll(launch.arguments());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest tasklist = HttpRequest.newBuilder(URI.create("http://localhost:" + launch.port() + TASKLIST))
                .timeout(Duration.ofSeconds(5)).build();
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(launch.environment());
        long begin = System.nanoTime();
        Process process = builder.start();
        try {
            long deadline = begin + Duration.ofMinutes(3).toNanos();
            while (!answers(http, tasklist)) {
                assertThat(process.isAlive()).as(name + " still running (see " + log + ")").isTrue();
                assertThat(System.nanoTime()).as(name + " answers within 3 minutes").isLessThan(deadline);
                Thread.sleep(50);
            }
            Duration firstAnswer = Duration.ofNanos(System.nanoTime() - begin);
            Thread.sleep(IDLE_SECONDS * 1000L);
            long rss = status(process.pid(), "VmRSS");
            Matcher started = STARTED.matcher(Files.readString(log));
            Optional<SpringReported> reported = started.find()
                    ? Optional.of(new SpringReported(Double.parseDouble(started.group(1)), Double.parseDouble(started.group(2))))
                    : Optional.empty();
            System.out.printf("%s: Tasklist answers after %.1f s, idle RSS %d MB%n", name, BareEngine.seconds(firstAnswer), rss >> 10);
            Optional<Loaded> loaded = Optional.empty();
            if (withWorkload && ONBOARDINGS > 0) {
                Duration took = setup.bare()
                        ? StartupWorkload.waitingInstances(launch.port(), ONBOARDINGS)
                        : StartupWorkload.onboardings(launch.port(), setup == Setup.SERVICE_EMBEDDED ? "admin" : ADMIN_PASSWORD,
                                ONBOARDINGS);
                Thread.sleep(IDLE_SECONDS * 1000L);
                loaded = Optional.of(new Loaded(took, status(process.pid(), "VmRSS"), status(process.pid(), "VmHWM")));
                System.out.printf("%s: %d %s in %.0f s, then RSS %d MB (peak %d MB)%n", name, ONBOARDINGS,
                        setup.bare() ? "waiting instances" : "onboardings", BareEngine.seconds(took), loaded.get().rssKilobytes() >> 10, loaded.get().peakRssKilobytes() >> 10);
            }
            return new Start(firstAnswer, reported, rss, loaded);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static boolean answers(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A kilobyte figure of /proc/<pid>/status, such as VmRSS. */
    private static long status(long pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith(field + ":"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
    }

    /** The bare webapp's jar, built by the wrapper from its own small project (Maven skips what is up to date). */
    private static Path bareCamundaWebapp() throws Exception {
        Process maven = new ProcessBuilder(PROJECT.resolve("mvnw").toString(), "-q", "-f",
                PROJECT.resolve("src/test/bare-camunda-webapp/pom.xml").toString(), "package")
                .directory(PROJECT.toFile()).inheritIO().start();
        assertThat(maven.waitFor()).as("the bare Camunda webapp builds").isZero();
        return jar(PROJECT.resolve("target/bare-camunda-webapp"), "bare-camunda-webapp-.*\\.jar",
                "the bare Camunda webapp's jar was not built");
    }

    private static Path jar(Path directory, String pattern, String missing) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().matches(pattern)).findFirst()
                    .orElseThrow(() -> new AssertionError(missing));
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
