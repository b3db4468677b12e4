package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.COMPANY;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.EMAIL;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.FIRST_NAME;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.LANGUAGE;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.LAST_NAME;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.ROLES;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.VALIDATED_REQUEST;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.VALIDITY_DAYS;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.PrimitiveValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import dev.portalonboarding.OnboardingProperties;

/**
 * Re-checks on the server what the Camunda Forms check in the browser, by the {@link InputPolicy} and the
 * configured role catalogue, with messages staff can act on.
 */
@Component
public class OnboardingRequestValidator {

    /** The fields of processes/portal-user-onboarding-start.form: a start may send these and nothing else. */
    static final Set<String> START_FORM_FIELDS =
            Set.of(FIRST_NAME, LAST_NAME, EMAIL, COMPANY, LANGUAGE, ROLES, VALIDITY_DAYS);

    static final int NAME_LENGTH = 100;
    static final int EMAIL_LENGTH = 254;
    static final int COMPANY_LENGTH = 200;

    private final OnboardingProperties properties;

    public OnboardingRequestValidator(OnboardingProperties properties) {
        this.properties = properties;
    }

    /**
     * The start form's values, or a {@link RejectedRequestException} naming every invalid field. A bulk
     * row's request, validated by the dry run, is taken as it is: checking it again would cost a tenth
     * of a bulk start (the contact's state is checked again, by {@link OnboardingEligibility}).
     */
    public OnboardingRequest validRequest(DelegateExecution execution) {
        Optional<OnboardingRequest> handedOver = validatedRequest(execution);
        if (handedOver.isPresent()) {
            StartVariables start = StartVariables.of(execution, Set.of(VALIDATED_REQUEST, VALIDITY_DAYS));
            if (!start.problems().isEmpty()) {
                throw new RejectedRequestException("Invalid onboarding request: " + String.join("; ", start.problems()));
            }
            return handedOver.get();
        }
        StartVariables start = StartVariables.of(execution, START_FORM_FIELDS);
        OnboardingRequest request = OnboardingRequest.normalised(start.text(FIRST_NAME), start.text(LAST_NAME),
                start.text(EMAIL), start.text(COMPANY), start.text(LANGUAGE), start.textList(ROLES));
        Number validityDays = start.number(VALIDITY_DAYS);
        // Wrong names and types first and alone: the values of a wrongly typed field mean nothing
        if (!start.problems().isEmpty()) {
            throw new RejectedRequestException("Invalid onboarding request: " + String.join("; ", start.problems()));
        }
        List<Problem> problems = new ArrayList<>(fieldProblems(request));
        validityProblem(validityDays).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw Problem.refusal("Invalid onboarding request", "Onboarding nicht gestartet", problems);
        }
        return request;
    }

    /** The request a Java caller handed over as a transient object; a client's is serialized and not taken. */
    private static Optional<OnboardingRequest> validatedRequest(DelegateExecution execution) {
        return execution.getVariableTyped(VALIDATED_REQUEST, false) instanceof ObjectValue object && object.isTransient()
                && object.isDeserialized() && object.getValue() instanceof OnboardingRequest request
                ? Optional.of(request) : Optional.empty();
    }

    /** Every invalid field of the request, sorted by field name, each as "field message"; empty if valid. */
    public List<String> problems(OnboardingRequest request) {
        return fieldProblems(request).stream().map(Problem::english).toList();
    }

    private List<Problem> fieldProblems(OnboardingRequest request) {
        TreeMap<String, List<Problem>> byField = new TreeMap<>();
        text(byField, FIRST_NAME, request.firstName(), NAME_LENGTH);
        text(byField, LAST_NAME, request.lastName(), NAME_LENGTH);
        text(byField, COMPANY, request.company(), COMPANY_LENGTH);
        if (text(byField, EMAIL, request.email(), EMAIL_LENGTH)) {
            InputPolicy.emailProblem(request.email()).ifPresent(problem -> add(byField, EMAIL, problem));
        }
        if (!"en".equals(request.language()) && !"de".equals(request.language())) {
            add(byField, LANGUAGE, new Problem("must be en or de", "muss en oder de sein"));
        }
        String known = String.join(", ", properties.roleIds());
        if (request.roles().isEmpty()) {
            add(byField, ROLES, new Problem("must name at least one role (" + known + ")",
                    "nennen keine Rolle (bekannt: " + known + ")"));
        }
        request.roles().stream().filter(role -> !properties.roleIds().contains(role)).forEach(role -> add(byField,
                ROLES, new Problem("has the unknown role " + InputPolicy.quoted(role) + " (known: " + known + ")",
                        "enthalten die unbekannte Rolle " + InputPolicy.quoted(role) + " (bekannt: " + known + ")")));
        return byField.values().stream().flatMap(List::stream).toList();
    }

    /** The validity in days for a new invitation, within 1 and the configured maximum; the default if not sent. */
    public int validValidityDays(VariableScope variables) {
        return sentValidityDays(variables).orElse(properties.invitation().defaultValidityDays());
    }

    /** The validity a form sent, within 1 and the configured maximum; empty if it sent none. */
    public OptionalInt sentValidityDays(VariableScope variables) {
        TypedValue value = variables.getVariableTyped(VALIDITY_DAYS, false);
        Number days = value == null || value.getType() == ValueType.NULL ? null
                : value instanceof PrimitiveValue<?> primitive && primitive.getValue() instanceof Number number ? number
                : Double.NaN; // not a number: refused below
        validityProblem(days).ifPresent(problem -> {
            throw Problem.refusal("Invalid invitation", "Einladung nicht gesendet", List.of(problem));
        });
        return days == null ? OptionalInt.empty() : OptionalInt.of(days.intValue());
    }

    private Optional<Problem> validityProblem(Number days) {
        int max = properties.invitation().maxValidityDays();
        if (days == null) {
            return Optional.empty(); // the configured default applies
        }
        double value = days.doubleValue();
        return value != Math.rint(value) || value < 1 || value > max
                ? Optional.of(new Problem("must be a whole number of days between 1 and " + max,
                        "muss eine ganze Zahl zwischen 1 und " + max + " sein").of(VALIDITY_DAYS, label(VALIDITY_DAYS)))
                : Optional.empty();
    }

    /** Checks a one-line text field by the {@link InputPolicy}; true if it is there to check further. */
    private static boolean text(TreeMap<String, List<Problem>> byField, String field, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            add(byField, field, BLANK);
            return false;
        }
        if (value.length() > maxLength) {
            add(byField, field, tooLong(maxLength));
        }
        Optional<Problem> forbidden = InputPolicy.forbiddenCharacter(value, false);
        forbidden.ifPresent(problem -> add(byField, field, problem));
        return forbidden.isEmpty();
    }

    private static void add(TreeMap<String, List<Problem>> byField, String field, Problem problem) {
        byField.computeIfAbsent(field, name -> new ArrayList<>()).add(problem.of(field, label(field)));
    }

    static final Problem BLANK = new Problem("must not be blank", "fehlt");

    static Problem tooLong(int maxLength) {
        return new Problem("size must be between 0 and " + maxLength, "hat mehr als " + maxLength + " Zeichen");
    }

    /** A field's German label, as the form shows it. */
    static String label(String field) {
        return switch (field) {
            case FIRST_NAME -> "Vorname";
            case LAST_NAME -> "Nachname";
            case EMAIL -> "E-Mail";
            case COMPANY -> "Firma";
            case LANGUAGE -> "Sprache";
            case ROLES -> "Portalrollen";
            case VALIDITY_DAYS -> "Gültigkeit in Tagen";
            default -> "Grund";
        };
    }
}
