package dev.portalonboarding.history;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.portalonboarding.EngineGroups;
import dev.portalonboarding.history.OnboardingHistory.Reader;

/**
 * The auditors' read-only onboarding history, behind the Camunda webapp login (see
 * WebSecurityConfiguration). Only GET: nothing here changes anything.
 */
@RestController
public class OnboardingHistoryController {

    private final OnboardingHistory history;

    public OnboardingHistoryController(OnboardingHistory history) {
        this.history = history;
    }

    @GetMapping("/history/onboardings")
    public OnboardingPage onboardings(Authentication user, Search search,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size) {
        // The engine pages by a first-result index, an int: page × size must fit
        if (page < 0 || size < 1 || size > OnboardingHistory.MAX_PAGE_SIZE || (long) page * size > Integer.MAX_VALUE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page >= 0 and size 1 to "
                    + OnboardingHistory.MAX_PAGE_SIZE + ", with page × size at most " + Integer.MAX_VALUE);
        }
        return history.find(reader(user), search.filter(), page, size);
    }

    /** Every matching onboarding as CSV; cells that a spreadsheet would run as a formula are defused. */
    @GetMapping("/history/onboardings.csv")
    public void csv(Authentication user, Search search,
            HttpServletResponse response) throws IOException {
        OnboardingFilter filter = search.filter();
        Reader reader = reader(user);
        response.setContentType("text/csv");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"onboardings.csv\"");
        PrintWriter out = response.getWriter();
        out.print(OnboardingCsv.HEADER);
        for (int page = 0; ; page++) {
            OnboardingPage onboardings = history.find(reader, filter, page, OnboardingHistory.MAX_PAGE_SIZE);
            onboardings.items().forEach(onboarding -> out.print(OnboardingCsv.row(onboarding)));
            if ((long) (page + 1) * OnboardingHistory.MAX_PAGE_SIZE >= onboardings.total()) {
                break;
            }
        }
        out.flush();
    }

    /** The story in sentences; {@code engineDetails=true} adds the engine's internal steps. */
    @GetMapping("/history/onboardings/{processInstanceId}/timeline")
    public ResponseEntity<OnboardingTimeline> timeline(Authentication user, @PathVariable String processInstanceId,
            @RequestParam(defaultValue = "false") boolean engineDetails) {
        return ResponseEntity.of(history.timeline(reader(user), processInstanceId, engineDetails));
    }

    /** The search's query parameters, shared by the list and the CSV; blank means "any". */
    public record Search(String email, String company, String outcome,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {

        OnboardingFilter filter() {
            OnboardingOutcome wanted = blank(outcome) ? null : OnboardingOutcome.parse(outcome)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown outcome"));
            return new OnboardingFilter(blank(email) ? null : email, blank(company) ? null : company, wanted, from, to);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The engine groups the sign-in carried over from the webapp session. */
    private static Reader reader(Authentication user) {
        return new Reader(user.getName(), EngineGroups.of(user));
    }
}
