package dev.portalonboarding;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The {@code db} health check (it replaces Spring Boot's, by name), part of readiness: answers within
 * {@link #TIME_LIMIT} in every state. It has its own connection, because under a bulk every connection
 * of the work pool is busy and Boot's check would wait in line for one; and it gives up after the time
 * limit, because a database host that vanishes without a TCP reset would otherwise hold the check.
 */
@Component("dbHealthIndicator")
public class DatabaseHealthIndicator implements HealthIndicator, DisposableBean {

    static final Duration TIME_LIMIT = Duration.ofMillis(1500);

    private final HikariDataSource connections;
    private final ExecutorService checks = Executors.newCachedThreadPool(check -> {
        Thread thread = new Thread(check, "database-health");
        thread.setDaemon(true);
        return thread;
    });

    DatabaseHealthIndicator(DataSourceProperties database) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("health");
        config.setJdbcUrl(database.determineUrl());
        config.setUsername(database.determineUsername());
        config.setPassword(database.determinePassword());
        config.setDriverClassName(database.determineDriverClassName());
        // Two, so that readiness and /actuator/health asked together do not wait for each other
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(1000);
        config.setValidationTimeout(500);
        // The application starts (and answers DOWN) while the database is unreachable
        config.setInitializationFailTimeout(-1);
        connections = new HikariDataSource(config);
    }

    @Override
    public Health health() {
        Future<Health> check = checks.submit(this::check);
        try {
            return check.get(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            check.cancel(true);
            return Health.down().withDetail("error", "no answer within " + TIME_LIMIT.toMillis() + " ms").build();
        } catch (Exception e) {
            return Health.down(e).build();
        }
    }

    private Health check() {
        try (Connection connection = connections.getConnection()) {
            if (!connection.isValid(1)) {
                return Health.down().withDetail("error", "the connection is not valid").build();
            }
            return Health.up().withDetail("database", connection.getMetaData().getDatabaseProductName()).build();
        } catch (Exception e) {
            return Health.down().withDetail("error", String.valueOf(e.getMessage())).build();
        }
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
        connections.close();
    }
}
