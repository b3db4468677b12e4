package dev.portalonboarding.contact;

import static dev.portalonboarding.SqlTimestamps.instant;
import static dev.portalonboarding.SqlTimestamps.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The contact-level audit trail (table contact_event). Entries are only ever added. */
@Repository
public class ContactEvents {

    private final JdbcClient jdbc;
    private final Clock clock;

    public ContactEvents(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An entry about the contact as a whole. */
    public void record(UUID contactId, ContactEventType type, String actor, String approver, String reason) {
        insert(contactId, type, actor, approver, reason, null, null);
    }

    /** An entry about one onboarding of the contact. */
    public void recordFor(String processInstanceId, UUID contactId, ContactEventType type, String actor,
            String detail) {
        insert(contactId, type, actor, null, null, processInstanceId, detail);
    }

    private void insert(UUID contactId, ContactEventType type, String actor, String approver, String reason,
            String processInstanceId, String detail) {
        jdbc.sql("""
                insert into onboarding.contact_event
                       (contact_id, type, occurred_at, actor, approver, reason, process_instance_id, detail)
                values (:contactId, :type, :occurredAt, :actor, :approver, :reason, :processInstanceId, :detail)
                """)
                .param("contactId", contactId)
                .param("type", type.name())
                .param("occurredAt", timestamp(clock.instant()))
                .param("actor", actor)
                .param("approver", approver)
                .param("reason", reason)
                .param("processInstanceId", processInstanceId)
                .param("detail", detail)
                .update();
    }

    /** Removes the personal data the contact's entries hold: the details of its requests. */
    public void eraseDetails(UUID contactId) {
        jdbc.sql("update onboarding.contact_event set detail = null where contact_id = :contactId")
                .param("contactId", contactId)
                .update();
    }

    /** Deletes the events that occurred before the cutoff; how many. */
    public int deleteBefore(Instant cutoff) {
        return jdbc.sql("delete from onboarding.contact_event where occurred_at < :cutoff")
                .param("cutoff", timestamp(cutoff))
                .update();
    }

    /** The contact's trail, oldest first. */
    public List<ContactEvent> findByContact(UUID contactId) {
        return jdbc.sql("select * from onboarding.contact_event where contact_id = :contactId order by id")
                .param("contactId", contactId)
                .query(ContactEvents::event)
                .list();
    }

    /** What one onboarding's contact went through: the entries about the contact as a whole and about it. */
    public List<ContactEvent> findForOnboarding(UUID contactId, String processInstanceId) {
        return jdbc.sql("""
                select * from onboarding.contact_event
                 where contact_id = :contactId
                   and (process_instance_id is null or process_instance_id = :processInstanceId)
                 order by id
                """)
                .param("contactId", contactId)
                .param("processInstanceId", processInstanceId)
                .query(ContactEvents::event)
                .list();
    }

    private static ContactEvent event(ResultSet rs, int row) throws SQLException {
        return new ContactEvent(rs.getLong("id"), rs.getObject("contact_id", UUID.class),
                ContactEventType.valueOf(rs.getString("type")), instant(rs, "occurred_at"), rs.getString("actor"),
                rs.getString("approver"), rs.getString("reason"), rs.getString("process_instance_id"),
                rs.getString("detail"));
    }
}
