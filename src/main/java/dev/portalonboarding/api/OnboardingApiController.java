package dev.portalonboarding.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.api.ApiViews.ActionStarted;
import dev.portalonboarding.api.ApiViews.InvitationView;
import dev.portalonboarding.api.ApiViews.ListItem;
import dev.portalonboarding.api.ApiViews.OffboardBody;
import dev.portalonboarding.api.ApiViews.OnboardingList;
import dev.portalonboarding.api.ApiViews.OnboardingView;
import dev.portalonboarding.api.ApiViews.ReasonBody;
import dev.portalonboarding.api.ApiViews.Started;
import dev.portalonboarding.api.ApiViews.TimelineView;
import dev.portalonboarding.api.IdempotencyKeys.Answer;
import dev.portalonboarding.history.CurrentOnboarding;
import dev.portalonboarding.history.OnboardingHistory;
import dev.portalonboarding.history.OnboardingHistory.Reader;
import dev.portalonboarding.history.OnboardingSearch;
import dev.portalonboarding.history.OnboardingState;
import dev.portalonboarding.history.OnboardingStates;
import dev.portalonboarding.history.OnboardingSummary;
import dev.portalonboarding.history.OnboardingTimeline;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.onboarding.Actor;
import dev.portalonboarding.onboarding.InputPolicy;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.Onboardings;
import dev.portalonboarding.onboarding.Onboardings.StartOutcome;
import dev.portalonboarding.onboarding.RejectedRequestException;

/**
 * Onboardings for machine clients. Every write goes through the Onboardings facade as the client, so the
 * BPMN model runs as it does for staff and the history names the client; every read asks the engine
 * history as the client, so its grants decide. Scopes are checked by the web rules (WebSecurityConfiguration).
 */
@RestController
@RequestMapping(ApiPaths.ONBOARDINGS)
@Tag(name = "Onboardings")
@SecurityRequirement(name = ApiPaths.SECURITY_SCHEME)
public class OnboardingApiController {

    private static final String SEND_GOODBYE_EMAIL = OnboardingProcess.Variables.SEND_GOODBYE_EMAIL;
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 100;

    private final Onboardings onboardings;
    private final OnboardingHistory history;
    private final OnboardingStates states;
    private final InvitationRepository invitations;
    private final IdempotencyKeys idempotencyKeys;
    private final OnboardingProperties properties;
    private final ObjectMapper json;

    OnboardingApiController(Onboardings onboardings, OnboardingHistory history, OnboardingStates states,
            InvitationRepository invitations, IdempotencyKeys idempotencyKeys, OnboardingProperties properties,
            ObjectMapper json) {
        this.onboardings = onboardings;
        this.history = history;
        this.states = states;
        this.invitations = invitations;
        this.idempotencyKeys = idempotencyKeys;
        this.properties = properties;
        this.json = json;
    }

    @Operation(summary = "Start an onboarding", description = "Scope onboarding.write. With an Idempotency-Key, a "
            + "retry with the same body gets the first answer and starts nothing again (kept 24 hours).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = StartOnboardingBody.class)))
    @ApiResponse(responseCode = "201", description = "Started",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Started.class)))
    @ApiResponse(responseCode = "409", description = "Not started: the email's contact is already active, or an "
            + "onboarding of it runs (its link in existingOnboarding). The refused start is in the history as "
            + "onboarding, with state NOT_INVITED and stateWords \"not invited\".", content = @Content(
                    mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for another body", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> start(@RequestBody JsonNode body,
            @Parameter(description = "Any unique string, such as a UUID") @RequestHeader(name = "Idempotency-Key",
                    required = false) String idempotencyKey,
            Authentication client) {
        StartOnboardingBody start = StartOnboardingBody.read(body);
        return once(client, idempotencyKey, "start-onboarding", start, () -> {
            Onboardings.Started started = onboardings.start(ApiClients.actor(client), start.request(),
                    start.validityDays());
            // As the client reads it: a client without READ_HISTORY gets the answer without the state
            Optional<CurrentOnboarding> current = states.current(reader(client), started.onboardingId());
            if (started.outcome() == StartOutcome.STARTED) {
                URI self = link(started.onboardingId());
                Started answer = Started.of(started.onboardingId(), current.map(CurrentOnboarding::state),
                        started.contactId(), self);
                return new Answer(HttpStatus.CREATED.value(), write(answer), self.toString());
            }
            ProblemDetail conflict = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, current
                    .map(refused -> refused.onboarding().outcomeReason())
                    .orElse(started.outcome() == StartOutcome.ALREADY_ACTIVE
                            ? "The contact is already an active portal user."
                            : "An onboarding of this email is already running."));
            conflict.setTitle(started.outcome() == StartOutcome.ALREADY_ACTIVE ? "Contact already active"
                    : "Onboarding already running");
            conflict.setProperty("reason", started.outcome().name());
            current.ifPresent(refused -> {
                conflict.setProperty("state", refused.state().name());
                conflict.setProperty("stateWords", refused.state().words());
            });
            conflict.setProperty("onboarding", link(started.onboardingId()));
            if (started.existingOnboardingId() != null) {
                conflict.setProperty("existingOnboarding", link(started.existingOnboardingId()));
            }
            return new Answer(HttpStatus.CONFLICT.value(), write(conflict), null);
        });
    }

    @Operation(summary = "Read an onboarding", description = "Scope onboarding.read. IP addresses and user agents "
            + "in the timeline only with the scope onboarding.audit.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OnboardingView.class)))
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public OnboardingView get(@PathVariable String id, Authentication client) {
        Reader reader = reader(client);
        OnboardingTimeline timeline = history.timeline(reader, id, true).orElseThrow(() -> notFound(id));
        boolean audit = ApiClients.mayAudit(client);
        OnboardingState state = states.current(reader, id).orElseThrow(() -> notFound(id)).state();
        InvitationView invitation = invitations.findLatestByProcessInstance(id).map(InvitationView::of).orElse(null);
        return OnboardingView.of(timeline.onboarding(), state, invitation,
                timeline.entries().stream().map(entry -> TimelineView.of(entry, audit)).toList());
    }

    @Operation(summary = "Find onboardings", description = "Scope onboarding.read. Oldest first, a stable order: "
            + "follow nextCursor until it is absent.")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public OnboardingList list(
            @Parameter(description = "Part of the email") @RequestParam(required = false) String email,
            @Parameter(description = "A state by its name (Onboarding.state) or its words (stateWords), any case: "
                    + "SENT or \"invitation sent\"") @RequestParam(required = false) String state,
            @Parameter(description = "Part of the company, any case") @RequestParam(required = false) String company,
            @Parameter(description = "Started on or after this day (UTC), e.g. 2026-12-01")
            @RequestParam(required = false) String startedAfter,
            @Parameter(description = "From the previous page's nextCursor") @RequestParam(required = false) String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 50)") @RequestParam(required = false) Integer limit,
            Authentication client) {
        String emailPart = parameter("email", email, 254);
        String companyPart = parameter("company", company, 200);
        Optional<OnboardingState> wanted = Optional.ofNullable(parameter("state", state, 50))
                .map(value -> OnboardingState.parse(value).orElseThrow(() -> new RejectedRequestException(
                        "state must be one of " + List.of(OnboardingState.values())
                                + ", or its words such as \"invitation sent\".")));
        LocalDate from = startedAfter == null ? null : day(startedAfter);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new RejectedRequestException("limit must be between 1 and " + MAX_LIMIT + ".");
        }
        OnboardingSearch search = new OnboardingSearch(emailPart, companyPart, wanted.orElse(null), null, from, null);
        String query = emailPart + "|" + companyPart + "|" + wanted.map(Enum::name).orElse("") + "|" + from;
        int first = cursor == null ? 0 : Cursor.offset(cursor, query);
        List<CurrentOnboarding> page = states.findInStartOrder(reader(client), search, first, size + 1);
        List<ListItem> items = page.stream().limit(size)
                .map(current -> ListItem.of(current, link(current.onboarding().processInstanceId())))
                .toList();
        return new OnboardingList(items, page.size() > size ? Cursor.of(first + size, query) : null);
    }

    @Operation(summary = "Send a new invitation", description = "Scope onboarding.write. A new code and email now; "
            + "the earlier code stops working.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ActionStarted.class)))
    @PostMapping(path = "/{id}/resend", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> resend(@PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = ReasonBody.class))) @RequestBody JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication client) {
        String reason = reason(body);
        return action(id, "resend", new ReasonBody(reason), idempotencyKey, client,
                (actor, email) -> onboardings.resend(actor, email, reason));
    }

    @Operation(summary = "Revoke the invitation", description = "Scope onboarding.write. Its codes stop working at "
            + "once and the onboarding ends as revoked.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ActionStarted.class)))
    @PostMapping(path = "/{id}/revoke", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> revoke(@PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = ReasonBody.class))) @RequestBody JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication client) {
        String reason = reason(body);
        return action(id, "revoke", new ReasonBody(reason), idempotencyKey, client,
                (actor, email) -> onboardings.revoke(actor, email, reason));
    }

    @Operation(summary = "Offboard the portal user", description = "Scope onboarding.write. The onboarded contact "
            + "loses its roles and portal access, and its identity account is disabled; then, with sendGoodbyeEmail "
            + "true, the user gets a goodbye email (none by default).")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ActionStarted.class)))
    @PostMapping(path = "/{id}/offboard", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> offboard(@PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = OffboardBody.class))) @RequestBody JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication client) {
        String reason = reason(body, SEND_GOODBYE_EMAIL);
        Boolean goodbye = flag(body, SEND_GOODBYE_EMAIL);
        return action(id, "offboard", new OffboardBody(reason, goodbye), idempotencyKey, client,
                (actor, email) -> onboardings.offboard(actor, email, reason, Boolean.TRUE.equals(goodbye)));
    }

    /** A facade action on the onboarding's contact, started with its email, as the client. */
    private interface ContactAction {
        String start(Actor actor, String email);
    }

    /** {@code request}: the body as read, what a retry with the same Idempotency-Key must repeat. */
    private ResponseEntity<String> action(String id, String action, Object request, String idempotencyKey,
            Authentication client, ContactAction start) {
        OnboardingSummary onboarding = history.timeline(reader(client), id, false).orElseThrow(() -> notFound(id)).onboarding();
        return once(client, idempotencyKey, action + " " + id, request, () -> {
            String processInstanceId = start.start(ApiClients.actor(client), onboarding.email());
            return new Answer(HttpStatus.OK.value(), write(new ActionStarted(id, action, processInstanceId)), null);
        });
    }

    /**
     * The reason of an action's body: a JSON object of the field reason and these optional ones, the reason
     * text, checked further by the action's start (length, characters).
     */
    private static String reason(JsonNode body, String... optionalFields) {
        if (body == null || !body.isObject()) {
            throw new RejectedRequestException("The body must be a JSON object with the field reason.");
        }
        Set<String> form = new TreeSet<>(List.of(optionalFields));
        form.add("reason");
        Set<String> names = new TreeSet<>();
        body.fieldNames().forEachRemaining(names::add);
        names.removeAll(form);
        if (!names.isEmpty()) {
            throw new RejectedRequestException("unknown field" + (names.size() > 1 ? "s " : " ")
                    + String.join(", ", names.stream().map(InputPolicy::quoted).toList())
                    + " (the form has " + String.join(", ", form) + ")");
        }
        JsonNode reason = body.get("reason");
        if (reason != null && !reason.isNull() && !reason.isTextual()) {
            throw new RejectedRequestException("reason must be text.");
        }
        return reason == null || reason.isNull() ? null : reason.textValue();
    }

    /** An optional checkbox of the body: true, false, or null when absent. */
    private static Boolean flag(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new RejectedRequestException(name + " must be true or false.");
        }
        return value.booleanValue();
    }

    private ResponseEntity<String> once(Authentication client, String idempotencyKey, String operation, Object request,
            Supplier<Answer> write) {
        Answer answer = idempotencyKey == null ? write.get()
                : idempotencyKeys.once(client.getName(), idempotencyKey, operation, write(request), write);
        return ApiAnswers.of(answer);
    }

    private URI link(String onboardingId) {
        return URI.create(properties.link(ApiPaths.ONBOARDINGS + "/" + onboardingId));
    }

    private static Reader reader(Authentication client) {
        Actor actor = ApiClients.actor(client);
        return new Reader(actor.userId(), actor.groupIds());
    }

    static ApiNotFoundException notFound(String id) {
        return new ApiNotFoundException("There is no onboarding " + (id.length() > 64 ? "with this id" : id)
                + " that this client may read.");
    }

    private static String parameter(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new RejectedRequestException(name + " must be at most " + maxLength + " characters.");
        }
        InputPolicy.forbiddenCharacter(value, false).ifPresent(problem -> {
            throw new RejectedRequestException(name + " " + problem + ".");
        });
        return value.strip();
    }

    private static LocalDate day(String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new RejectedRequestException("startedAfter must be a day such as 2026-12-01.");
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the answer", e);
        }
    }

    /** An opaque position in the stable order, bound to the query it came from. */
    static final class Cursor {

        static String of(int offset, String query) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (offset + "." + fingerprint(query)).getBytes(StandardCharsets.US_ASCII));
        }

        static int offset(String cursor, String query) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("\\.");
                int offset = Integer.parseInt(parts[0]);
                if (parts.length == 2 && parts[1].equals(fingerprint(query)) && offset >= 0) {
                    return offset;
                }
            } catch (IllegalArgumentException malformed) {
                // the same answer as a cursor of another query
            }
            throw new RejectedRequestException("cursor is not one this query returned; start again without it.");
        }

        private static String fingerprint(String query) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(query.getBytes(StandardCharsets.UTF_8)), 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private Cursor() {
        }
    }
}
