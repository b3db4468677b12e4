package dev.portalonboarding.invitation;

import static dev.portalonboarding.SqlTimestamps.instant;
import static dev.portalonboarding.SqlTimestamps.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The invitation audit trail. Entries are only ever added, and go only with their onboarding's history. */
@Repository
public class InvitationEvents {

    /** Actor of steps the engine runs on its own (timers, asynchronous jobs). */
    public static final String SYSTEM = "system";
    /** Actor of a visitor who has not signed in. */
    public static final String ANONYMOUS = "anonymous";
    /**
     * Actor of the invited person once signed in: the trail names no one by email or account (the
     * invitation itself records the redeeming issuer and subject).
     */
    public static final String INVITEE = "invitee";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;

    public InvitationEvents(JdbcClient jdbc, Clock clock, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.publisher = publisher;
    }

    @Transactional
    public void record(UUID invitationId, InvitationEventType type, String actor, String detail) {
        record(invitationId, type, actor, null, null, detail);
    }

    /**
     * One transaction (or the caller's) for the entry and what its listeners write, such as the webhook
     * outbox: both or neither.
     */
    @Transactional
    public void record(UUID invitationId, InvitationEventType type, String actor, String ip, String userAgent,
            String detail) {
        Instant occurredAt = clock.instant();
        jdbc.sql("""
                insert into onboarding.invitation_event (invitation_id, type, occurred_at, actor, ip, user_agent, detail)
                values (:invitationId, :type, :occurredAt, :actor, :ip, :userAgent, :detail)
                """)
                .param("invitationId", invitationId)
                .param("type", type.name())
                .param("occurredAt", timestamp(occurredAt))
                .param("actor", actor == null ? SYSTEM : actor)
                .param("ip", ip)
                .param("userAgent", truncate(userAgent, 512))
                .param("detail", truncate(detail, 2000))
                .update();
        publisher.publishEvent(new InvitationEventRecorded(invitationId, type, occurredAt));
    }

    /**
     * Erasure: the trail of the contact's invitations keeps its types, times and staff actors; IP
     * addresses, user agents and details go, and an actor who was the person (the redeeming email)
     * becomes the placeholder.
     */
    public void eraseForContact(UUID contactId, Collection<String> personEmails, String placeholder) {
        jdbc.sql("""
                update onboarding.invitation_event
                   set ip = null, user_agent = null, detail = null,
                       actor = case when lower(actor) in (:emails) then :placeholder else actor end
                 where invitation_id in (select id from onboarding.invitation where contact_id = :contactId)
                """)
                .param("contactId", contactId)
                .param("emails", personEmails.stream().map(String::toLowerCase).toList())
                .param("placeholder", placeholder)
                .update();
    }

    /** The onboardings (process instance ids) whose whole trail is older than this instant. */
    public List<String> onboardingsWithTrailBefore(Instant cutoff) {
        return jdbc.sql("""
                select i.process_instance_id from onboarding.invitation i
                  join onboarding.invitation_event e on e.invitation_id = i.id
                 group by i.process_instance_id
                having max(e.occurred_at) < :cutoff
                """)
                .param("cutoff", timestamp(cutoff))
                .query(String.class)
                .list();
    }

    /** Deletes the trail of every invitation these onboardings issued; the invitations stay. */
    public int deleteTrails(Collection<String> processInstanceIds) {
        if (processInstanceIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                delete from onboarding.invitation_event where invitation_id in
                    (select id from onboarding.invitation where process_instance_id in (:processInstanceIds))
                """)
                .param("processInstanceIds", processInstanceIds)
                .update();
    }

    /** How many distinct invitations got an entry of each type in [from, to); types without one are left out. */
    public Map<InvitationEventType, Long> countInvitationsByType(Instant from, Instant to) {
        Map<InvitationEventType, Long> counts = new EnumMap<>(InvitationEventType.class);
        jdbc.sql("""
                select type, count(distinct invitation_id) as invitations from onboarding.invitation_event
                 where occurred_at >= :from and occurred_at < :to
                 group by type
                """)
                .param("from", timestamp(from))
                .param("to", timestamp(to))
                .query((rs, row) -> Map.entry(InvitationEventType.valueOf(rs.getString("type")), rs.getLong("invitations")))
                .list()
                .forEach(count -> counts.put(count.getKey(), count.getValue()));
        return counts;
    }

    /** The trail of every invitation one onboarding issued, oldest first. */
    public List<InvitationEvent> findByProcessInstance(String processInstanceId) {
        return jdbc.sql("""
                select e.* from onboarding.invitation_event e
                  join onboarding.invitation i on i.id = e.invitation_id
                 where i.process_instance_id = :processInstanceId
                 order by e.id
                """)
                .param("processInstanceId", processInstanceId)
                .query(InvitationEvents::event)
                .list();
    }

    /** The trail of every invitation these onboardings issued, oldest first. */
    public List<InvitationEvent> findByProcessInstances(Collection<String> processInstanceIds) {
        if (processInstanceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select e.* from onboarding.invitation_event e
                  join onboarding.invitation i on i.id = e.invitation_id
                 where i.process_instance_id in (:ids)
                 order by e.id
                """)
                .param("ids", processInstanceIds)
                .query(InvitationEvents::event)
                .list();
    }

    /**
     * The onboardings whose open invitation has been opened: an invitee (or a mail scanner) fetched its
     * link. A contact has at most one open invitation, so this is as many as the invitations pending.
     */
    public List<String> onboardingsWithOpenedOpenInvitation() {
        return jdbc.sql("""
                select i.process_instance_id from onboarding.invitation i
                 where i.status in ('NEW', 'SENT')
                   and exists (select 1 from onboarding.invitation_event e
                                where e.invitation_id = i.id and e.type = 'OPENED')
                """)
                .query(String.class)
                .list();
    }

    private static InvitationEvent event(ResultSet rs, int row) throws SQLException {
        return new InvitationEvent(
                rs.getLong("id"),
                rs.getObject("invitation_id", UUID.class),
                InvitationEventType.valueOf(rs.getString("type")),
                instant(rs, "occurred_at"),
                rs.getString("actor"),
                rs.getString("ip"),
                rs.getString("user_agent"),
                rs.getString("detail"));
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
