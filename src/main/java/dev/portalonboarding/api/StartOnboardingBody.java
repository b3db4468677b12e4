package dev.portalonboarding.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.portalonboarding.onboarding.InputPolicy;
import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.onboarding.OnboardingRequest;
import dev.portalonboarding.onboarding.RejectedRequestException;

/**
 * The start form's fields as JSON. Read field by field, as the engine reads a start's variables: only
 * these names, each of its type and never coerced, so the refusals say the same as the form's. The
 * values' rules are the onboarding's own (OnboardingRequestValidator, behind the facade).
 */
@Schema(name = "StartOnboarding", description = "The fields of the onboarding start form.")
record StartOnboardingBody(
        @Schema(example = "Ada", maxLength = 100, requiredMode = Schema.RequiredMode.REQUIRED) String firstName,
        @Schema(example = "Lovelace", maxLength = 100, requiredMode = Schema.RequiredMode.REQUIRED) String lastName,
        @Schema(example = "ada@example.com", maxLength = 254, requiredMode = Schema.RequiredMode.REQUIRED) String email,
        @Schema(example = "Analytical Engines Ltd", maxLength = 200, requiredMode = Schema.RequiredMode.REQUIRED)
        String company,
        @Schema(allowableValues = { "en", "de" }, requiredMode = Schema.RequiredMode.REQUIRED) String language,
        @ArraySchema(schema = @Schema(example = "portal-user"), minItems = 1) List<String> roles,
        @Schema(description = "Days the invitation stays valid; the configured default (7) when absent.",
                minimum = "1", maximum = "30") Integer validityDays) {

    private static final Set<String> FIELDS = Set.of(Variables.FIRST_NAME, Variables.LAST_NAME, Variables.EMAIL,
            Variables.COMPANY, Variables.LANGUAGE, Variables.ROLES, Variables.VALIDITY_DAYS);

    /** The body's fields, or the refusal naming every wrong name and type. */
    static StartOnboardingBody read(JsonNode body) {
        List<String> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new RejectedRequestException("Invalid onboarding request: the body must be a JSON object with the "
                    + "fields " + String.join(", ", new TreeSet<>(FIELDS)) + ".");
        }
        Set<String> unknown = new TreeSet<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            problems.add("unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(InputPolicy::quoted).toList())
                    + " (the form has " + String.join(", ", new TreeSet<>(FIELDS)) + ")");
        }
        StartOnboardingBody read = new StartOnboardingBody(text(body, Variables.FIRST_NAME, problems),
                text(body, Variables.LAST_NAME, problems), text(body, Variables.EMAIL, problems),
                text(body, Variables.COMPANY, problems), text(body, Variables.LANGUAGE, problems),
                names(body, Variables.ROLES, problems), days(body, Variables.VALIDITY_DAYS, problems));
        if (!problems.isEmpty()) {
            throw new RejectedRequestException("Invalid onboarding request: " + String.join("; ", problems));
        }
        return read;
    }

    OnboardingRequest request() {
        return OnboardingRequest.normalised(firstName, lastName, email, company, language, roles);
    }

    private static String text(JsonNode body, String name, List<String> problems) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(name + " must be text, not " + kind(value));
            return null;
        }
        return value.textValue();
    }

    private static List<String> names(JsonNode body, String name, List<String> problems) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        if (value.isArray()) {
            value.elements().forEachRemaining(element -> names.add(element.isTextual() ? element.textValue() : null));
        }
        if (!value.isArray()) {
            problems.add(name + " must be a list of names, not " + kind(value));
            return null;
        }
        if (names.contains(null)) {
            problems.add(name + " must be a list of names (text)");
            return null;
        }
        return names;
    }

    private static Integer days(JsonNode body, String name, List<String> problems) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problems.add(name + " must be a whole number of days, not " + kind(value));
            return null;
        }
        return value.intValue();
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "a list";
            case BOOLEAN -> "true or false";
            case NUMBER -> value.isIntegralNumber() ? "a number" : "a fraction";
            case OBJECT -> "an object";
            case STRING -> "text";
            default -> "this value";
        };
    }
}
