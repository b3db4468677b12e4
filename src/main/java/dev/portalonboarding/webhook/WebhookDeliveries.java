package dev.portalonboarding.webhook;

import static dev.portalonboarding.SqlTimestamps.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outbox table webhook_delivery: one row per event and subscription. */
@Repository
class WebhookDeliveries {

    /** {@code subject}: the CloudEvents subject, the id of the onboarding the event is about. */
    record Delivery(UUID id, UUID eventId, String subscription, String eventType, String subject, String body,
            boolean delivered) {
    }

    private final JdbcClient jdbc;

    WebhookDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Delivery delivery, Instant now) {
        jdbc.sql("""
                insert into onboarding.webhook_delivery (id, event_id, subscription, event_type, subject, body, created_at)
                values (:id, :eventId, :subscription, :eventType, :subject, :body, :createdAt)
                """)
                .param("id", delivery.id())
                .param("eventId", delivery.eventId())
                .param("subscription", delivery.subscription())
                .param("eventType", delivery.eventType())
                .param("subject", delivery.subject())
                .param("body", delivery.body())
                .param("createdAt", timestamp(now))
                .update();
    }

    Optional<Delivery> find(UUID id) {
        return jdbc.sql("select * from onboarding.webhook_delivery where id = :id")
                .param("id", id)
                .query(WebhookDeliveries::delivery)
                .optional();
    }

    /** The deliveries not yet made of events about these onboardings. */
    List<Delivery> findUndeliveredAbout(Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select * from onboarding.webhook_delivery
                 where subject in (:subjects) and delivered_at is null
                 order by created_at, id
                """)
                .param("subjects", subjects)
                .query(WebhookDeliveries::delivery)
                .list();
    }

    /** Replaces the body a delivery not yet made sends; false when it was delivered meanwhile (no body left). */
    boolean replaceUndeliveredBody(UUID id, String body) {
        return jdbc.sql("""
                update onboarding.webhook_delivery set body = :body
                 where id = :id and delivered_at is null
                """)
                .param("id", id)
                .param("body", body)
                .update() == 1;
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                rs.getString("subscription"), rs.getString("event_type"), rs.getString("subject"),
                rs.getString("body"), rs.getTimestamp("delivered_at") != null);
    }

    /**
     * Marks it delivered and drops the body (it may hold personal data); false when another attempt
     * already did, so a late duplicate changes nothing.
     */
    boolean markDelivered(UUID id, Instant now) {
        return jdbc.sql("""
                update onboarding.webhook_delivery set delivered_at = :now, body = null
                 where id = :id and delivered_at is null
                """)
                .param("id", id)
                .param("now", timestamp(now))
                .update() == 1;
    }
}
