package dev.portalonboarding.contact;

import static dev.portalonboarding.SqlTimestamps.instant;
import static dev.portalonboarding.SqlTimestamps.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Contacts and their linked identities. Runs in the caller's transaction, which in a delegate is the
 * engine's: a failing step commits neither the engine state nor these rows.
 */
@Repository
public class ContactRepository {

    private final JdbcClient jdbc;

    public ContactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the contact and locks its row until the transaction ends, serialising onboardings of one email. */
    public Optional<Contact> findByEmailForUpdate(String email) {
        return jdbc.sql("select * from onboarding.contact where email = :email for update")
                .param("email", email)
                .query(ContactRepository::contact)
                .optional();
    }

    public Optional<Contact> findById(UUID id) {
        return jdbc.sql("select * from onboarding.contact where id = :id")
                .param("id", id)
                .query(ContactRepository::contact)
                .optional();
    }

    /** The contacts among these emails (normalised), for checks over many rows at once. */
    public List<Contact> findByEmails(Collection<String> emails) {
        if (emails.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from onboarding.contact where email in (:emails)")
                .param("emails", emails)
                .query(ContactRepository::contact)
                .list();
    }

    public List<Contact> findByIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from onboarding.contact where id in (:ids)")
                .param("ids", ids)
                .query(ContactRepository::contact)
                .list();
    }

    /** The ids of at most {@code limit} contacts whose email contains the part, in any case. */
    public List<UUID> idsWithEmailContaining(String part, int limit) {
        // Emails are stored lower-cased
        return idsWhereContaining("email", part, limit);
    }

    /** The ids of at most {@code limit} contacts whose company contains the part, in any case. */
    public List<UUID> idsWithCompanyContaining(String part, int limit) {
        return idsWhereContaining("lower(company)", part, limit);
    }

    /** {@code column} is one of this class's own expressions, never input: only the part is a parameter. */
    private List<UUID> idsWhereContaining(String column, String part, int limit) {
        String escaped = part.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbc.sql("select id from onboarding.contact where " + column + " like :pattern escape '\\' limit :limit")
                .param("pattern", "%" + escaped + "%")
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    public void insert(Contact contact) {
        jdbc.sql("""
                insert into onboarding.contact (id, email, first_name, last_name, company, language, roles, status,
                    onboarding_process_instance_id, created_at)
                values (:id, :email, :firstName, :lastName, :company, :language, :roles, :status,
                    :processInstanceId, :createdAt)
                """)
                .param("id", contact.id())
                .param("email", contact.email())
                .param("firstName", contact.firstName())
                .param("lastName", contact.lastName())
                .param("company", contact.company())
                .param("language", contact.language())
                .param("roles", String.join(",", contact.roles()))
                .param("status", contact.status().name())
                .param("processInstanceId", contact.onboardingProcessInstanceId())
                .param("createdAt", timestamp(contact.createdAt()))
                .update();
    }

    /**
     * Takes over a pending or offboarded contact for a new onboarding, with the details of the new
     * request; an offboarded one stays offboarded until the onboarding activates it.
     */
    public void assignToOnboarding(UUID id, String firstName, String lastName, String company, String language,
            List<String> roles, String processInstanceId) {
        jdbc.sql("""
                update onboarding.contact
                   set first_name = :firstName, last_name = :lastName, company = :company, language = :language,
                       roles = :roles, onboarding_process_instance_id = :processInstanceId
                 where id = :id and status in ('PENDING', 'OFFBOARDED')
                """)
                .param("id", id)
                .param("firstName", firstName)
                .param("lastName", lastName)
                .param("company", company)
                .param("language", language)
                .param("roles", String.join(",", roles))
                .param("processInstanceId", processInstanceId)
                .update();
    }

    public void activate(UUID id, Instant activatedAt) {
        jdbc.sql("update onboarding.contact set status = 'ACTIVE', activated_at = :activatedAt where id = :id")
                .param("id", id)
                .param("activatedAt", timestamp(activatedAt))
                .update();
    }

    /** An active contact becomes offboarded and loses its roles; false if it was not active. */
    public boolean offboard(UUID id) {
        return jdbc.sql("update onboarding.contact set status = 'OFFBOARDED', roles = '' where id = :id and status = 'ACTIVE'")
                .param("id", id)
                .update() == 1;
    }

    /**
     * Erasure: the contact's names, email and company become placeholders, its roles go, and its
     * identities keep no email (their rows go once the provider has deleted the accounts). The row
     * itself stays, the subject of the audit trails. The placeholder email keeps the address free.
     */
    public void erase(UUID id) {
        jdbc.sql("""
                update onboarding.contact
                   set email = :placeholder, first_name = :erased, last_name = :erased, company = :erased,
                       roles = '', status = 'ERASED'
                 where id = :id
                """)
                .param("id", id)
                .param("placeholder", erasedPlaceholder(id))
                .param("erased", ERASED)
                .update();
        jdbc.sql("update onboarding.contact_identity set email = null where contact_id = :id")
                .param("id", id)
                .update();
    }

    /** What an erasure leaves in a name or company field. */
    public static final String ERASED = "erased";

    /** What an erasure leaves in place of the contact's email and other identifying text. */
    public static String erasedPlaceholder(UUID contactId) {
        return "erased-" + contactId;
    }

    /** Unlinks an identity, after the provider deleted its account. */
    public void deleteIdentity(ContactIdentity identity) {
        jdbc.sql("delete from onboarding.contact_identity where issuer = :issuer and subject = :subject")
                .param("issuer", identity.issuer())
                .param("subject", identity.subject())
                .update();
    }

    public Optional<ContactIdentity> findIdentity(String issuer, String subject) {
        return jdbc.sql("select * from onboarding.contact_identity where issuer = :issuer and subject = :subject")
                .param("issuer", issuer)
                .param("subject", subject)
                .query(ContactRepository::identity)
                .optional();
    }

    public List<ContactIdentity> findIdentities(UUID contactId) {
        return jdbc.sql("select * from onboarding.contact_identity where contact_id = :contactId")
                .param("contactId", contactId)
                .query(ContactRepository::identity)
                .list();
    }

    public void insertIdentity(ContactIdentity identity) {
        jdbc.sql("""
                insert into onboarding.contact_identity (issuer, subject, contact_id, email, linked_at)
                values (:issuer, :subject, :contactId, :email, :linkedAt)
                """)
                .param("issuer", identity.issuer())
                .param("subject", identity.subject())
                .param("contactId", identity.contactId())
                .param("email", identity.email())
                .param("linkedAt", timestamp(identity.linkedAt()))
                .update();
    }

    private static Contact contact(ResultSet rs, int row) throws SQLException {
        String roles = rs.getString("roles");
        return new Contact(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("company"),
                rs.getString("language"),
                roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")),
                ContactStatus.valueOf(rs.getString("status")),
                rs.getString("onboarding_process_instance_id"),
                instant(rs, "created_at"),
                instant(rs, "activated_at"));
    }

    private static ContactIdentity identity(ResultSet rs, int row) throws SQLException {
        return new ContactIdentity(rs.getString("issuer"), rs.getString("subject"),
                rs.getObject("contact_id", UUID.class), rs.getString("email"), instant(rs, "linked_at"));
    }
}
