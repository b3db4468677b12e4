package dev.portalonboarding.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The one PostgreSQL both nodes share: stopped and started again on the same port and data directory. */
final class SharedDatabase {

    final int port;
    private final Path data;
    private EmbeddedPostgres postgres;

    SharedDatabase(int port, Path data) {
        this.port = port;
        this.data = data;
    }

    synchronized void start() throws IOException {
        postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200").start();
        FaultHarness.onExit(this::stop);
    }

    synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            postgres = null;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The first column mapped to the second, for queries of two columns. */
    Map<String, String> pairs(String sql, Object... parameters) throws SQLException {
        Map<String, String> pairs = new LinkedHashMap<>();
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                pairs.put(result.getString(1), result.getString(2));
            }
        }
        return pairs;
    }

    private Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(2);
        return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
