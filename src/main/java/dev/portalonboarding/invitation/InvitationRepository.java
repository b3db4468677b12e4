package dev.portalonboarding.invitation;

import static dev.portalonboarding.SqlTimestamps.instant;
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

/**
 * Invitations. Every change of status is one conditional update whose row count tells the caller
 * whether it won, so concurrent requests and retried jobs cannot apply a transition twice.
 */
@Repository
public class InvitationRepository {

    private final JdbcClient jdbc;

    public InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Invitation invitation) {
        jdbc.sql("""
                insert into onboarding.invitation (id, contact_id, process_instance_id, status, validity_days,
                    created_at, expires_at)
                values (:id, :contactId, :processInstanceId, :status, :validityDays, :createdAt, :expiresAt)
                """)
                .param("id", invitation.id())
                .param("contactId", invitation.contactId())
                .param("processInstanceId", invitation.processInstanceId())
                .param("status", invitation.status().name())
                .param("validityDays", invitation.validityDays())
                .param("createdAt", timestamp(invitation.createdAt()))
                .param("expiresAt", timestamp(invitation.expiresAt()))
                .update();
    }

    /** Erasure: the contact's invitations forget which identity redeemed them. */
    public void eraseRedeemers(UUID contactId) {
        jdbc.sql("update onboarding.invitation set redeemed_issuer = null, redeemed_subject = null where contact_id = :contactId")
                .param("contactId", contactId)
                .update();
    }

    public Optional<Invitation> findById(UUID id) {
        return jdbc.sql("select * from onboarding.invitation where id = :id")
                .param("id", id)
                .query(InvitationRepository::invitation)
                .optional();
    }

    /** Finds the invitation a code belongs to, whether it came in the invitation or the reminder email. */
    public Optional<Invitation> findByCodeHash(String codeHash) {
        return jdbc.sql("""
                select * from onboarding.invitation
                 where code_hash = :codeHash or reminder_code_hash = :codeHash
                """)
                .param("codeHash", codeHash)
                .query(InvitationRepository::invitation)
                .optional();
    }

    public List<Invitation> findByContact(UUID contactId) {
        return jdbc.sql("select * from onboarding.invitation where contact_id = :contactId order by created_at")
                .param("contactId", contactId)
                .query(InvitationRepository::invitation)
                .list();
    }

    /** The newest invitation an onboarding (its process instance) issued; a resend after expiry issues another. */
    public Optional<Invitation> findLatestByProcessInstance(String processInstanceId) {
        return jdbc.sql("""
                select * from onboarding.invitation where process_instance_id = :processInstanceId
                 order by created_at desc limit 1
                """)
                .param("processInstanceId", processInstanceId)
                .query(InvitationRepository::invitation)
                .optional();
    }

    /** The invitations these onboardings issued, oldest first. */
    public List<Invitation> findByProcessInstances(Collection<String> processInstanceIds) {
        if (processInstanceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from onboarding.invitation where process_instance_id in (:ids) order by created_at, id")
                .param("ids", processInstanceIds)
                .query(InvitationRepository::invitation)
                .list();
    }

    /** The contact's newest invitation, whose trail its contact-level events join. */
    public Optional<Invitation> findLatestByContact(UUID contactId) {
        return jdbc.sql("select * from onboarding.invitation where contact_id = :contactId order by created_at desc limit 1")
                .param("contactId", contactId)
                .query(InvitationRepository::invitation)
                .optional();
    }

    /** The open (new or sent) invitation for an email, if any. */
    public Optional<Invitation> findOpenByEmail(String email) {
        return jdbc.sql("""
                select i.* from onboarding.invitation i
                  join onboarding.contact c on c.id = i.contact_id
                 where c.email = :email and i.status in ('NEW', 'SENT')
                """)
                .param("email", email)
                .query(InvitationRepository::invitation)
                .optional();
    }

    /** The invitation an identity redeemed; it points to the contact until Link account has run. */
    public Optional<Invitation> findRedeemedBy(String issuer, String subject) {
        return jdbc.sql("""
                select * from onboarding.invitation
                 where status = 'REDEEMED' and redeemed_issuer = :issuer and redeemed_subject = :subject
                 order by redeemed_at desc limit 1
                """)
                .param("issuer", issuer)
                .param("subject", subject)
                // Not stream(): an unclosed stream keeps its pooled connection when no transaction is running
                .query(InvitationRepository::invitation)
                .list().stream().findFirst();
    }

    /** Records that the invitation email with this code went out. */
    public boolean markSent(UUID id, String codeHash, Instant now) {
        return jdbc.sql("""
                update onboarding.invitation set status = 'SENT', code_hash = :codeHash, sent_at = :now
                 where id = :id and status = 'NEW'
                """)
                .param("id", id)
                .param("codeHash", codeHash)
                .param("now", timestamp(now))
                .update() == 1;
    }

    /** Records the reminder's code once, and only while the invitation can still be redeemed. */
    public boolean markReminded(UUID id, String reminderCodeHash, Instant now) {
        return jdbc.sql("""
                update onboarding.invitation set reminder_code_hash = :codeHash, reminded_at = :now
                 where id = :id and status = 'SENT' and expires_at > :now and reminded_at is null
                """)
                .param("id", id)
                .param("codeHash", reminderCodeHash)
                .param("now", timestamp(now))
                .update() == 1;
    }

    /** The single-use step: only one caller can move a sent, unexpired invitation to redeemed. */
    public boolean redeem(UUID id, String issuer, String subject, Instant now) {
        return jdbc.sql("""
                update onboarding.invitation
                   set status = 'REDEEMED', redeemed_at = :now, redeemed_issuer = :issuer, redeemed_subject = :subject
                 where id = :id and status = 'SENT' and expires_at > :now
                """)
                .param("id", id)
                .param("issuer", issuer)
                .param("subject", subject)
                .param("now", timestamp(now))
                .update() == 1;
    }

    public boolean expire(UUID id, Instant now) {
        return jdbc.sql("""
                update onboarding.invitation set status = 'EXPIRED', expired_at = :now
                 where id = :id and status in ('NEW', 'SENT')
                """)
                .param("id", id)
                .param("now", timestamp(now))
                .update() == 1;
    }

    public boolean revoke(UUID id, Instant now) {
        return jdbc.sql("""
                update onboarding.invitation set status = 'REVOKED', revoked_at = :now
                 where id = :id and status in ('NEW', 'SENT')
                """)
                .param("id", id)
                .param("now", timestamp(now))
                .update() == 1;
    }

    private static Invitation invitation(ResultSet rs, int row) throws SQLException {
        return new Invitation(
                rs.getObject("id", UUID.class),
                rs.getObject("contact_id", UUID.class),
                rs.getString("process_instance_id"),
                InvitationStatus.valueOf(rs.getString("status")),
                rs.getInt("validity_days"),
                instant(rs, "created_at"),
                instant(rs, "sent_at"),
                instant(rs, "reminded_at"),
                instant(rs, "expires_at"),
                instant(rs, "redeemed_at"),
                rs.getString("redeemed_issuer"),
                rs.getString("redeemed_subject"),
                instant(rs, "expired_at"),
                instant(rs, "revoked_at"));
    }
}
