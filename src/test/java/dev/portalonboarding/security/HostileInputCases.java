package dev.portalonboarding.security;

import static dev.portalonboarding.security.HostileCase.Answers.ENGINE_REFUSAL;
import static dev.portalonboarding.security.HostileCase.Answers.REFUSAL_OR_REDIRECT_HOME;
import static dev.portalonboarding.security.HostileCase.Answers.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.portalonboarding.bulk.BulkOnboardingProcess;
import dev.portalonboarding.onboarding.ErasureProcess;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.security.HostileCase.Answer;
import dev.portalonboarding.security.HostileTarget.SignInRoundTrip;
import dev.portalonboarding.security.HostileTarget.Who;

/**
 * The catalogue of {@link HostileInputTest}: bad values crossed with the fields and surfaces they can
 * reach. Each case builds its request when it runs, with fresh emails, so cases never meet each other.
 */
final class HostileInputCases {

    static final String ENGINE = "/camunda/api/engine/engine/default";
    static final String START_FORM = ENGINE + "/process-definition/key/" + OnboardingProcess.PROCESS_KEY + "/submit-form";
    static final String REVOKE_FORM = ENGINE + "/process-definition/key/" + OnboardingProcess.REVOKE_PROCESS_KEY
            + "/submit-form";
    static final String BULK_FORM = ENGINE + "/process-definition/key/" + BulkOnboardingProcess.PROCESS_KEY + "/submit-form";
    static final String JSON = "application/json";
    static final String CSV_HEADER = "first_name,last_name,email,company,language,roles\n";

    /** Escapes every non-ASCII character, so a lone surrogate travels as the JSON escape {@code \uD800}. */
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** Text values no name, company or email may carry, each with why. */
    static final Map<String, String> BAD_TEXT = badText();

    private static Map<String, String> badText() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("U+0085 next line", "\u0085");
        bad.put("U+2028 line separator", "\u2028");
        bad.put("U+2029 paragraph separator", "\u2029");
        bad.put("U+202E right-to-left override", "\u202E");
        bad.put("U+200B zero-width space", "\u200B");
        bad.put("U+FEFF byte order mark", "\uFEFF");
        bad.put("U+200D zero-width joiner", "\u200D");
        bad.put("U+2066 left-to-right isolate", "\u2066");
        bad.put("U+00AD soft hyphen", "\u00AD");
        bad.put("lone high surrogate", "\uD800");
        bad.put("lone low surrogate", "\uDC00");
        bad.put("unassigned U+0378", "\u0378");
        bad.put("CR", "\r");
        bad.put("LF", "\n");
        bad.put("NUL", "\u0000");
        bad.put("TAB", "\t");
        bad.put("ESC", "\u001B");
        bad.put("DEL", "\u007F");
        return bad;
    }

    static Stream<HostileCase> all() {
        return Stream.of(startForm(), revokeForm(),
                contactActionForm("resend form", OnboardingProcess.RESEND_PROCESS_KEY, Variables.RESEND_REASON),
                contactActionForm("offboard form", OnboardingProcess.OFFBOARD_PROCESS_KEY, Variables.OFFBOARD_REASON),
                contactActionForm("erasure form", ErasureProcess.PROCESS_KEY, ErasureProcess.Variables.ERASURE_REASON),
                reviewTask(), bulkStartForm(), bulkFiles(), upload(),
                invitations(), signInCallback(), history(), staffView(), expressionQueries(), variableWrites(),
                headersAndMethods(), api())
                .flatMap(List::stream);
    }

    // ---------------------------------------------------------------- start form

    static List<HostileCase> startForm() {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(new HostileCase("start form", "baseline: the Tasklist form's body starts one onboarding",
                t -> t.asStaff(START_FORM, JSON, body(onboarding(t, v -> { }))))
                .answers(SUCCESS).changes("contacts", 1).changes("invitations", 1).changes("events", 1)
                .changes("processInstances", 1));

        for (String field : List.of(Variables.FIRST_NAME, Variables.LAST_NAME, Variables.COMPANY, Variables.EMAIL)) {
            BAD_TEXT.forEach((what, bad) -> cases.add(start(field + " with " + what,
                    v -> v.put(field, string(field.equals(Variables.EMAIL) ? "ada" + bad + "-" + unique() + "@example.com"
                            : "Ada" + bad + "Lovelace")))));
            String marker = forgedLine();
            cases.add(start(field + " with CR/LF and a forged log line", v -> v.put(field,
                    string((field.equals(Variables.EMAIL) ? unique() + "@example.com" : "Ada") + "\r\n" + marker)))
                    .forgesLogLine(marker));
            cases.add(start(field + " over-long (1,000 characters)", v -> v.put(field, string(
                    field.equals(Variables.EMAIL) ? "x".repeat(990) + "@example.com" : "x".repeat(1000)))));
            cases.add(start(field + " blank", v -> v.put(field, string("   "))));
            cases.add(start(field + " empty", v -> v.put(field, string(""))));
            cases.add(start(field + " missing", v -> v.remove(field)));
            cases.add(start(field + " as a Null value", v -> v.put(field, typed("Null", null))));
            cases.add(start(field + " as a number", v -> v.put(field, typed("Integer", 42))));
            cases.add(start(field + " as a Long", v -> v.put(field, typed("Long", 4_200_000_000L))));
            cases.add(start(field + " as a Double", v -> v.put(field, typed("Double", 1.5))));
            cases.add(start(field + " as a boolean", v -> v.put(field, typed("Boolean", true))));
            cases.add(start(field + " as a date", v -> v.put(field, typed("Date", "2024-01-01T00:00:00.000+0000"))));
            cases.add(start(field + " as a JSON object", v -> v.put(field, typed("Json", "{\"name\":\"Ada\"}"))));
            cases.add(start(field + " as a JSON array", v -> v.put(field, typed("Json", "[\"Ada\"]"))));
            cases.add(start(field + " as an Object of type java.io.File", v -> v.put(field, fileObject())));
            cases.add(start(field + " as a Java-serialized Object", v -> v.put(field, typed("Object",
                    "rO0ABXQAA0FkYQ==", Map.of("objectTypeName", "java.lang.String",
                            "serializationDataFormat", "application/x-java-serialized-object")))));
            cases.add(start(field + " as Bytes", v -> v.put(field, typed("Bytes", "QWRh"))));
        }

        Map<String, String> badEmails = new LinkedHashMap<>();
        badEmails.put("a Cyrillic a in the domain", "ada-%s@ex\u0430mple.com");
        badEmails.put("a Greek omicron in the domain", "ada-%s@g\u03BFogle.com");
        badEmails.put("Cyrillic and Latin in one domain label", "ada-%s@\u043F\u0440\u0438mer.com");
        badEmails.put("a zero-width space in the domain", "ada-%s@exam\u200Bple.com");
        badEmails.put("a left-to-right mark", "ada-%s\u200E@example.com");
        badEmails.put("a right-to-left mark", "ada-%s\u200F@example.com");
        badEmails.put("a right-to-left embedding", "\u202Bada-%s@example.com");
        badEmails.put("no dot in the domain", "ada-%s@localhost");
        badEmails.put("a space in the local part", "ada %s@example.com");
        badEmails.put("a space in the domain", "ada-%s@exam ple.com");
        badEmails.put("no at sign", "ada-%s.example.com");
        badEmails.put("two at signs", "ada-%s@evil.example@example.com");
        badEmails.put("a fullwidth at sign", "ada-%s\uFF20example.com");
        badEmails.put("a display name", "Ada <ada-%s@example.com>");
        badEmails.put("a Bcc header after CR/LF", "ada-%s@example.com\r\nBcc: victim@example.com");
        badEmails.forEach((what, pattern) -> cases.add(start("email with " + what,
                v -> v.put(Variables.EMAIL, string(pattern.formatted(unique()))))));

        Map<String, JsonNode> badRoles = new LinkedHashMap<>();
        badRoles.put("superadmin, which no form offers", typed("Json", "[\"superadmin\"]"));
        badRoles.put("superadmin beside a real role", typed("Json", "[\"portal-user\",\"superadmin\"]"));
        badRoles.put("a real role in capitals", typed("Json", "[\"PORTAL-USER\"]"));
        badRoles.put("an empty list", typed("Json", "[]"));
        badRoles.put("a string, not a list", string("portal-user"));
        badRoles.put("a comma-separated string", string("portal-user,superadmin"));
        badRoles.put("a JSON object", typed("Json", "{\"role\":\"portal-user\"}"));
        badRoles.put("numbers", typed("Json", "[1,2]"));
        badRoles.put("a null element", typed("Json", "[null]"));
        badRoles.put("a nested list", typed("Json", "[[\"portal-user\"]]"));
        badRoles.put("a role with a line separator", typed("Json", "[\"portal-user\u2028\"]"));
        badRoles.put("a boolean", typed("Boolean", true));
        badRoles.put("an Object of type java.io.File", fileObject());
        badRoles.forEach((what, value) -> cases.add(start("roles " + what, v -> v.put(Variables.ROLES, value))));
        cases.add(start("roles missing", v -> v.remove(Variables.ROLES)));

        Map<String, JsonNode> unknown = new LinkedHashMap<>();
        unknown.put("startedBy=admin", string("admin"));
        unknown.put("contactId", string(UUID.randomUUID().toString()));
        unknown.put("invitationId", string(UUID.randomUUID().toString()));
        unknown.put("contactCheck=READY", string("READY"));
        unknown.put("outcomeReason", string("onboarded"));
        unknown.put("identitySubject", string("admin"));
        unknown.put("reviewDecision", string("close"));
        unknown.put("initiator", string("admin"));
        unknown.put("random", string("x"));
        unknown.forEach((what, value) -> {
            String name = what.contains("=") ? what.substring(0, what.indexOf('=')) : what;
            cases.add(start("unknown variable " + what, v -> v.put(name, value)));
        });

        Map<String, JsonNode> badValidity = new LinkedHashMap<>();
        badValidity.put("0", typed("Long", 0));
        badValidity.put("-1", typed("Long", -1));
        badValidity.put("31", typed("Long", 31));
        badValidity.put("1.5", typed("Double", 1.5));
        badValidity.put("\"7\" as text", string("7"));
        badValidity.put("huge", typed("Long", 9_999_999_999L));
        badValidity.put("Long.MIN_VALUE", typed("Long", Long.MIN_VALUE));
        badValidity.put("2^32 + 7 (overflows to 7)", typed("Long", 4_294_967_303L));
        badValidity.put("a boolean", typed("Boolean", true));
        badValidity.put("a JSON number", typed("Json", "7"));
        badValidity.put("an Object of type java.io.File", fileObject());
        badValidity.forEach((what, value) -> cases.add(start("validityDays " + what,
                v -> v.put(Variables.VALIDITY_DAYS, value))));

        Map<String, JsonNode> badLanguage = new LinkedHashMap<>();
        badLanguage.put("fr", string("fr"));
        badLanguage.put("EN", string("EN"));
        badLanguage.put("en with CR/LF", string("en\r\n"));
        badLanguage.put("a number", typed("Integer", 1));
        badLanguage.forEach((what, value) -> cases.add(start("language " + what, v -> v.put(Variables.LANGUAGE, value))));
        cases.add(start("language missing", v -> v.remove(Variables.LANGUAGE)));

        cases.add(start("no variables at all", Map::clear));
        cases.add(new HostileCase("start form", "an unknown variable type",
                t -> t.asStaff(START_FORM, JSON, body(onboarding(t, v -> v.put(Variables.COMPANY,
                        typed("Spline", "Navy")))))).answers(ENGINE_REFUSAL));
        cases.add(new HostileCase("start form", "malformed JSON", t -> t.asStaff(START_FORM, JSON, "{\"variables\": {")));
        cases.add(new HostileCase("start form", "a JSON array as the body", t -> t.asStaff(START_FORM, JSON, "[1,2]")));
        cases.add(new HostileCase("start form", "variables as a string",
                t -> t.asStaff(START_FORM, JSON, "{\"variables\": \"firstName=Ada\"}")));
        cases.add(new HostileCase("start form", "a text/plain body",
                t -> t.asStaff(START_FORM, "text/plain", body(onboarding(t, v -> { })))));
        cases.add(new HostileCase("start form", "a form-encoded body",
                t -> t.asStaff(START_FORM, "application/x-www-form-urlencoded", "firstName=Ada&email=ada%40example.com")));
        cases.add(new HostileCase("start form", "without the CSRF token",
                t -> t.asStaffWithoutCsrfToken(START_FORM, JSON, body(onboarding(t, v -> { })))));
        cases.add(new HostileCase("start form", "as an auditor",
                t -> t.asAuditor(START_FORM, JSON, body(onboarding(t, v -> { })))));
        cases.add(new HostileCase("start form", "anonymous",
                t -> t.raw(Who.ANONYMOUS, "POST", START_FORM, Map.of("Content-Type", JSON),
                        bytes(body(onboarding(t, v -> { }))))));
        return cases;
    }

    private static HostileCase start(String name, Consumer<Map<String, JsonNode>> change) {
        return new HostileCase("start form", name, t -> t.asStaff(START_FORM, JSON, body(onboarding(t, change))))
                .answers(ENGINE_REFUSAL);
    }

    /** The variables Tasklist sends for the start form (CamundaWebappClient.submitOnboardingStartForm), changed. */
    private static Map<String, JsonNode> onboarding(HostileTarget target, Consumer<Map<String, JsonNode>> change) {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        variables.put(Variables.FIRST_NAME, string("Grace"));
        variables.put(Variables.LAST_NAME, string("Hopper"));
        variables.put(Variables.EMAIL, string("hostile-" + unique() + "@example.com"));
        variables.put(Variables.COMPANY, string("Navy"));
        variables.put(Variables.LANGUAGE, string("en"));
        variables.put(Variables.VALIDITY_DAYS, typed("Long", 7));
        variables.put(Variables.ROLES, typed("Json", "[\"portal-user\"]"));
        change.accept(variables);
        return variables;
    }

    // ---------------------------------------------------------------- revoke form

    static List<HostileCase> revokeForm() {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(new HostileCase("revoke form", "baseline: revoking a pending invitation",
                t -> t.asStaff(REVOKE_FORM, JSON, body(revoke(string(t.pendingInvitationEmail()), null))))
                .answers(SUCCESS).changes("processInstances", 1).changes("closedInvitations", 1).changes("events", 1));
        BAD_TEXT.forEach((what, bad) -> cases.add(revokeCase("email of a pending invitation with " + what + " inside",
                t -> string(insertBeforeAt(t.pendingInvitationEmail(), bad)))));
        cases.add(revokeCase("email of a pending invitation with a trailing CR/LF",
                t -> string(t.pendingInvitationEmail() + "\r\n")));
        cases.add(revokeCase("email of a pending invitation with a trailing U+2028",
                t -> string(t.pendingInvitationEmail() + "\u2028")));
        cases.add(revokeCase("email of a pending invitation with a leading U+FEFF",
                t -> string("\uFEFF" + t.pendingInvitationEmail())));
        String marker = forgedLine();
        cases.add(revokeCase("email with CR/LF and a forged log line",
                t -> string(t.pendingInvitationEmail() + "\r\n" + marker)).forgesLogLine(marker));
        cases.add(revokeCase("email without a pending invitation", t -> string("nobody-" + unique() + "@example.com")));
        cases.add(revokeCase("email over-long", t -> string("x".repeat(2000) + "@example.com")));
        cases.add(revokeCase("email blank", t -> string("  ")));
        cases.add(revokeCase("email missing", t -> null));
        cases.add(revokeCase("email as a number", t -> typed("Integer", 42)));
        cases.add(revokeCase("email as a JSON object", t -> typed("Json", "{\"email\":\"" + t.pendingInvitationEmail() + "\"}")));
        cases.add(revokeCase("email as an Object of type java.io.File", t -> fileObject()));
        cases.add(new HostileCase("revoke form", "revokeReason as an Object of type java.io.File",
                t -> t.asStaff(REVOKE_FORM, JSON, body(revoke(string(t.pendingInvitationEmail()), fileObject()))))
                .answers(ENGINE_REFUSAL));
        cases.add(new HostileCase("revoke form", "unknown variable startedBy=admin", t -> {
            Map<String, JsonNode> variables = revoke(string(t.pendingInvitationEmail()), null);
            variables.put(Variables.STARTED_BY, string("admin"));
            return t.asStaff(REVOKE_FORM, JSON, body(variables));
        }).answers(ENGINE_REFUSAL));
        cases.add(new HostileCase("revoke form", "as an auditor",
                t -> t.asAuditor(REVOKE_FORM, JSON, body(revoke(string(t.pendingInvitationEmail()), null)))));
        return cases;
    }

    /**
     * The other staff forms on one contact (email and reason, ContactActionRequest): each refusal. Their
     * successful starts need an active or a settled contact or a running onboarding; OffboardingProcessTest,
     * ErasureProcessTest and OnboardingsFacadeTest prove those, and the revoke form's baseline above proves the same rule accepts a valid request.
     */
    static List<HostileCase> contactActionForm(String group, String processKey, String reasonField) {
        String form = ENGINE + "/process-definition/key/" + processKey + "/submit-form";
        Function<JsonNode, Map<String, JsonNode>> request = email -> {
            Map<String, JsonNode> variables = new LinkedHashMap<>();
            if (email != null) {
                variables.put(Variables.EMAIL, email);
            }
            variables.put(reasonField, string("Left the company"));
            return variables;
        };
        List<HostileCase> cases = new ArrayList<>();
        BAD_TEXT.forEach((what, bad) -> cases.add(new HostileCase(group, "email with " + what + " inside",
                t -> t.asStaff(form, JSON, body(request.apply(string(insertBeforeAt(t.pendingInvitationEmail(), bad))))))
                .answers(ENGINE_REFUSAL)));
        cases.add(new HostileCase(group, "email of nobody",
                t -> t.asStaff(form, JSON, body(request.apply(string("nobody-" + unique() + "@example.com")))))
                .answers(ENGINE_REFUSAL));
        cases.add(new HostileCase(group, "email missing", t -> t.asStaff(form, JSON, body(request.apply(null))))
                .answers(ENGINE_REFUSAL));
        cases.add(new HostileCase(group, "email as an Object of type java.io.File",
                t -> t.asStaff(form, JSON, body(request.apply(fileObject())))).answers(ENGINE_REFUSAL));
        cases.add(new HostileCase(group, reasonField + " as an Object of type java.io.File", t -> {
            Map<String, JsonNode> variables = request.apply(string(t.pendingInvitationEmail()));
            variables.put(reasonField, fileObject());
            return t.asStaff(form, JSON, body(variables));
        }).answers(ENGINE_REFUSAL));
        cases.add(new HostileCase(group, "unknown variable startedBy=admin", t -> {
            Map<String, JsonNode> variables = request.apply(string(t.pendingInvitationEmail()));
            variables.put(Variables.STARTED_BY, string("admin"));
            return t.asStaff(form, JSON, body(variables));
        }).answers(ENGINE_REFUSAL));
        cases.add(new HostileCase(group, "as an auditor",
                t -> t.asAuditor(form, JSON, body(request.apply(string(t.pendingInvitationEmail()))))));
        if (processKey.equals(OnboardingProcess.OFFBOARD_PROCESS_KEY)) {
            for (Map.Entry<String, JsonNode> bad : Map.of("the text \"yes\"", string("yes"),
                    "an Object of type java.io.File", fileObject()).entrySet()) {
                cases.add(new HostileCase(group, Variables.SEND_GOODBYE_EMAIL + " as " + bad.getKey(), t -> {
                    Map<String, JsonNode> variables = request.apply(string(t.pendingInvitationEmail()));
                    variables.put(Variables.SEND_GOODBYE_EMAIL, bad.getValue());
                    return t.asStaff(form, JSON, body(variables));
                }).answers(ENGINE_REFUSAL));
            }
        } else {
            cases.add(new HostileCase(group, "the offboarding's checkbox " + Variables.SEND_GOODBYE_EMAIL, t -> {
                Map<String, JsonNode> variables = request.apply(string(t.pendingInvitationEmail()));
                variables.put(Variables.SEND_GOODBYE_EMAIL, typed("Boolean", true));
                return t.asStaff(form, JSON, body(variables));
            }).answers(ENGINE_REFUSAL));
        }
        return cases;
    }

    private static HostileCase revokeCase(String name, Function<HostileTarget, JsonNode> email) {
        return new HostileCase("revoke form", name, t -> t.asStaff(REVOKE_FORM, JSON, body(revoke(email.apply(t), null))))
                .answers(ENGINE_REFUSAL);
    }

    private static Map<String, JsonNode> revoke(JsonNode email, JsonNode reason) {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        if (email != null) {
            variables.put(Variables.EMAIL, email);
        }
        variables.put(Variables.REVOKE_REASON, reason == null ? string("Sent to the wrong person") : reason);
        return variables;
    }

    private static String insertBeforeAt(String email, String inserted) {
        int at = email.indexOf('@');
        return email.substring(0, at) + inserted + email.substring(at);
    }

    // ---------------------------------------------------------------- review task

    static List<HostileCase> reviewTask() {
        List<HostileCase> cases = new ArrayList<>();
        Map<String, JsonNode> decisions = new LinkedHashMap<>();
        decisions.put("an unknown decision", string("delete"));
        decisions.put("an empty decision", string(""));
        decisions.put("a blank decision", string("  "));
        decisions.put("RESEND in capitals", string("RESEND"));
        decisions.put("resend with CR/LF", string("resend\r\n"));
        decisions.put("close with a zero-width space", string("close\u200B"));
        decisions.put("a number", typed("Integer", 1));
        decisions.put("a boolean", typed("Boolean", true));
        decisions.put("a JSON object", typed("Json", "{\"decision\":\"close\"}"));
        decisions.put("an Object of type java.io.File", fileObject());
        decisions.put("a Null value", typed("Null", null));
        decisions.forEach((what, decision) -> cases.add(review("reviewDecision " + what, v -> {
            v.put(Variables.REVIEW_DECISION, decision);
            v.put(Variables.CLOSE_REASON, string("No longer needed"));
        })));
        cases.add(review("reviewDecision missing", v -> v.put(Variables.CLOSE_REASON, string("No longer needed"))));
        Map<String, JsonNode> validity = new LinkedHashMap<>();
        validity.put("0", typed("Long", 0));
        validity.put("31", typed("Long", 31));
        validity.put("-1", typed("Long", -1));
        validity.put("1.5", typed("Double", 1.5));
        validity.put("\"7\" as text", string("7"));
        validity.forEach((what, days) -> cases.add(review("resend with validityDays " + what, v -> {
            v.put(Variables.REVIEW_DECISION, string("resend"));
            v.put(Variables.VALIDITY_DAYS, days);
        })));
        cases.add(review("close without closeReason", v -> v.put(Variables.REVIEW_DECISION, string("close"))));
        Map<String, JsonNode> reasons = new LinkedHashMap<>();
        reasons.put("blank", string("  "));
        reasons.put("over 500 characters", string("x".repeat(501)));
        reasons.put("with U+2028", string("Left\u2028the company"));
        reasons.put("with a zero-width space", string("Left\u200Bthe company"));
        reasons.forEach((what, reason) -> cases.add(review("close with closeReason " + what, v -> {
            v.put(Variables.REVIEW_DECISION, string("close"));
            v.put(Variables.CLOSE_REASON, reason);
        })));
        cases.add(review("close with closeReason as an Object of type java.io.File", v -> {
            v.put(Variables.REVIEW_DECISION, string("close"));
            v.put(Variables.CLOSE_REASON, fileObject());
        }));
        cases.add(review("close with unknown variable startedBy=admin", v -> {
            v.put(Variables.REVIEW_DECISION, string("close"));
            v.put(Variables.CLOSE_REASON, string("No longer needed"));
            v.put(Variables.STARTED_BY, string("admin"));
        }));
        cases.add(new HostileCase("review task", "completed by an auditor", t -> t.asAuditor(
                ENGINE + "/task/" + t.reviewTaskId() + "/submit-form", JSON, body(Map.of(
                        Variables.REVIEW_DECISION, string("close"), Variables.CLOSE_REASON, string("x"))))));
        cases.add(new HostileCase("review task", "baseline: staff close the onboarding", t -> t.asStaff(
                ENGINE + "/task/" + t.reviewTaskId() + "/submit-form", JSON, body(Map.of(
                        Variables.REVIEW_DECISION, string("close"), Variables.CLOSE_REASON, string("No longer needed")))))
                .answers(SUCCESS));
        return cases;
    }

    private static HostileCase review(String name, Consumer<Map<String, JsonNode>> variables) {
        return new HostileCase("review task", name, t -> {
            Map<String, JsonNode> form = new LinkedHashMap<>();
            variables.accept(form);
            return t.asStaff(ENGINE + "/task/" + t.reviewTaskId() + "/submit-form", JSON, body(form));
        }).answers(ENGINE_REFUSAL);
    }

    // ---------------------------------------------------------------- bulk start form and dry run

    static List<HostileCase> bulkStartForm() {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(new HostileCase("bulk start form", "baseline: a valid file starts one bulk with its rows",
                t -> t.asStaff(BULK_FORM, JSON, body(Map.of(BulkOnboardingProcess.Variables.BULK_FILE,
                        file(validCsv()))))).answers(SUCCESS).changes("processInstances", 1).changes("bulkRows", 1));
        Map<String, JsonNode> badFiles = new LinkedHashMap<>();
        badFiles.put("bulkFile as a string", string(validCsv()));
        badFiles.put("bulkFile as a number", typed("Integer", 1));
        badFiles.put("bulkFile as JSON", typed("Json", "{\"rows\":[]}"));
        badFiles.put("bulkFile as an Object of type java.io.File", fileObject());
        badFiles.put("bulkFile as Bytes", typed("Bytes", Base64.getEncoder().encodeToString(bytes(validCsv()))));
        badFiles.put("bulkFile without a file chosen", typed("File", "", Map.of("filename", "", "mimeType", "")));
        badFiles.put("bulkFile with broken base64", typed("File", "%%%not-base64%%%", Map.of("filename", "u.csv",
                "mimeType", "text/csv")));
        badFiles.put("an empty file", file(""));
        badFiles.put("a header without rows", file(CSV_HEADER));
        badFiles.put("a file that is not UTF-8", file((CSV_HEADER + "J\u00FCrgen,M\u00FCller,jm-" + unique()
                + "@example.com,Contoso,de,portal-user\n").getBytes(Charset.forName("ISO-8859-1"))));
        badFiles.put("a lone surrogate encoded as bytes", file(concat(bytes(CSV_HEADER + "Ada"),
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, bytes(",L,x-" + unique() + "@example.com,C,en,portal-user\n"))));
        badFiles.put("an unknown column", file(CSV_HEADER.strip() + ",startedBy\nAda,L,a@example.com,C,en,portal-user,admin\n"));
        badFiles.put("a binary file", file(new byte[] {0, 1, 2, 3, (byte) 0xFF, (byte) 0xFE, 0, 0}));
        badFiles.forEach((what, file) -> cases.add(new HostileCase("bulk start form", what,
                t -> t.asStaff(BULK_FORM, JSON, body(Map.of(BulkOnboardingProcess.Variables.BULK_FILE, file))))
                .answers(ENGINE_REFUSAL)));
        String marker = forgedLine();
        cases.add(new HostileCase("bulk start form", "a header cell with CR/LF and a forged log line",
                t -> t.asStaff(BULK_FORM, JSON, body(Map.of(BulkOnboardingProcess.Variables.BULK_FILE,
                        file("first_name,\"last_name\r\n" + marker + "\",email,company,language,roles\nA,B,c@example.com,D,en,portal-user\n")))))
                .answers(ENGINE_REFUSAL).forgesLogLine(marker));
        cases.add(new HostileCase("bulk start form", "bulkFile missing",
                t -> t.asStaff(BULK_FORM, JSON, body(Map.of(Variables.VALIDITY_DAYS, typed("Integer", 7)))))
                .answers(ENGINE_REFUSAL));
        for (var validity : Map.of("0", typed("Integer", 0), "31", typed("Integer", 31), "\"7\" as text",
                string("7")).entrySet()) {
            cases.add(new HostileCase("bulk start form", "validityDays " + validity.getKey(),
                    t -> t.asStaff(BULK_FORM, JSON, body(Map.of(BulkOnboardingProcess.Variables.BULK_FILE,
                            file(validCsv()), Variables.VALIDITY_DAYS, validity.getValue())))).answers(ENGINE_REFUSAL));
        }
        cases.add(new HostileCase("bulk start form", "unknown variable startedBy=admin",
                t -> t.asStaff(BULK_FORM, JSON, body(Map.of(BulkOnboardingProcess.Variables.BULK_FILE,
                        file(validCsv()), Variables.STARTED_BY, string("admin"))))).answers(ENGINE_REFUSAL));

        Map<String, JsonNode> decisions = new LinkedHashMap<>();
        decisions.put("an unknown bulkDecision", string("maybe"));
        decisions.put("an empty bulkDecision", string(""));
        decisions.put("bulkDecision start with CR/LF", string("start\r\n"));
        decisions.put("bulkDecision as a boolean", typed("Boolean", true));
        decisions.put("bulkDecision as an Object of type java.io.File", fileObject());
        decisions.forEach((what, decision) -> cases.add(new HostileCase("bulk dry run", what,
                t -> t.asStaff(ENGINE + "/task/" + t.dryRunTaskId() + "/submit-form", JSON,
                        body(Map.of(BulkOnboardingProcess.Variables.DECISION, decision)))).answers(ENGINE_REFUSAL)));
        cases.add(new HostileCase("bulk dry run", "bulkDecision missing",
                t -> t.asStaff(ENGINE + "/task/" + t.dryRunTaskId() + "/submit-form", JSON, "{\"variables\":{}}"))
                .answers(ENGINE_REFUSAL));
        return cases;
    }

    /** Rows whose one bad cell makes them INVALID: the dry run starts (201) but nothing is onboarded. */
    static List<HostileCase> bulkFiles() {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(new HostileCase("bulk file", "baseline: a valid row is VALID",
                t -> t.upload("", "text/csv", bytes(validCsv())))
                .answers(SUCCESS).changes("processInstances", 1).changes("bulkRows", 1)
                .alsoCheck(answer -> assertThat(answer.body()).contains("\"rowsValid\":1")));
        List<String> columns = List.of("first_name", "last_name", "email", "company");
        Map<String, String> badCells = new LinkedHashMap<>(BAD_TEXT);
        badCells.remove("lone high surrogate"); // not UTF-8 encodable: the whole file is refused (bulk start form)
        badCells.remove("lone low surrogate");
        badCells.remove("CR");
        badCells.remove("LF");
        badCells.put("CR/LF inside quotes", "\r\n");
        for (int column = 0; column < columns.size(); column++) {
            int index = column;
            badCells.forEach((what, bad) -> cases.add(badRow(columns.get(index) + " with " + what, index, bad)));
            cases.add(badRow(columns.get(index) + " over-long", index, "x".repeat(1000)));
        }
        cases.add(badRowWithCell("roles superadmin", 5, "superadmin"));
        cases.add(badRowWithCell("roles superadmin beside a real role", 5, "portal-user;superadmin"));
        cases.add(badRowWithCell("roles with a zero-width space", 5, "portal\u200B-user"));
        cases.add(badRowWithCell("language fr", 4, "fr"));
        cases.add(badRowWithCell("email with a Cyrillic a in the domain", 2, "bulk-%s@ex\u0430mple.com"));
        return cases;
    }

    private static HostileCase badRow(String name, int column, String bad) {
        return badRowWithCell(name, column, column == 2 ? "bulk-%s" + bad + "@example.com" : "Ada" + bad + "Lovelace");
    }

    private static HostileCase badRowWithCell(String name, int column, String cell) {
        return new HostileCase("bulk file", name, t -> {
            String[] row = {"Ada", "Lovelace", "bulk-" + unique() + "@example.com", "Contoso", "en", "portal-user"};
            row[column] = cell.contains("%s") ? cell.formatted(unique()) : cell;
            String line = String.join(",", Stream.of(row).map(c -> "\"" + c.replace("\"", "\"\"") + "\"").toList());
            return t.upload("", "text/csv", bytes(CSV_HEADER + line + "\n"));
        }).answers(SUCCESS).changes("processInstances", 1).changes("bulkRows", 1)
                .alsoCheck(answer -> assertThat(answer.body()).as("the row is refused")
                        .contains("\"rowsValid\":0", "\"rowsInvalid\":1"));
    }

    // ---------------------------------------------------------------- upload endpoint

    static List<HostileCase> upload() {
        List<HostileCase> cases = new ArrayList<>();
        String basic = "Basic " + Base64.getEncoder().encodeToString(bytes("hostilestaff:" + HostileInputTest.PASSWORD));
        Map<String, String> contentTypes = new LinkedHashMap<>();
        contentTypes.put("multipart without boundary", "multipart/form-data");
        contentTypes.put("multipart with a boundary", "multipart/form-data; boundary=x");
        contentTypes.put("JSON", JSON);
        contentTypes.put("a garbage content type", "no/such/type;;;");
        contentTypes.put("an empty content type", "");
        contentTypes.put("text/csv with an unknown charset", "text/csv; charset=no-such-charset");
        contentTypes.forEach((what, type) -> cases.add(new HostileCase("upload", what,
                t -> t.raw(Who.ANONYMOUS, "POST", "/bulk-onboardings", Map.of("Authorization", basic, "Content-Type", type),
                        bytes(validCsv())))));
        cases.add(new HostileCase("upload", "no content type",
                t -> t.raw(Who.ANONYMOUS, "POST", "/bulk-onboardings", Map.of("Authorization", basic), bytes(validCsv()))));
        for (String validity : List.of("0", "31", "-1", "2147483648", "1e3", "%00", "7%0D%0AX", "seven", "7.0")) {
            cases.add(new HostileCase("upload", "validityDays=" + validity,
                    t -> t.upload("?validityDays=" + validity, "text/csv", bytes(validCsv()))));
        }
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "PROPFIND")) {
            cases.add(new HostileCase("upload", method + " as staff", t -> t.raw(Who.ANONYMOUS, method, "/bulk-onboardings",
                    Map.of("Authorization", basic, "Content-Type", "text/csv"), bytes(validCsv()))));
        }
        cases.add(new HostileCase("upload", "Basic with broken base64", t -> t.raw(Who.ANONYMOUS, "POST",
                "/bulk-onboardings", Map.of("Authorization", "Basic !!!%%%", "Content-Type", "text/csv"), bytes(validCsv()))));
        String marker = forgedLine();
        cases.add(new HostileCase("upload", "Basic user name with CR/LF and a forged log line", t -> t.raw(Who.ANONYMOUS,
                "POST", "/bulk-onboardings", Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        bytes("x\r\n" + marker + ":pw")), "Content-Type", "text/csv"), bytes(validCsv())))
                .forgesLogLine(marker));
        cases.add(new HostileCase("upload", "a Tasklist session instead of HTTP Basic",
                t -> t.raw(Who.STAFF, "POST", "/bulk-onboardings", Map.of("Content-Type", "text/csv"), bytes(validCsv()))));
        return cases;
    }

    // ---------------------------------------------------------------- REST API (/api/v1)

    /**
     * The machine clients' API with the demo client's valid token: hostile bodies, types, fields, headers,
     * parameters and ids answer 4xx problem details and create nothing; a list request is the baseline.
     */
    static List<HostileCase> api() {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(new HostileCase("api", "baseline: a list of onboardings", t -> apiCall(t, "GET",
                "/api/v1/onboardings?limit=1", null, null)).answers(SUCCESS));
        for (String field : List.of(Variables.FIRST_NAME, Variables.LAST_NAME, Variables.COMPANY, Variables.EMAIL)) {
            BAD_TEXT.forEach((what, bad) -> cases.add(apiStart(field + " with " + what, body -> body.put(field,
                    field.equals(Variables.EMAIL) ? "a" + bad + "b@example.com" : "Ada" + bad + "Lovelace"))));
        }
        cases.add(apiStart("firstName of 101 characters", body -> body.put(Variables.FIRST_NAME, "a".repeat(101))));
        cases.add(apiStart("firstName of a megabyte", body -> body.put(Variables.FIRST_NAME, "a".repeat(1_000_000))));
        cases.add(apiStart("blank lastName", body -> body.put(Variables.LAST_NAME, "   ")));
        cases.add(apiStart("firstName a number", body -> body.put(Variables.FIRST_NAME, 42)));
        cases.add(apiStart("firstName an object", body -> body.putObject(Variables.FIRST_NAME).put("value", "Ada")));
        cases.add(apiStart("firstName a list", body -> body.putArray(Variables.FIRST_NAME).add("Ada")));
        cases.add(apiStart("firstName true", body -> body.put(Variables.FIRST_NAME, true)));
        cases.add(apiStart("roles a string", body -> body.put(Variables.ROLES, "portal-user")));
        cases.add(apiStart("roles of numbers", body -> body.putArray(Variables.ROLES).add(1).add(2)));
        cases.add(apiStart("roles empty", body -> body.putArray(Variables.ROLES)));
        cases.add(apiStart("role superadmin", body -> body.putArray(Variables.ROLES).add("superadmin")));
        cases.add(apiStart("role with U+202E", body -> body.putArray(Variables.ROLES).add("portal-user\u202E")));
        cases.add(apiStart("language fr", body -> body.put(Variables.LANGUAGE, "fr")));
        for (String days : List.of("0", "31", "-1", "7.5", "1e3", "2147483648", "\"7\"", "true", "[7]")) {
            cases.add(apiStartRaw("validityDays " + days, validApiStart().replace("\"validityDays\":7",
                    "\"validityDays\":" + days)));
        }
        for (String field : List.of("startedBy", "contactId", "__proto__", "@class", "invitationId")) {
            cases.add(apiStart("unknown field " + field, body -> body.put(field, "admin")));
        }
        cases.add(apiStart("a java.io.File type hint", body -> body.putObject("roles").put("@class", "java.io.File")));
        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put("empty body", "");
        malformed.put("truncated JSON", "{\"firstName\":");
        malformed.put("a JSON array", "[1,2,3]");
        malformed.put("a JSON string", "\"hello\"");
        malformed.put("null", "null");
        malformed.put("nested 5000 deep", "[".repeat(5000) + "]".repeat(5000));
        malformed.put("an object nested 5000 deep", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000));
        malformed.put("duplicate keys", "{\"firstName\":\"Ada\",\"firstName\":\"Eve\"}");
        malformed.put("a field name of odd characters", "{\"\u00C3(\\u0000\":1}");
        malformed.forEach((what, body) -> cases.add(apiStartRaw(what, body)));
        cases.add(new HostileCase("api", "start with invalid UTF-8", t -> t.raw(Who.ANONYMOUS, "POST", "/api/v1/onboardings",
                Map.of("Authorization", "Bearer " + t.apiToken(), "Content-Type", JSON),
                new byte[] { '{', '"', 'f', 'i', 'r', 's', 't', 'N', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"',
                        '}' })));
        Map<String, String> contentTypes = new LinkedHashMap<>();
        contentTypes.put("text/plain", "text/plain");
        contentTypes.put("form-encoded", "application/x-www-form-urlencoded");
        contentTypes.put("multipart without boundary", "multipart/form-data");
        contentTypes.put("a garbage content type", "no/such/type;;;");
        contentTypes.put("JSON with an unknown charset", "application/json; charset=no-such-charset");
        contentTypes.forEach((what, type) -> cases.add(new HostileCase("api", "start as " + what,
                t -> apiCall(t, "POST", "/api/v1/onboardings", type, validApiStart()))));
        for (String key : List.of("x".repeat(300), "key with spaces", "schl\u00FCssel", "")) {
            cases.add(new HostileCase("api", "Idempotency-Key " + abbreviated(key), t -> t.raw(Who.ANONYMOUS, "POST",
                    "/api/v1/onboardings", Map.of("Authorization", "Bearer " + t.apiToken(), "Content-Type", JSON,
                            "Idempotency-Key", key), bytes(validApiStart().replace("\"en\"", "\"xx\"")))));
        }
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("a made-up cursor", "cursor=AAAA");
        queries.put("a cursor of NUL bytes", "cursor=%00%00");
        queries.put("a negative cursor", "cursor=" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes("-5.abc")));
        queries.put("a cursor of 10,000 characters", "cursor=" + "A".repeat(10_000));
        queries.put("an unknown state", "state=sleeping");
        queries.put("a state with U+202E", "state=SENT%E2%80%AE");
        queries.put("a company with LF", "company=a%0Ab");
        queries.put("an email of 300 characters", "email=" + "a".repeat(300));
        queries.put("startedAfter not a day", "startedAfter=yesterday");
        queries.put("startedAfter 2026-13-45", "startedAfter=2026-13-45");
        queries.put("limit 0", "limit=0");
        queries.put("limit a thousand", "limit=1000");
        queries.put("limit not a number", "limit=ten");
        queries.put("limit beyond int", "limit=99999999999");
        queries.forEach((what, query) -> cases.add(new HostileCase("api", "list with " + what,
                t -> apiCall(t, "GET", "/api/v1/onboardings?" + query, null, null))));
        for (String id : List.of("no-such-id", "..%2F..%2Fetc", "x".repeat(2000), "%00", "' or 1=1 --")) {
            String path = "/api/v1/onboardings/" + id.replace(" ", "%20").replace("'", "%27");
            cases.add(new HostileCase("api", "read id " + abbreviated(id), t -> apiCall(t, "GET", path, null, null)));
            cases.add(new HostileCase("api", "revoke id " + abbreviated(id), t -> apiCall(t, "POST", path + "/revoke", JSON,
                    "{\"reason\":\"hostile\"}")));
            cases.add(new HostileCase("api", "rows of bulk " + abbreviated(id), t -> apiCall(t, "GET",
                    path.replace("/onboardings/", "/bulk-onboardings/") + "/rows", null, null)));
            cases.add(new HostileCase("api", "start bulk " + abbreviated(id), t -> apiCall(t, "POST",
                    path.replace("/onboardings/", "/bulk-onboardings/") + "/start", JSON, "")));
        }
        for (String action : List.of("resend", "revoke", "offboard")) {
            BAD_TEXT.forEach((what, bad) -> cases.add(new HostileCase("api", action + " reason with " + what,
                    t -> apiCall(t, "POST", "/api/v1/onboardings/" + t.reviewOnboardingId() + "/" + action, JSON,
                            "{\"reason\":" + json(string("why" + bad + "not")) + "}"))
                    .keeps("the onboarding", HostileTarget::reviewVariables)));
            for (String body : List.of("{\"reason\":42}", "{\"reason\":\"ok\",\"email\":\"victim@example.com\"}", "[]",
                    "{", "{\"reason\":\"" + "r".repeat(501) + "\"}")) {
                cases.add(new HostileCase("api", action + " body " + abbreviated(body), t -> apiCall(t, "POST",
                        "/api/v1/onboardings/" + t.reviewOnboardingId() + "/" + action, JSON, body)));
            }
        }
        for (String goodbye : List.of("\"yes\"", "1", "{}", "[true]")) {
            String body = "{\"reason\":\"ok\",\"sendGoodbyeEmail\":" + goodbye + "}";
            cases.add(new HostileCase("api", "offboard body " + abbreviated(body), t -> apiCall(t, "POST",
                    "/api/v1/onboardings/" + t.reviewOnboardingId() + "/offboard", JSON, body)));
        }
        cases.add(new HostileCase("api", "bulk file without a header", t -> apiCall(t, "POST", "/api/v1/bulk-onboardings",
                "text/csv", "Ada,Lovelace\n")));
        cases.add(new HostileCase("api", "bulk file not UTF-8", t -> t.raw(Who.ANONYMOUS, "POST", "/api/v1/bulk-onboardings",
                Map.of("Authorization", "Bearer " + t.apiToken(), "Content-Type", "text/csv"),
                concat(bytes(CSV_HEADER), new byte[] { (byte) 0xFF, (byte) 0xFE, 'A', '\n' }))));
        cases.add(new HostileCase("api", "bulk validityDays=31", t -> apiCall(t, "POST",
                "/api/v1/bulk-onboardings?validityDays=31", "text/csv", validCsv())));
        cases.add(new HostileCase("api", "bulk as JSON", t -> apiCall(t, "POST", "/api/v1/bulk-onboardings", JSON, "{}")));
        for (String method : List.of("PUT", "DELETE", "PATCH", "PROPFIND")) {
            cases.add(new HostileCase("api", method + " onboardings", t -> apiCall(t, method, "/api/v1/onboardings", JSON,
                    validApiStart())));
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("a garbage bearer token", "Bearer not.a.token");
        tokens.put("an unsigned token", "Bearer " + Base64.getUrlEncoder().withoutPadding().encodeToString(
                bytes("{\"alg\":\"none\"}")) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                bytes("{\"iss\":\"x\",\"azp\":\"demo-client\",\"scope\":\"onboarding.write\"}")) + ".");
        tokens.put("an empty bearer", "Bearer ");
        tokens.put("a bearer of 10,000 characters", "Bearer " + "a".repeat(10_000));
        tokens.put("HTTP Basic as staff", "Basic " + Base64.getEncoder().encodeToString(bytes("hostilestaff:"
                + HostileInputTest.PASSWORD)));
        tokens.forEach((what, authorization) -> cases.add(new HostileCase("api", "start with " + what, t -> t.raw(
                Who.ANONYMOUS, "POST", "/api/v1/onboardings", Map.of("Authorization", authorization, "Content-Type", JSON),
                bytes(validApiStart())))));
        cases.add(new HostileCase("api", "start with a Tasklist session", t -> t.raw(Who.STAFF, "POST", "/api/v1/onboardings",
                Map.of("Content-Type", JSON), bytes(validApiStart()))));
        return cases;
    }

    private static HostileCase apiStart(String name, Consumer<ObjectNode> change) {
        return new HostileCase("api", "start with " + name, t -> {
            ObjectNode body;
            try {
                body = (ObjectNode) MAPPER.readTree(validApiStart());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            change.accept(body);
            return apiCall(t, "POST", "/api/v1/onboardings", JSON, json(body));
        });
    }

    private static HostileCase apiStartRaw(String name, String body) {
        return new HostileCase("api", "start with " + name, t -> apiCall(t, "POST", "/api/v1/onboardings", JSON, body));
    }

    private static Answer apiCall(HostileTarget target, String method, String path, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + target.apiToken());
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return target.raw(Who.ANONYMOUS, method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** A valid start but for its language, so that nothing starts unless a case's change is let through. */
    private static String validApiStart() {
        return "{\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"email\":\"hostile-api-" + unique()
                + "@example.com\",\"company\":\"Navy\",\"language\":\"xx\",\"roles\":[\"portal-user\"],\"validityDays\":7}";
    }

    // ---------------------------------------------------------------- invitation codes

    static List<HostileCase> invitations() {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(new HostileCase("invitation", "baseline: a live code shows the invitation",
                t -> t.raw(Who.ANONYMOUS, "GET", "/invitations/" + t.liveInvitationCode(), Map.of(), null))
                .answers(SUCCESS).changes("events", 1)
                .alsoCheck(answer -> assertThat(answer.body()).contains("Accept invitation")));
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("a well-formed unknown code", "A".repeat(43));
        codes.put("a code one character too long", "A".repeat(44));
        codes.put("a code of 2,000 characters", "A".repeat(2000));
        codes.put("a code of 7,000 characters", "A".repeat(7000));
        codes.put("a code of 20,000 characters", "A".repeat(20000));
        codes.put("non-ASCII, percent-encoded", "%C3%A4%C3%B6%C3%BC" + "A".repeat(37));
        codes.put("non-ASCII, raw UTF-8 bytes", "\u00E4\u00F6\u00FC\u4E2D\u6587");
        codes.put("a right-to-left override", "%E2%80%AEA");
        codes.put("path traversal with encoded slashes", "..%2F..%2F..%2Fetc%2Fpasswd");
        codes.put("path traversal with raw slashes", "../../../etc/passwd");
        codes.put("path traversal with encoded dots", "%2e%2e%2f%2e%2e%2fetc%2fpasswd");
        codes.put("double-encoded traversal", "%252e%252e%252fetc%252fpasswd");
        codes.put("a path parameter", "..;/..;/actuator/env");
        codes.put("a backslash", "..%5C..%5Cwindows");
        codes.put("an encoded NUL", "AAAA%00BBBB");
        codes.put("an invalid percent escape", "%ZZ%");
        codes.put("an overlong UTF-8 slash", "%C0%AF%C0%AF");
        codes.put("invalid UTF-8", "%FF%FE%FD");
        codes.put("an encoded CR/LF with a header", "x%0D%0ASet-Cookie:%20hostile=1");
        codes.put("an encoded space", "A%20B");
        codes.put("a template expression", "%24%7B7*7%7D");
        codes.put("an HTML tag", "%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        codes.put("a SQL quote", "A'%20OR%20'1'='1");
        codes.forEach((what, code) -> {
            for (String method : List.of("GET", "HEAD")) {
                cases.add(new HostileCase("invitation", method + " with " + what,
                        t -> t.raw(Who.ANONYMOUS, method, "/invitations/" + code, Map.of(), null)).createsNoSession()
                        .alsoCheck(answer -> assertThat(answer.headers().getOrDefault("set-cookie", List.of()))
                                .as("no cookie set from the URL").noneMatch(c -> c.contains("hostile"))));
            }
        });
        cases.add(new HostileCase("invitation", "accept a live code without CSRF token", t -> t.raw(Who.ANONYMOUS,
                "POST", "/invitations/accept", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                bytes("code=" + t.liveInvitationCode()))));
        cases.add(new HostileCase("invitation", "accept an unknown code without CSRF token", t -> t.raw(Who.ANONYMOUS,
                "POST", "/invitations/accept", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                bytes("code=" + "A".repeat(43)))));
        cases.add(new HostileCase("invitation", "accept without code or CSRF token", t -> t.raw(Who.ANONYMOUS,
                "POST", "/invitations/accept", Map.of("Content-Type", "application/x-www-form-urlencoded"), bytes(""))));
        cases.add(new HostileCase("invitation", "request a new invitation without CSRF token", t -> t.raw(Who.ANONYMOUS,
                "POST", "/invitations/request-new", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                bytes("code=" + t.liveInvitationCode()))));
        cases.add(new HostileCase("invitation", "another account without CSRF token", t -> t.raw(Who.ANONYMOUS,
                "POST", "/invitations/another-account", Map.of(), bytes(""))));
        return cases;
    }

    // ---------------------------------------------------------------- OpenID Connect callback

    static List<HostileCase> signInCallback() {
        List<HostileCase> cases = new ArrayList<>();
        String callback = "/login/oauth2/code/portal";
        for (boolean withRoundTrip : List.of(false, true)) {
            String how = withRoundTrip ? " (state of a real round trip)" : " (no round trip)";
            String forged = forgedLine();
            cases.add(callback("error with CR/LF and a forged log line" + how, withRoundTrip,
                    "error=access_denied%0D%0A" + forged + "%20INFO%20admin%20signed%20in").forgesLogLine(forged));
            String forgedLf = forgedLine();
            cases.add(callback("error_description with LF and a forged log line" + how, withRoundTrip,
                    "error=access_denied&error_description=x%0A" + forgedLf).forgesLogLine(forgedLf));
            String forgedNel = forgedLine();
            cases.add(callback("error with U+2028 and a forged log line" + how, withRoundTrip,
                    "error=access_denied%E2%80%A8" + forgedNel).forgesLogLine(forgedNel));
            cases.add(callback("error of 6,000 characters" + how, withRoundTrip, "error=" + "x".repeat(6000)));
            cases.add(callback("an unknown error code with HTML" + how, withRoundTrip,
                    "error=%3Cscript%3Ealert(1)%3C%2Fscript%3E"));
            cases.add(callback("a code with an invalid state" + how, withRoundTrip, "code=abc&state=not-the-state"));
            cases.add(callback("a code without state" + how, withRoundTrip, "code=abc"));
            cases.add(callback("a code with a huge state" + how, withRoundTrip, "code=abc&state=" + "s".repeat(6000)));
            cases.add(callback("neither code nor error" + how, withRoundTrip, ""));
            cases.add(callback("invalid percent escapes" + how, withRoundTrip, "error=%ZZ&state=%"));
        }
        cases.add(new HostileCase("sign-in callback", "a code for the real state, unknown to the provider", t -> {
            SignInRoundTrip trip = t.signInRoundTrip();
            return t.raw(Who.ANONYMOUS, "GET", callback + "?code=forged&state=" + trip.state(), Map.of("Cookie", trip.cookie()), null);
        }).answers(REFUSAL_OR_REDIRECT_HOME));
        cases.add(new HostileCase("sign-in callback", "an unknown registration", t -> t.raw(Who.ANONYMOUS, "GET",
                "/login/oauth2/code/evil?code=abc&state=x", Map.of(), null)).answers(REFUSAL_OR_REDIRECT_HOME));
        cases.add(new HostileCase("sign-in callback", "sign-in at an unknown registration", t -> t.raw(Who.ANONYMOUS,
                "GET", "/oauth2/authorization/evil", Map.of(), null)));
        cases.add(new HostileCase("sign-in callback", "sign-in at a registration with CR/LF", t -> t.raw(Who.ANONYMOUS,
                "GET", "/oauth2/authorization/portal%0D%0AX", Map.of(), null)));
        cases.add(new HostileCase("sign-in callback", "sign-in at a registration of 5,000 characters",
                t -> t.raw(Who.ANONYMOUS, "GET", "/oauth2/authorization/" + "p".repeat(5000), Map.of(), null)));
        return cases;
    }

    private static HostileCase callback(String name, boolean withRoundTrip, String query) {
        return new HostileCase("sign-in callback", name, t -> {
            if (!withRoundTrip) {
                return t.raw(Who.ANONYMOUS, "GET", "/login/oauth2/code/portal?" + query, Map.of(), null);
            }
            SignInRoundTrip trip = t.signInRoundTrip();
            String withState = query.contains("state=") ? query : query + (query.isEmpty() ? "" : "&") + "state=" + trip.state();
            return t.raw(Who.ANONYMOUS, "GET", "/login/oauth2/code/portal?" + withState, Map.of("Cookie", trip.cookie()), null);
        }).answers(REFUSAL_OR_REDIRECT_HOME);
    }

    // ---------------------------------------------------------------- history

    static List<HostileCase> history() {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(new HostileCase("history", "baseline: the auditor's first page",
                t -> t.raw(Who.AUDITOR, "GET", "/history/onboardings", Map.of(), null)).answers(SUCCESS));
        List<String> refused = List.of("page=2147483647", "page=2147483648", "page=-1", "page=-2147483648", "page=abc",
                "page=1e3", "page=1.5", "page=%00", "size=0", "size=-5", "size=501", "size=2147483647", "size=x",
                "page=2147483647&size=100", "from=2024-13-45", "from=yesterday", "to=2024-02-30", "from=+999999999-01-01",
                "from=2024-01-01T00:00:00Z", "outcome=unknown", "outcome=ONBOARDED%00",
                "outcome=" + "x".repeat(5000));
        for (String query : refused) {
            cases.add(new HostileCase("history", "onboardings?" + abbreviated(query),
                    t -> t.raw(Who.AUDITOR, "GET", "/history/onboardings?" + query, Map.of(), null)));
        }
        // Blank means "any", and Tomcat drops a parameter it cannot decode: either answer is fine, never a 5xx
        for (String query : List.of("to=%0D%0A", "outcome=%ZZ", "email=%", "company=%C0")) {
            cases.add(new HostileCase("history", "onboardings?" + query,
                    t -> t.raw(Who.AUDITOR, "GET", "/history/onboardings?" + query, Map.of(), null))
                    .answers(HostileCase.Answers.NO_SERVER_ERROR));
        }
        for (String query : List.of("from=2024-13-45", "outcome=unknown", "to=not-a-date")) {
            cases.add(new HostileCase("history", "onboardings.csv?" + query,
                    t -> t.raw(Who.AUDITOR, "GET", "/history/onboardings.csv?" + query, Map.of(), null)));
        }
        for (String search : List.of("email=%25'%20OR%201%3D1%20--", "company=%5C%25%5F",
                "email=" + "e".repeat(3000))) {
            cases.add(new HostileCase("history", "a search that finds nothing: " + abbreviated(search),
                    t -> t.raw(Who.AUDITOR, "GET", "/history/onboardings?" + search, Map.of(), null)).answers(SUCCESS)
                    .alsoCheck(answer -> assertThat(answer.body()).contains("\"total\":0")));
        }
        for (String id : List.of("no-such-instance", "..%2F..%2Fetc", "'%20OR%20'1'='1", "x".repeat(3000))) {
            cases.add(new HostileCase("history", "timeline of " + abbreviated(id),
                    t -> t.raw(Who.AUDITOR, "GET", "/history/onboardings/" + id + "/timeline", Map.of(), null)));
        }
        for (String query : List.of("engineDetails=maybe", "engineDetails=%00", "engineDetails=" + "t".repeat(3000))) {
            cases.add(new HostileCase("history", "timeline?" + abbreviated(query),
                    t -> t.raw(Who.AUDITOR, "GET", "/history/onboardings/no-such-instance/timeline?" + query, Map.of(),
                            null)));
        }
        cases.add(new HostileCase("history", "as staff", t -> t.raw(Who.STAFF, "GET", "/history/onboardings", Map.of(), null)));
        cases.add(new HostileCase("history", "anonymous", t -> t.raw(Who.ANONYMOUS, "GET", "/history/onboardings", Map.of(), null)));
        return cases;
    }

    // ---------------------------------------------------------------- the staff view of onboardings

    static List<HostileCase> staffView() {
        List<HostileCase> cases = new ArrayList<>();
        String path = "/staff/onboardings";
        cases.add(new HostileCase("staff view", "baseline: the staff member's first page",
                t -> t.raw(Who.STAFF, "GET", path, Map.of(), null)).answers(SUCCESS));
        List<String> refused = List.of("page=2147483647&size=200", "page=-1", "page=abc", "page=%00", "size=0",
                "size=201", "size=x", "from=2024-13-45", "from=yesterday", "to=2024-02-30",
                "from=2024-01-01T00:00:00Z", "state=unknown", "state=SENT%00", "state=" + "x".repeat(5000),
                "email=" + "e".repeat(3000), "company=" + "c".repeat(300), "startedBy=" + "s".repeat(300));
        for (String query : refused) {
            cases.add(new HostileCase("staff view", "onboardings?" + abbreviated(query),
                    t -> t.raw(Who.STAFF, "GET", path + "?" + query, Map.of(), null)));
        }
        for (String query : List.of("to=%0D%0A", "state=%ZZ", "email=%", "company=%C0", "startedBy=%E2%80%AE")) {
            cases.add(new HostileCase("staff view", "onboardings?" + query,
                    t -> t.raw(Who.STAFF, "GET", path + "?" + query, Map.of(), null))
                    .answers(HostileCase.Answers.NO_SERVER_ERROR));
        }
        for (String search : List.of("email=%25'%20OR%201%3D1%20--", "company=%5C%25%5F",
                "startedBy='%20OR%20'1'='1", "startedBy=viewer%0D%0AINFO%20forged&state=opened")) {
            cases.add(new HostileCase("staff view", "a search that finds nothing: " + abbreviated(search),
                    t -> t.raw(Who.STAFF, "GET", path + "?" + search, Map.of(), null)).answers(SUCCESS)
                    .alsoCheck(answer -> assertThat(answer.body()).contains("\"total\":0")));
        }
        cases.add(new HostileCase("staff view", "as auditor", t -> t.raw(Who.AUDITOR, "GET", path, Map.of(), null)));
        cases.add(new HostileCase("staff view", "anonymous", t -> t.raw(Who.ANONYMOUS, "GET", path, Map.of(), null)));
        cases.add(new HostileCase("staff view", "POST as staff", t -> t.raw(Who.STAFF, "POST", path,
                Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8))));
        return cases;
    }

    // ---------------------------------------------------------------- expressions in or-queries

    static List<HostileCase> expressionQueries() {
        List<HostileCase> cases = new ArrayList<>();
        for (String where : List.of("task", "task/count", "filter/{id}/list", "filter/{id}/count")) {
            for (String field : List.of("assigneeExpression", "candidateGroupExpression", "dueBeforeExpression")) {
                for (boolean staff : List.of(true, false)) {
                    String property = "hostile.expression." + unique();
                    cases.add(new HostileCase("expression query", "orQueries " + field + " on " + where
                            + (staff ? " as staff" : " as auditor"), t -> {
                        String path = ENGINE + "/" + where.replace("{id}", t.staffFilterId());
                        String query = "{\"orQueries\":[{\"" + field + "\":\"" + setsProperty(property) + "\"}]}";
                        return staff ? t.asStaff(path, JSON, query) : t.asAuditor(path, JSON, query);
                    }).answers(staff ? ENGINE_REFUSAL : HostileCase.Answers.REFUSAL)
                            .alsoCheck(answer -> assertThat(System.getProperty(property)).as("the expression ran").isNull()));
                }
            }
        }
        String property = "hostile.expression." + unique();
        cases.add(new HostileCase("expression query", "top-level assigneeExpression on task as staff",
                t -> t.asStaff(ENGINE + "/task", JSON, "{\"assigneeExpression\":\"" + setsProperty(property) + "\"}"))
                .answers(ENGINE_REFUSAL)
                .alsoCheck(answer -> assertThat(System.getProperty(property)).as("the expression ran").isNull()));
        return cases;
    }

    /** An expression that, if evaluated, leaves a trace: a system property. */
    private static String setsProperty(String property) {
        return "${''.getClass().forName('java.lang.System').getMethod('setProperty', ''.getClass(), ''.getClass())"
                + ".invoke(null, '" + property + "', 'ran')}";
    }

    // ---------------------------------------------------------------- variable writes

    /**
     * Every engine API endpoint that writes variables other than a form, aimed at the review task and its
     * onboarding: the direct writes are refused by our rule (400) for staff and auditors alike, the rest
     * by the engine's grants; no variable of the onboarding or its task changes, {@code startedBy} included.
     */
    static List<HostileCase> variableWrites() {
        String forged = "{\"value\": \"admin\", \"type\": \"String\"}";
        String modifications = "{\"modifications\": {\"" + Variables.STARTED_BY + "\": " + forged + ", \""
                + Variables.REVIEW_CONTEXT + "\": " + forged + "}}";
        String deletions = "{\"deletions\": [\"" + Variables.STARTED_BY + "\", \"" + Variables.REVIEW_CONTEXT + "\"]}";
        String file = "--XX\r\nContent-Disposition: form-data; name=\"data\"; filename=\"forged.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nadmin\r\n--XX\r\nContent-Disposition: form-data; name=\"valueType\"\r\n\r\n"
                + "Bytes\r\n--XX--\r\n";
        String multipart = "multipart/form-data; boundary=XX";
        List<String[]> writes = new ArrayList<>();
        for (String scope : List.of("task/{task}/variables", "task/{task}/localVariables",
                "process-instance/{instance}/variables", "execution/{instance}/localVariables")) {
            String name = scope.startsWith("task/{task}/local") ? Variables.REVIEW_CONTEXT : Variables.STARTED_BY;
            writes.add(new String[] {"PUT", scope + "/" + name, JSON, forged});
            writes.add(new String[] {"POST", scope, JSON, modifications});
            writes.add(new String[] {"POST", scope, JSON, deletions});
            writes.add(new String[] {"DELETE", scope + "/" + name, JSON, null});
            writes.add(new String[] {"POST", scope + "/" + name + "/data", multipart, file});
        }
        // Not direct writes: the engine's grants refuse them (staff and auditors may not update an instance)
        List<String[]> grantChecked = List.of(
                new String[] {"POST", "process-instance/variables-async", JSON,
                        "{\"processInstanceIds\": [\"{instance}\"], \"variables\": {\"" + Variables.STARTED_BY + "\": " + forged + "}}"},
                new String[] {"POST", "process-instance/{instance}/modification", JSON,
                        "{\"instructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \""
                                + OnboardingProcess.Elements.REVIEW_EXPIRED_INVITATION + "\", \"variables\": {\""
                                + Variables.STARTED_BY + "\": " + forged + "}}]}"},
                new String[] {"POST", "execution/{instance}/signal", JSON,
                        "{\"variables\": {\"" + Variables.STARTED_BY + "\": " + forged + "}}"});
        List<HostileCase> cases = new ArrayList<>();
        for (Who who : List.of(Who.STAFF, Who.AUDITOR)) {
            for (String[] write : writes) {
                cases.add(variableWrite(who, write).answers(ENGINE_REFUSAL).alsoCheck(answer -> assertThat(answer.body())
                        .as("refused by our rule").contains(VariableWriteGuard.REFUSAL)));
            }
            for (String[] write : grantChecked) {
                cases.add(variableWrite(who, write));
            }
        }
        return cases;
    }

    private static HostileCase variableWrite(Who who, String[] write) {
        String what = write[3] == null ? "" : write[3].contains("deletions") ? " (deletions)"
                : write[3].contains("modifications") ? " (modifications)" : "";
        return new HostileCase("variable writes", write[0] + " " + write[1] + what + " as " + who.name().toLowerCase(),
                t -> t.engineApi(who, write[0], ENGINE + "/" + write[1].replace("{task}", t.reviewTaskId())
                        .replace("{instance}", t.reviewOnboardingId()), write[2],
                        write[3] == null ? null : write[3].replace("{instance}", t.reviewOnboardingId())))
                .keeps("the onboarding's and its review task's variables", HostileTarget::reviewVariables);
    }

    // ---------------------------------------------------------------- headers and methods

    static List<HostileCase> headersAndMethods() {
        List<HostileCase> cases = new ArrayList<>();
        List<String> paths = List.of("/", "/portal", "/invitations/" + "A".repeat(43), "/history/onboardings", "/error",
                "/dev/mailbox");
        for (String path : paths) {
            for (String method : List.of("PROPFIND", "TRACE", "DELETE", "PUT", "PATCH")) {
                cases.add(new HostileCase("methods", method + " " + abbreviated(path),
                        t -> t.raw(Who.AUDITOR, method, path, Map.of(), method.equals("TRACE") ? null : new byte[0])));
            }
        }
        cases.add(new HostileCase("methods", "GET /error directly", t -> t.raw(Who.ANONYMOUS, "GET", "/error", Map.of(), null)));
        cases.add(new HostileCase("methods", "an unknown method on the engine API", t -> t.raw(Who.STAFF, "FOO",
                ENGINE + "/task", Map.of(), new byte[0])));
        for (String path : List.of("/", "/portal", "/invitations/" + "A".repeat(43), "/login/oauth2/code/portal?error=x",
                "/oauth2/authorization/portal", "/portal/signed-out", "/camunda/app/tasklist/")) {
            cases.add(new HostileCase("headers", "Host: evil.example on " + abbreviated(path),
                    t -> t.raw(Who.ANONYMOUS, "GET", path, Map.of("Host", "evil.example"), null))
                    .answers(HostileCase.Answers.NO_SERVER_ERROR));
            cases.add(new HostileCase("headers", "X-Forwarded-Host: evil.example on " + abbreviated(path),
                    t -> t.raw(Who.ANONYMOUS, "GET", path, Map.of("X-Forwarded-Host", "evil.example",
                            "X-Forwarded-Proto", "https"), null)).answers(HostileCase.Answers.NO_SERVER_ERROR));
        }
        cases.add(new HostileCase("headers", "a header of 20,000 characters", t -> t.raw(Who.ANONYMOUS, "GET",
                "/invitations/" + "A".repeat(43), Map.of("X-Junk", "j".repeat(20000)), null)));
        cases.add(new HostileCase("headers", "200 headers of 100 characters", t -> {
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < 200; i++) {
                headers.put("X-Junk-" + i, "j".repeat(100));
            }
            return t.raw(Who.ANONYMOUS, "GET", "/invitations/" + "A".repeat(43), headers, null);
        }));
        cases.add(new HostileCase("headers", "a cookie of 10,000 characters", t -> t.raw(Who.ANONYMOUS, "GET",
                "/portal", Map.of("Cookie", "SESSION=" + "c".repeat(10000)), null)).answers(REFUSAL_OR_REDIRECT_HOME));
        cases.add(new HostileCase("headers", "a garbage session cookie", t -> t.raw(Who.ANONYMOUS, "GET",
                "/history/onboardings", Map.of("Cookie", "SESSION=%00%ZZ'--"), null)));
        cases.add(new HostileCase("headers", "Content-Length and chunked together (request smuggling)",
                t -> t.raw(Who.ANONYMOUS, "POST", "/invitations/accept", Map.of("Transfer-Encoding", "chunked",
                        "Content-Length", "4"), bytes("0\r\n\r\nGET /actuator/env HTTP/1.1\r\nHost: x\r\n\r\n"))));
        cases.add(new HostileCase("headers", "a garbage Content-Type on the start form",
                t -> t.asStaff(START_FORM, "no/such;;type", body(onboarding(t, v -> { })))));
        cases.add(new HostileCase("headers", "a multipart start form without boundary",
                t -> t.asStaff(START_FORM, "multipart/form-data", body(onboarding(t, v -> { })))));
        cases.add(new HostileCase("headers", "an Accept of XML on a refused start",
                t -> t.raw(Who.STAFF, "POST", START_FORM, Map.of("Content-Type", JSON, "Accept", "application/xml"),
                        bytes(body(onboarding(t, v -> v.put(Variables.EMAIL, string("not-an-email"))))))));
        return cases;
    }

    // ---------------------------------------------------------------- building blocks

    static String body(Map<String, JsonNode> variables) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode vars = body.putObject("variables");
        variables.forEach(vars::set);
        try {
            return MAPPER.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode string(String value) {
        return typed("String", value);
    }

    static JsonNode typed(String type, Object value) {
        return typed(type, value, Map.of());
    }

    static JsonNode typed(String type, Object value, Map<String, String> valueInfo) {
        ObjectNode variable = MAPPER.createObjectNode();
        variable.set("value", MAPPER.valueToTree(value));
        variable.put("type", type);
        if (!valueInfo.isEmpty()) {
            ObjectNode info = variable.putObject("valueInfo");
            valueInfo.forEach(info::put);
        }
        return variable;
    }

    /** The deserialization attack of the issue: a JSON-serialized java.io.File. */
    static JsonNode fileObject() {
        return typed("Object", "\"x.txt\"", Map.of("objectTypeName", "java.io.File",
                "serializationDataFormat", "application/json"));
    }

    static JsonNode file(String csv) {
        return file(bytes(csv));
    }

    /** A File variable as Tasklist's bulk start form sends it. */
    static JsonNode file(byte[] content) {
        return typed("File", Base64.getEncoder().encodeToString(content),
                Map.of("filename", "users.csv", "mimeType", "text/csv"));
    }

    private static String json(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String validCsv() {
        return CSV_HEADER + "Ada,Lovelace,bulk-" + unique() + "@example.com,Contoso,en,portal-user\n";
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A line a forger would like to see in the log: it must only ever appear escaped, inside another line. */
    private static String forgedLine() {
        return "FORGED-" + unique();
    }

    private static String abbreviated(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private HostileInputCases() {
    }
}
