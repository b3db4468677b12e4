package dev.portalonboarding.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real Keycloak from the keycloak-quarkus-dist zip (unpacked by the build under target/keycloak),
 * started in dev mode under a JDK 25 with a realm imported from docker/keycloak/portal-realm.json.
 * Skipped where that JDK or the zip is missing, except under CI=true, where that fails the run.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Path JAVA_25 = Path.of(System.getenv().getOrDefault("KEYCLOAK_JAVA_HOME",
            "/usr/lib/jvm/temurin-25-jdk-amd64"));

    private final Process process;
    private final String url;

    private KeycloakServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts Keycloak on the port with the realm, changed by {@code realmChanges}, and waits until it serves it. */
    public static KeycloakServer start(int port, UnaryOperator<ObjectNode> realmChanges) {
        return start(port, realmChanges, List.of());
    }

    /** The same with more {@code kc.sh start-dev} options, such as a database other than dev mode's H2 file. */
    public static KeycloakServer start(int port, UnaryOperator<ObjectNode> realmChanges, List<String> options) {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/missing"));
        boolean available = Files.isExecutable(home.resolve("bin/kc.sh")) && Files.isExecutable(JAVA_25.resolve("bin/java"));
        if (!available && "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true but Keycloak (" + home + ") or its JDK (" + JAVA_25 + ") is missing");
        }
        Assumptions.assumeTrue(available, "Keycloak or JDK 25 not available");
        try {
            deleteRecursively(home.resolve("data"));
            Path imports = Files.createDirectories(home.resolve("data/import"));
            ObjectMapper json = new ObjectMapper();
            ObjectNode realm = (ObjectNode) json.readTree(Path.of("docker/keycloak/portal-realm.json").toFile());
            json.writeValue(imports.resolve("portal-realm.json").toFile(), realmChanges.apply(realm));
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--import-realm", "--http-port=" + port, "--http-management-port=" + freePort(),
                    "--cache=local"));
            command.addAll(options);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Files.createDirectories(Path.of("target")).resolve("keycloak.log").toFile());
            builder.environment().put("JAVA_HOME", JAVA_25.toString());
            KeycloakServer server = new KeycloakServer(builder.start(), "http://localhost:" + port);
            server.awaitRealm("portal", Duration.ofMinutes(4));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return url;
    }

    /** The process of kc.sh, which ends by exec-ing Keycloak's JVM: its CPU time is Keycloak's. */
    public long pid() {
        return process.pid();
    }

    private void awaitRealm(String realm, Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped; see target/keycloak.log");
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                        URI.create(url + "/realms/" + realm + "/.well-known/openid-configuration")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        close();
        throw new IllegalStateException("Keycloak did not serve realm " + realm + " within " + timeout);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
