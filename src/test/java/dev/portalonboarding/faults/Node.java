package dev.portalonboarding.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One node of the built jar as its own OS process, in the profiles {@code prod,keycloak}; its log goes to a file. */
final class Node {

    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(2);

    final String name;
    final int port;
    private final Path jar;
    private final Path log;
    private final Map<String, String> environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ANSWER_LIMIT).build();
    private Process process;

    Node(String name, int port, Path jar, Path logDirectory, Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.log = logDirectory.resolve(name + ".log");
        this.environment = environment;
    }

    void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        process = builder.start();
        FaultHarness.onExit(this::kill);
    }

    /** Waits until readiness says UP; returns how long the start took. */
    Duration awaitReady(Instant startedAt, Duration within) throws InterruptedException {
        Instant deadline = startedAt.plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ", see " + log);
            }
            if (readiness() == 200) {
                return Duration.between(startedAt, Instant.now());
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " not ready within " + within + ", see " + log);
    }

    /** The status of {@code /actuator/health/readiness}; -1 when it gives no answer within 2 s. */
    int readiness() {
        return status("/actuator/health/readiness");
    }

    int status(String path) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(ANSWER_LIMIT)
                    .build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** kill -9: the JVM gets no chance to finish a transaction or release a lock. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
