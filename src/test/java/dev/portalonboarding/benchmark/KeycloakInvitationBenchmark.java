package dev.portalonboarding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;

import dev.portalonboarding.support.ApiClient;
import dev.portalonboarding.support.HttpExchange;
import dev.portalonboarding.support.KeycloakServer;
import dev.portalonboarding.support.TestDatabase;
import dev.portalonboarding.support.TestMailServer;

/**
 * The yardstick of single onboardings: Keycloak's own invitations, {@code invite-user} of an organization,
 * on this machine, on the tests' PostgreSQL (a database of its own) and sending to the tests' SMTP server,
 * from as many clients as {@code OnboardingBenchmark} starts onboardings with. Run both in one command (see
 * README) to compare them in the same run. Prints invitations per second, rows written and CPU per
 * invitation, to {@code target/keycloak-invitation-benchmark-results.txt}. It asserts completeness, never
 * speed.
 */
class KeycloakInvitationBenchmark {

    private static final int CLIENTS = Integer.getInteger("benchmark.threads", 4);
    private static final int INVITATIONS = Integer.getInteger("benchmark.keycloak-invitations", 2000);
    private static final int WARMUP = Integer.getInteger("benchmark.keycloak-warmup", 200);
    private static final String REALM = "portal";
    private static final String CLIENT_ID = "invitation-benchmark";
    private static final String CLIENT_SECRET = "invitation-benchmark-secret";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void keycloakOrganizationInvitationsPerSecond() throws Exception {
        String database = "keycloak_benchmark_" + System.nanoTime();
        try (Connection connection = java.sql.DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(),
                TestDatabase.password()); Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        }
        Matcher server = Pattern.compile("jdbc:postgresql://([^/?]+)").matcher(TestDatabase.url());
        assertThat(server.find()).as("a PostgreSQL JDBC URL").isTrue();
        String keycloakDatabaseUrl = "jdbc:postgresql://" + server.group(1) + "/" + database;
        int smtpPort = TestMailServer.port();

        List<String> lines = new ArrayList<>();
        try (HikariDataSource keycloakDatabase = dataSource(keycloakDatabaseUrl)) {
            KeycloakServer keycloak = KeycloakServer.start(KeycloakServer.freePort(), realm -> benchmarkRealm(realm, smtpPort),
                    List.of("--db=postgres", "--db-url=" + keycloakDatabaseUrl, "--db-username=" + TestDatabase.username(),
                            "--db-password=" + TestDatabase.password()));
            WorkMeter meter;
            WorkMeter.Snapshot before;
            WorkMeter.Snapshot afterRun;
            double keycloakCpuBefore;
            double keycloakCpuAfter;
            Duration run;
            try (keycloak) {
                String token = serviceToken(keycloak.url());
                String organization = createOrganization(keycloak.url(), token);
                invite(keycloak.url(), token, organization, "warmup", WARMUP);

                meter = new WorkMeter(keycloakDatabase);
                before = meter.take();
                keycloakCpuBefore = WorkMeter.processCpuMillis(keycloak.pid());
                run = invite(keycloak.url(), token, organization, "run", INVITATIONS);
                keycloakCpuAfter = WorkMeter.processCpuMillis(keycloak.pid());
                afterRun = meter.take();
            }
            // A backend of Keycloak's pool keeps the counts it has not sent yet until it ends: read the rows
            // once Keycloak has stopped, the CPU while it ran
            WorkMeter.Snapshot afterStop = meter.take();
            WorkMeter.Snapshot after = new WorkMeter.Snapshot(afterRun.jvmCpuNanos(), afterRun.postgresCpuTicks(),
                    afterRun.machineBusyTicks(), afterStop.rowsWritten());

            double rate = INVITATIONS / BareEngine.seconds(run);
            lines.add("Keycloak invitation benchmark (Keycloak " + keycloakVersion() + ", PostgreSQL "
                    + BareEngine.databaseVersion(keycloakDatabase) + ", " + Runtime.getRuntime().availableProcessors()
                    + " cores, " + CLIENTS + " clients)");
            lines.add(String.format("  organization invitations (invite-user, email sent): %d in %.1f s = %.0f/s",
                    INVITATIONS, BareEngine.seconds(run), rate));
            lines.addAll(meter.report("invitation", INVITATIONS, before, after));
            lines.add(String.format("    CPU per invitation in Keycloak's JVM: %.2f ms (the JVM line above is this "
                    + "benchmark's clients and GreenMail)", (keycloakCpuAfter - keycloakCpuBefore) / INVITATIONS));
            lines.add("  measured: " + meter.method());
        }
        String report = String.join("\n", lines);
        System.out.println(report);
        Files.writeString(Path.of("target", "keycloak-invitation-benchmark-results.txt"), report + "\n");
    }

    /**
     * Invites {@code count} new users from the clients, each request answered once Keycloak has sent the
     * email, and checks that the SMTP server got every one.
     */
    private Duration invite(String keycloak, String token, String organization, String batch, int count) throws Exception {
        String prefix = "kc-" + batch + "-" + System.nanoTime() + "-";
        int mailsBefore = TestMailServer.receivedCount();
        URI inviteUser = URI.create(keycloak + "/admin/realms/" + REALM + "/organizations/" + organization
                + "/members/invite-user");
        Duration elapsed = BareEngine.inParallel(count, CLIENTS, i -> {
            HttpResponse<String> response = send(HttpRequest.newBuilder(inviteUser)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form("email", prefix + i + "@example.com",
                            "firstName", "Ada", "lastName", "Lovelace")))
                    .build());
            assertThat(response.statusCode()).as("invite-user: " + response.body()).isEqualTo(204);
        });
        assertThat(TestMailServer.receivedCount() - mailsBefore).as("invitation emails").isEqualTo(count);
        TestMailServer.discardReceived();
        return elapsed;
    }

    /**
     * The compose realm with organizations on, SMTP to the tests' server, and a confidential client whose
     * service account administers the realm (organizations need more than the service's manage-users).
     */
    private static ObjectNode benchmarkRealm(ObjectNode realm, int smtpPort) {
        realm.put("organizationsEnabled", true);
        realm.put("accessTokenLifespan", 3600);
        ObjectNode smtp = realm.putObject("smtpServer");
        smtp.put("host", "127.0.0.1");
        smtp.put("port", String.valueOf(smtpPort));
        smtp.put("from", "noreply@portal.example.test");
        ObjectNode client = realm.withArray("clients").addObject();
        client.put("clientId", CLIENT_ID);
        client.put("secret", CLIENT_SECRET);
        client.put("publicClient", false);
        client.put("serviceAccountsEnabled", true);
        client.put("standardFlowEnabled", false);
        ObjectNode account = realm.withArray("users").addObject();
        account.put("username", "service-account-" + CLIENT_ID);
        account.put("enabled", true);
        account.put("serviceAccountClientId", CLIENT_ID);
        account.putObject("clientRoles").putArray("realm-management").add("realm-admin");
        return realm;
    }

    private static String serviceToken(String keycloak) {
        return ApiClient.token(keycloak + "/realms/" + REALM + "/protocol/openid-connect/token", CLIENT_ID, CLIENT_SECRET,
                null);
    }

    private String createOrganization(String keycloak, String token) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(keycloak + "/admin/realms/" + REALM + "/organizations"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "Benchmark partners", "alias": "benchmark-partners", "enabled": true,
                         "domains": [{"name": "example.com"}]}"""))
                .build());
        assertThat(response.statusCode()).as("organization: " + response.body()).isEqualTo(201);
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private HttpResponse<String> send(HttpRequest request) {
        return HttpExchange.send(http, request);
    }

    private static String form(String... namesAndValues) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            pairs.add(namesAndValues[i] + "=" + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", pairs);
    }

    private static HikariDataSource dataSource(String url) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(TestDatabase.username());
        dataSource.setPassword(TestDatabase.password());
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }

    private static String keycloakVersion() {
        return Path.of(System.getProperty("keycloak.home", "?")).getFileName().toString().replace("keycloak-", "");
    }
}
