package dev.portalonboarding.staffview;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.portalonboarding.EngineGroups;
import dev.portalonboarding.history.CurrentOnboarding;
import dev.portalonboarding.history.CurrentOnboardingPage;
import dev.portalonboarding.history.OnboardingHistory.Reader;
import dev.portalonboarding.history.OnboardingSearch;
import dev.portalonboarding.history.OnboardingState;
import dev.portalonboarding.history.OnboardingStates;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.staffview.StaffOnboarding.Action;

/**
 * The staff's onboardings behind the Tasklist login (see WebSecurityConfiguration), read as the
 * signed-in user. Only GET: the view's actions start processes through the webapps' own engine API.
 */
@RestController
public class StaffOnboardingsController {

    static final int MAX_PAGE_SIZE = 200;

    private final OnboardingStates states;
    private final TaskService tasks;
    private final IdentityService identity;
    private final StaffViewProperties properties;

    public StaffOnboardingsController(OnboardingStates states, TaskService tasks, IdentityService identity,
            StaffViewProperties properties) {
        this.states = states;
        this.tasks = tasks;
        this.identity = identity;
        this.properties = properties;
    }

    @GetMapping("/staff/onboardings")
    public StaffOnboardingPage onboardings(Authentication user, Search search,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE || (long) page * size > Integer.MAX_VALUE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page >= 0 and size 1 to " + MAX_PAGE_SIZE
                    + ", with page × size at most " + Integer.MAX_VALUE);
        }
        Reader reader = new Reader(user.getName(), EngineGroups.of(user));
        CurrentOnboardingPage found = states.find(reader, search.search(), page, size);
        Map<String, String> reviewTasks = reviewTasks(reader, found.items());
        return new StaffOnboardingPage(found.total(), found.page(), found.size(), found.items().stream()
                .map(onboarding -> line(onboarding, reviewTasks.get(onboarding.onboarding().processInstanceId())))
                .toList());
    }

    private StaffOnboarding line(CurrentOnboarding current, String reviewTaskId) {
        var onboarding = current.onboarding();
        var event = current.lastEvent();
        boolean clientDetails = properties.showClientDetails();
        return new StaffOnboarding(onboarding.processInstanceId(), onboarding.email(), onboarding.firstName(),
                onboarding.lastName(), onboarding.company(), onboarding.startedBy(), onboarding.startedAt(),
                onboarding.endedAt(), current.state().name(), current.state().words(), onboarding.outcomeReason(),
                new StaffOnboarding.LastEvent(event.what(), event.at(), event.actor(),
                        clientDetails ? event.ip() : null, clientDetails ? event.userAgent() : null),
                actions(current.state(), reviewTaskId), reviewTaskId);
    }

    /** What the state allows; the processes check again when they start. */
    private static List<Action> actions(OnboardingState state, String reviewTaskId) {
        return switch (state) {
            case SENT, OPENED -> List.of(Action.RESEND, Action.REVOKE);
            case SENDING -> List.of(Action.REVOKE);
            case EXPIRED -> reviewTaskId == null ? List.of() : List.of(Action.REVIEW);
            default -> List.of();
        };
    }

    /** The review tasks of the expired ones on this page that the user may see. */
    private Map<String, String> reviewTasks(Reader reader, List<CurrentOnboarding> onboardings) {
        String[] expired = onboardings.stream().filter(current -> current.state() == OnboardingState.EXPIRED)
                .map(current -> current.onboarding().processInstanceId()).toArray(String[]::new);
        if (expired.length == 0) {
            return Map.of();
        }
        identity.setAuthentication(reader.userId(), reader.groupIds());
        try {
            return tasks.createTaskQuery()
                    .processInstanceIdIn(expired)
                    .taskDefinitionKey(OnboardingProcess.Elements.REVIEW_EXPIRED_INVITATION)
                    .list().stream()
                    .collect(Collectors.toMap(Task::getProcessInstanceId, Task::getId, (first, second) -> first));
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The search's query parameters; blank means "any". */
    public record Search(String email, String company, String state, String startedBy,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {

        OnboardingSearch search() {
            OnboardingState wanted = blank(state) ? null : OnboardingState.parse(state)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown state"));
            return new OnboardingSearch(text("email", email, 254), text("company", company, 200), wanted,
                    text("startedBy", startedBy, 255), from, to);
        }

        private static String text(String name, String value, int max) {
            if (blank(value)) {
                return null;
            }
            if (value.length() > max) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + " is longer than " + max + " characters");
            }
            return value.strip();
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }
}
