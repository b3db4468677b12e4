package dev.portalonboarding.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portalonboarding.support.OnboardingTestBase;

/** Rows of finished bulks go after the history time to live (180 days here); running bulks keep theirs. */
class BulkRowRetentionTest extends OnboardingTestBase {

    @Autowired
    private BulkRowRetention retention;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void deletesTheRowsOfFinishedBulksOlderThanTheTimeToLive() {
        String finishedLongAgo = "finished-" + UUID.randomUUID();
        String finishedRecently = "recent-" + UUID.randomUUID();
        String partlyRecent = "partly-" + UUID.randomUUID();
        // Any running process instance stands for a bulk whose process still runs
        String stillRunning = startOnboarding(onboardingForm(uniqueEmail("bulk-retention"))).getId();
        row(finishedLongAgo, 2, daysAgo(200));
        row(finishedLongAgo, 3, daysAgo(181));
        row(finishedRecently, 2, daysAgo(179));
        row(partlyRecent, 2, daysAgo(200));
        row(partlyRecent, 3, daysAgo(10));
        row(stillRunning, 2, daysAgo(200));

        assertThat(retention.deleteExpiredRows()).isGreaterThanOrEqualTo(2);

        assertThat(rows(finishedLongAgo)).isZero();
        assertThat(rows(finishedRecently)).isEqualTo(1);
        assertThat(rows(partlyRecent)).as("a bulk goes as a whole").isEqualTo(2);
        assertThat(rows(stillRunning)).isEqualTo(1);
        assertThat(retention.deleteExpiredRows()).as("a second run, as on another node").isZero();
    }

    private void row(String bulkId, int line, Instant createdAt) {
        jdbc.sql("""
                insert into onboarding.bulk_row (bulk_id, line_number, email, first_name, last_name, company, language,
                    roles, verdict, status, created_at)
                values (:bulkId, :line, 'ada@example.com', 'Ada', 'Lovelace', 'Engines', 'en', 'portal-user',
                    'VALID', 'STARTED', :createdAt)
                """)
                .param("bulkId", bulkId)
                .param("line", line)
                .param("createdAt", Timestamp.from(createdAt))
                .update();
    }

    private int rows(String bulkId) {
        return jdbc.sql("select count(*) from onboarding.bulk_row where bulk_id = :bulkId")
                .param("bulkId", bulkId).query(Integer.class).single();
    }

    private static Instant daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days));
    }
}
