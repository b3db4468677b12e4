package dev.portalonboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Health tells the truth about the database: with it gone, readiness says DOWN within 5 s, every answer
 * within 2 s, while liveness stays UP; once it is back, readiness is UP again by itself. The application
 * runs on its own PostgreSQL here, which the test stops and starts again on the same port and data.
 */
class DatabaseHealthTest {

    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ANSWER_LIMIT).build();

    @Test
    void readinessFollowsTheDatabaseWhileLivenessStaysUp() throws Exception {
        int databasePort = freePort();
        Path data = Files.createTempDirectory("health-test-postgres");
        EmbeddedPostgres database = postgres(databasePort, data);
        int appPort = freePort();
        try (ConfigurableApplicationContext app = start(appPort, database.getJdbcUrl("postgres", "postgres"))) {
            assertThat(status(appPort, "/actuator/health/readiness")).isEqualTo(200);

            database.close();
            Instant stopped = Instant.now();
            awaitStatus(appPort, "/actuator/health/readiness", 503, Duration.ofSeconds(5));
            assertThat(Duration.between(stopped, Instant.now())).isLessThan(Duration.ofSeconds(5));
            assertThat(status(appPort, "/actuator/health")).isEqualTo(503);
            assertThat(status(appPort, "/actuator/health/liveness")).as("liveness without the database").isEqualTo(200);

            database = postgres(databasePort, data);
            awaitStatus(appPort, "/actuator/health/readiness", 200, Duration.ofSeconds(15));
        } finally {
            database.close();
            FileSystemUtils.deleteRecursively(data);
        }
    }

    /** Polls until the status comes; every answer must come within {@link #ANSWER_LIMIT}. */
    private void awaitStatus(int port, String path, int expected, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        int status;
        do {
            status = status(port, path);
            if (status == expected) {
                return;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError(path + " answered " + status + ", not " + expected + ", for " + within);
    }

    private int status(int port, String path) throws Exception {
        Instant asked = Instant.now();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(ANSWER_LIMIT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Duration.between(asked, Instant.now())).as("time to answer " + path).isLessThan(ANSWER_LIMIT);
        return response.statusCode();
    }

    /** On the same port and data directory each time, so the application's pool reconnects to the same database. */
    private static EmbeddedPostgres postgres(int port, Path data) throws IOException {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
    }

    private static ConfigurableApplicationContext start(int appPort, String databaseUrl) throws IOException {
        return SpringApplication.run(PortalOnboardingApplication.class,
                "--spring.profiles.active=test",
                "--server.port=" + appPort,
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + freePort());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
