package dev.portalonboarding.bulk;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-row CSV of a bulk onboarding: the dry-run verdicts while it waits for the decision, then each
 * row's result. Streamed from the database, for any number of rows; staff read it (BulkReportController),
 * and so does the API client that uploaded the file.
 */
@Component
public class BulkRowsCsv {

    private static final List<String> HEADER = List.of("line", "email", "first_name", "last_name", "company",
            "language", "roles", "verdict", "status", "detail", "onboarding_process_instance_id");

    private final BulkRowRepository rows;
    private final TransactionTemplate readOnly;

    BulkRowsCsv(BulkRowRepository rows, PlatformTransactionManager transactions) {
        this.rows = rows;
        this.readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
    }

    /** Whether the bulk (its process instance id) has rows. */
    public boolean exists(String bulkId) {
        return rows.exists(bulkId);
    }

    /** Writes the rows as the response, on the request thread, as UTF-8 with a byte order mark. */
    public void write(String bulkId, HttpServletResponse response) throws IOException {
        response.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8).toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("bulk-onboarding-" + bulkId + ".csv").build().toString());
        Writer writer = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        writer.write('\uFEFF'); // lets spreadsheets recognise UTF-8
        writer.write(CsvCells.line(HEADER));
        // A transaction, so PostgreSQL reads through a cursor instead of loading every row
        readOnly.executeWithoutResult(status -> rows.forEachRow(bulkId, row -> write(writer, row)));
        writer.flush();
    }

    private static void write(Writer writer, BulkRow row) {
        try {
            writer.write(CsvCells.line(List.of(String.valueOf(row.lineNumber()), row.email(), row.firstName(),
                    row.lastName(), row.company(), row.language(), row.roles(), row.verdict().name(),
                    row.status().name(), nullToEmpty(row.detail()), nullToEmpty(row.onboardingProcessInstanceId()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
