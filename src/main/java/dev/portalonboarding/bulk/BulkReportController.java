package dev.portalonboarding.bulk;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The per-row CSV of a bulk onboarding (BulkRowsCsv) for staff (WebSecurityConfiguration). */
@RestController
public class BulkReportController {

    static final String PATH = "/bulk-onboardings/{bulkId}/rows.csv";

    private final BulkRowsCsv csv;

    public BulkReportController(BulkRowsCsv csv) {
        this.csv = csv;
    }

    /** Where staff download the rows of a bulk onboarding (its process instance id). */
    static String path(String bulkId) {
        return PATH.replace("{bulkId}", bulkId);
    }

    /** Written on the request thread (not async), so the request's Camunda-session authentication covers it. */
    @GetMapping(PATH)
    public void rows(@PathVariable String bulkId, HttpServletResponse response) throws IOException {
        if (!csv.exists(bulkId)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        csv.write(bulkId, response);
    }
}
