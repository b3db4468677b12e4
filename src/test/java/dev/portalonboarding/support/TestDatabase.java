package dev.portalonboarding.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The tests' PostgreSQL: the server named by TEST_DATABASE_URL (with TEST_DATABASE_USERNAME and
 * TEST_DATABASE_PASSWORD) when set, otherwise an embedded PostgreSQL started once per JVM.
 */
public final class TestDatabase {

    private static String url;
    private static String username;
    private static String password;

    public static synchronized String url() {
        if (url == null) {
            String external = System.getenv("TEST_DATABASE_URL");
            if (external != null && !external.isBlank()) {
                url = external;
                username = System.getenv().getOrDefault("TEST_DATABASE_USERNAME", "postgres");
                password = System.getenv().getOrDefault("TEST_DATABASE_PASSWORD", "");
            } else {
                try {
                    // Stops itself when the JVM exits
                    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                    url = postgres.getJdbcUrl("postgres", "postgres");
                    username = "postgres";
                    password = "postgres";
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
                }
            }
        }
        return url;
    }

    public static synchronized String username() {
        url();
        return username;
    }

    public static synchronized String password() {
        url();
        return password;
    }

    private TestDatabase() {
    }
}
