package dev.portalonboarding.bulk;

import static dev.portalonboarding.SqlTimestamps.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of bulk onboardings. Runs in the caller's transaction (in a delegate, the engine's), so a
 * batch's starts and its row updates commit or roll back together.
 */
@Repository
class BulkRowRepository {

    /** Report downloads read the rows through a cursor instead of loading them all. */
    private static final int REPORT_FETCH_SIZE = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final JdbcTemplate cursor;

    /** Erasure: rows naming these emails keep their line, verdict and status, nothing of the person. */
    void erase(Collection<String> emails, String placeholder) {
        jdbc.sql("""
                update onboarding.bulk_row
                   set email = :placeholder, first_name = '', last_name = '', company = '', detail = null
                 where lower(email) in (:emails)
                """)
                .param("emails", emails)
                .param("placeholder", placeholder)
                .update();
    }

    BulkRowRepository(JdbcClient jdbc, JdbcTemplate batches, DataSource dataSource) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(REPORT_FETCH_SIZE);
    }

    void insertAll(List<BulkRow> rows) {
        batches.batchUpdate("""
                insert into onboarding.bulk_row (bulk_id, line_number, email, first_name, last_name, company, language,
                    roles, verdict, status, detail)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, rows.stream().map(row -> new Object[] {row.bulkId(), row.lineNumber(), storable(row.email()),
                storable(row.firstName()), storable(row.lastName()), storable(row.company()), storable(row.language()),
                storable(row.roles()), row.verdict().name(), row.status().name(), row.detail()}).toList());
    }

    /** The bulks whose rows were all stored before this instant. */
    List<String> bulksStoredBefore(Instant cutoff) {
        return jdbc.sql("select bulk_id from onboarding.bulk_row group by bulk_id having max(created_at) < :cutoff")
                .param("cutoff", timestamp(cutoff))
                .query(String.class)
                .list();
    }

    int deleteBulks(Collection<String> bulkIds) {
        if (bulkIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("delete from onboarding.bulk_row where bulk_id in (:bulkIds)")
                .param("bulkIds", bulkIds)
                .update();
    }

    /**
     * PostgreSQL text cannot hold U+0000. A cell with one is invalid anyway (the input policy refuses
     * control characters); the report shows U+FFFD where the file had it.
     */
    private static String storable(String cell) {
        return cell == null ? null : cell.replace('\u0000', '\uFFFD');
    }

    /**
     * The next pending rows of one starter's share (line number modulo the number of starters), locked
     * until the transaction ends, so a second node retrying the same job waits and then skips them.
     */
    List<BulkRow> lockNextPending(String bulkId, int starter, int starters, int limit) {
        return jdbc.sql("""
                select * from onboarding.bulk_row
                 where bulk_id = :bulkId and status = 'PENDING' and mod(line_number, :starters) = :starter
                 order by line_number
                 limit :limit
                   for update
                """)
                .param("bulkId", bulkId)
                .param("starters", starters)
                .param("starter", starter)
                .param("limit", limit)
                .query(BulkRowRepository::row)
                .list();
    }

    void recordResults(List<BulkRow> rows) {
        batches.batchUpdate("""
                update onboarding.bulk_row set status = ?, detail = ?, onboarding_process_instance_id = ?
                 where bulk_id = ? and line_number = ? and status = 'PENDING'
                """, rows.stream().map(row -> new Object[] {row.status().name(), row.detail(),
                row.onboardingProcessInstanceId(), row.bulkId(), row.lineNumber()}).toList());
    }

    int cancelPending(String bulkId) {
        return jdbc.sql("""
                update onboarding.bulk_row set status = 'CANCELLED', detail = 'bulk onboarding cancelled after the dry run'
                 where bulk_id = :bulkId and status = 'PENDING'
                """)
                .param("bulkId", bulkId)
                .update();
    }

    Map<BulkRowStatus, Integer> countByStatus(String bulkId) {
        Map<BulkRowStatus, Integer> counts = new EnumMap<>(BulkRowStatus.class);
        for (BulkRowStatus status : BulkRowStatus.values()) {
            counts.put(status, 0);
        }
        jdbc.sql("select status, count(*) as n from onboarding.bulk_row where bulk_id = :bulkId group by status")
                .param("bulkId", bulkId)
                .query(rs -> {
                    counts.put(BulkRowStatus.valueOf(rs.getString("status")), rs.getInt("n"));
                });
        return counts;
    }

    boolean exists(String bulkId) {
        return jdbc.sql("select 1 from onboarding.bulk_row where bulk_id = :bulkId limit 1")
                .param("bulkId", bulkId)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    /** Hands every row of the bulk to the consumer in line order; call inside a transaction to stream. */
    void forEachRow(String bulkId, Consumer<BulkRow> consumer) {
        cursor.query("select * from onboarding.bulk_row where bulk_id = ? order by line_number",
                rs -> {
                    consumer.accept(row(rs, 0));
                }, bulkId);
    }

    private static BulkRow row(ResultSet rs, int rowNumber) throws SQLException {
        return new BulkRow(
                rs.getString("bulk_id"),
                rs.getInt("line_number"),
                rs.getString("email"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("company"),
                rs.getString("language"),
                rs.getString("roles"),
                BulkVerdict.valueOf(rs.getString("verdict")),
                BulkRowStatus.valueOf(rs.getString("status")),
                rs.getString("detail"),
                rs.getString("onboarding_process_instance_id"));
    }
}
