package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.COMPANY;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.FIRST_NAME;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.LANGUAGE;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.LAST_NAME;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.ROLES;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;

/**
 * The start form of an onboarding as the server reads it. The form validates too, but the engine
 * API can be called without it, so these constraints are the ones that count.
 */
public record OnboardingRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = LINE_BREAK_MESSAGE)
        String firstName,
        @NotBlank @Size(max = 100) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = LINE_BREAK_MESSAGE)
        String lastName,
        @NotBlank @Size(max = 254) @Email(regexp = EMAIL_WITH_DOMAIN, message = "must be a valid email address")
        String email,
        @NotBlank @Size(max = 200) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = LINE_BREAK_MESSAGE)
        String company,
        @NotNull @Pattern(regexp = "en|de", message = "must be en or de")
        String language,
        @NotNull @Size(max = 10)
        List<@Pattern(regexp = "[a-z][a-z0-9-]{0,39}", message = "must be a role name") String> roles) {

    static final String NO_CONTROL_CHARACTERS = "[^\\p{Cntrl}]*";
    static final String LINE_BREAK_MESSAGE = "must not contain line breaks or control characters";
    /** A dot in the domain and no spaces: what mail servers deliver to, beyond bare RFC syntax. */
    static final String EMAIL_WITH_DOMAIN = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

    static OnboardingRequest of(VariableScope variables) {
        return normalised(variables.getVariable(FIRST_NAME), variables.getVariable(LAST_NAME),
                variables.getVariable(EMAIL), variables.getVariable(COMPANY), variables.getVariable(LANGUAGE),
                variables.getVariable(ROLES));
    }

    /** A request from raw values, trimmed and with the email normalised, as the start form's are; bulk rows use it too. */
    public static OnboardingRequest normalised(Object firstName, Object lastName, Object email, Object company,
            Object language, Object roles) {
        return new OnboardingRequest(trimmed(firstName), trimmed(lastName), normalisedEmail(email), trimmed(company),
                trimmed(language), roles(roles));
    }

    /** Emails are compared and stored trimmed and lower-cased. */
    static String normalisedEmail(Object value) {
        String email = trimmed(value);
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }

    private static String trimmed(Object value) {
        return value == null ? null : value.toString().strip();
    }

    /** Tasklist submits the checklist as JSON; the Java API may pass a list or a comma-separated string. */
    private static List<String> roles(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof SpinJsonNode json && json.isArray()) {
            return json.elements().stream().map(SpinJsonNode::stringValue).toList();
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        return Arrays.stream(value.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
