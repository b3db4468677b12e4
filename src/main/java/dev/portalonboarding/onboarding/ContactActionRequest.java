package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.EMAIL;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The start form of a staff action on one contact (revoke an invitation, offboard, erase): the contact's
 * email, by the same rule as an onboarding's, a reason, text that may have line breaks, and the form's
 * checkboxes, if any ({@code checked} names those ticked).
 */
record ContactActionRequest(String email, String reason, Set<String> checked) {

    static final int REASON_LENGTH = 500;

    /**
     * The form's fields (email, reason and these checkboxes) and nothing else, or a
     * {@link RejectedRequestException} starting with {@code refusal} and naming every problem. The email
     * comes back in its canonical form.
     */
    static ContactActionRequest of(DelegateExecution execution, String reasonField, String refusal,
            String... checkboxes) {
        Set<String> fields = new TreeSet<>(List.of(checkboxes));
        fields.add(EMAIL);
        fields.add(reasonField);
        StartVariables start = StartVariables.of(execution, fields);
        String email = InputPolicy.normalised(start.text(EMAIL));
        String reason = InputPolicy.normalised(start.text(reasonField));
        Set<String> checked = Stream.of(checkboxes).filter(start::flag).collect(Collectors.toUnmodifiableSet());
        List<String> problems = new ArrayList<>(start.problems());
        if (problems.isEmpty()) {
            problems.addAll(problems(email, reasonField, reason));
        }
        if (!problems.isEmpty()) {
            throw new RejectedRequestException(refusal + ": " + String.join("; ", problems));
        }
        return new ContactActionRequest(InputPolicy.canonicalEmail(email), reason, checked);
    }

    private static List<String> problems(String email, String reasonField, String reason) {
        List<String> problems = new ArrayList<>();
        if (email == null || email.isEmpty()) {
            problems.add(EMAIL + " must not be blank");
        } else if (email.length() > OnboardingRequestValidator.EMAIL_LENGTH) {
            problems.add(EMAIL + " size must be between 0 and " + OnboardingRequestValidator.EMAIL_LENGTH);
        } else {
            InputPolicy.emailProblem(email).ifPresent(problem -> problems.add(EMAIL + " " + problem));
        }
        if (reason == null || reason.isBlank()) {
            problems.add(reasonField + " must not be blank");
        } else {
            if (reason.length() > REASON_LENGTH) {
                problems.add(reasonField + " size must be between 0 and " + REASON_LENGTH);
            }
            InputPolicy.forbiddenCharacter(reason, true).ifPresent(problem -> problems.add(reasonField + " " + problem));
        }
        return problems;
    }
}
