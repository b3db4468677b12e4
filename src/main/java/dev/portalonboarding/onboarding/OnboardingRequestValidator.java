package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.VALIDITY_DAYS;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Validator;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

import dev.portalonboarding.OnboardingProperties;

/** Re-checks on the server what the Camunda Forms check in the browser, with messages staff can act on. */
@Component
public class OnboardingRequestValidator {

    private final Validator validator;
    private final OnboardingProperties properties;

    public OnboardingRequestValidator(Validator validator, OnboardingProperties properties) {
        this.validator = validator;
        this.properties = properties;
    }

    /** The start form's values, or a {@link RejectedRequestException} naming every invalid field. */
    public OnboardingRequest validRequest(VariableScope variables) {
        OnboardingRequest request = OnboardingRequest.of(variables);
        List<String> problems = new ArrayList<>(problems(request));
        validityProblem(variables.getVariable(VALIDITY_DAYS)).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new RejectedRequestException("Invalid onboarding request: " + String.join("; ", problems));
        }
        return request;
    }

    /** Every invalid field of the request, sorted by field name, each as "field message"; empty if valid. */
    public List<String> problems(OnboardingRequest request) {
        return validator.validate(request).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> v.getPropertyPath() + " " + v.getMessage())
                .toList();
    }

    /** The validity in days for a new invitation, within 1 and the configured maximum. */
    public int validValidityDays(VariableScope variables) {
        Object value = variables.getVariable(VALIDITY_DAYS);
        validityProblem(value).ifPresent(problem -> {
            throw new RejectedRequestException("Invalid invitation: " + problem);
        });
        return value == null ? properties.invitation().defaultValidityDays() : ((Number) value).intValue();
    }

    private Optional<String> validityProblem(Object value) {
        int max = properties.invitation().maxValidityDays();
        String problem = VALIDITY_DAYS + " must be a whole number of days between 1 and " + max;
        if (value == null) {
            return Optional.empty(); // the configured default applies
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            return Optional.of(problem);
        }
        long days = number.longValue();
        return days < 1 || days > max ? Optional.of(problem) : Optional.empty();
    }
}
