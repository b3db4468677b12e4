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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Start-up time and idle memory of the service's jar on its embedded default (as README's start command
 * starts it, {@code java -Xmx512m -jar target/portal-onboarding-*.jar}) beside a bare Camunda 7.24 webapp
 * (the webapp starter on H2 and nothing else, {@code src/test/bare-camunda-webapp}, built here with the
 * wrapper), each started as a separate process on this machine, alternately, each in a fresh working
 * directory (so each creates its database, as a first start does). Measures the time from the process
 * start to the first 200 of Camunda's login page, which both serve, and the resident memory (VmRSS) after
 * some idle seconds; prints the median of the starts and writes it to
 * {@code target/startup-benchmark-results.txt}. Run with
 * {@code ./mvnw -Pbenchmark verify -Dtest=StartupBenchmark} (README, Benchmark), which builds the jar first.
 */
class StartupBenchmark {

    private static final int STARTS = Integer.getInteger("benchmark.startups", 3);
    private static final int IDLE_SECONDS = Integer.getInteger("benchmark.startup-idle-seconds", 10);
    private static final String LOGIN_PAGE = "/camunda/app/welcome/default/";
    private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds");
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path WORK = PROJECT.resolve("target/startup-benchmark");

    private record Start(Duration firstAnswer, Optional<Double> springReported, long idleRssKilobytes) {
    }

    @Test
    void theServiceStartsBesideABareCamundaWebapp() throws Exception {
        Path service = jar(PROJECT.resolve("target"), "portal-onboarding-.*\\.jar",
                "no target/portal-onboarding-*.jar: run with -Pbenchmark verify, which packages first");
        Path bare = bareCamundaWebapp();
        Files.createDirectories(WORK);
        List<Start> serviceStarts = new ArrayList<>();
        List<Start> bareStarts = new ArrayList<>();
        for (int i = 1; i <= STARTS; i++) {
            int port = freePort();
            serviceStarts.add(start("service-" + i, service, port, List.of("--server.port=" + port,
                    "--onboarding.identity.dev.port=" + freePort(), "--spring.mail.port=" + freePort())));
            int barePort = freePort();
            bareStarts.add(start("bare-" + i, bare, barePort, List.of("--server.port=" + barePort)));
        }

        String report = String.join("\n",
                "Start-up benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, java -Xmx512m -jar, "
                        + STARTS + " starts each, alternately, each on a fresh H2 file database; median)",
                line("service, embedded default", serviceStarts),
                line("bare Camunda 7.24 webapp  ", bareStarts),
                "  first answer: from the process start to the first 200 of GET " + LOGIN_PAGE
                        + "; RSS: VmRSS of /proc/<pid>/status after " + IDLE_SECONDS + " s idle; logs in " + PROJECT.relativize(WORK));
        System.out.println(report);
        Files.writeString(PROJECT.resolve("target/startup-benchmark-results.txt"), report + "\n");
    }

    private static String line(String what, List<Start> starts) {
        List<Double> seconds = starts.stream().map(start -> BareEngine.seconds(start.firstAnswer())).toList();
        List<Double> reported = starts.stream().flatMap(start -> start.springReported().stream()).toList();
        return String.format("  %s: first answer after %.1f s (each: %s), Spring Boot reports started after %.1f s, idle RSS %d MB (each: %s)",
                what, median(seconds), seconds.stream().map(s -> String.format("%.1f", s)).toList(), median(reported),
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

    /** Starts the jar in a fresh directory, waits for its first answer and the idle seconds, reads its RSS, stops it. */
    private static Start start(String name, Path jar, int port, List<String> arguments) throws Exception {
        Path directory = Files.createTempDirectory(WORK, name + "-");
        Path log = WORK.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar", jar.toString()));
        command.addAll(arguments);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest loginPage = HttpRequest.newBuilder(URI.create("http://localhost:" + port + LOGIN_PAGE))
                .timeout(Duration.ofSeconds(5)).build();
        long begin = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = begin + Duration.ofMinutes(3).toNanos();
            while (!answers(http, loginPage)) {
                assertThat(process.isAlive()).as(name + " still running (see " + log + ")").isTrue();
                assertThat(System.nanoTime()).as(name + " answers within 3 minutes").isLessThan(deadline);
                Thread.sleep(50);
            }
            Duration firstAnswer = Duration.ofNanos(System.nanoTime() - begin);
            Thread.sleep(IDLE_SECONDS * 1000L);
            long rss = residentKilobytes(process.pid());
            Matcher started = STARTED.matcher(Files.readString(log));
            Start start = new Start(firstAnswer, started.find() ? Optional.of(Double.parseDouble(started.group(1))) : Optional.empty(), rss);
            System.out.printf("%s: first answer after %.1f s, RSS %d MB%n", name, BareEngine.seconds(firstAnswer), rss >> 10);
            return start;
        } finally {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
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

    private static long residentKilobytes(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
    }

    /** The bare webapp's jar, built by the wrapper from its own small project unless it is there. */
    private static Path bareCamundaWebapp() throws Exception {
        Path target = PROJECT.resolve("target/bare-camunda-webapp");
        Optional<Path> built = Files.isDirectory(target) ? find(target, "bare-camunda-webapp-.*\\.jar") : Optional.empty();
        if (built.isPresent()) {
            return built.get();
        }
        Process maven = new ProcessBuilder(PROJECT.resolve("mvnw").toString(), "-q", "-f",
                PROJECT.resolve("src/test/bare-camunda-webapp/pom.xml").toString(), "package")
                .directory(PROJECT.toFile()).inheritIO().start();
        assertThat(maven.waitFor()).as("the bare Camunda webapp builds").isZero();
        return jar(target, "bare-camunda-webapp-.*\\.jar", "the bare Camunda webapp's jar was not built");
    }

    private static Path jar(Path directory, String pattern, String missing) throws IOException {
        return find(directory, pattern).orElseThrow(() -> new AssertionError(missing));
    }

    private static Optional<Path> find(Path directory, String pattern) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().matches(pattern)).findFirst();
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
