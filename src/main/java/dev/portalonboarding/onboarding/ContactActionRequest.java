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
     * {@link RejectedRequestException} starting with {@code refusal} (English, German) and naming every
     * problem. The email comes back in its canonical form.
     */
    static ContactActionRequest of(DelegateExecution execution, String reasonField, String refusal,
            String germanRefusal, String... checkboxes) {
        Set<String> fields = new TreeSet<>(List.of(checkboxes));
        fields.add(EMAIL);
        fields.add(reasonField);
        StartVariables start = StartVariables.of(execution, fields);
        String email = InputPolicy.normalised(start.text(EMAIL));
        String reason = InputPolicy.normalised(start.text(reasonField));
        Set<String> checked = Stream.of(checkboxes).filter(start::flag).collect(Collectors.toUnmodifiableSet());
        if (!start.problems().isEmpty()) {
            throw new RejectedRequestException(refusal + ": " + String.join("; ", start.problems()));
        }
        List<Problem> problems = problems(email, reasonField, reason);
        if (!problems.isEmpty()) {
            throw Problem.refusal(refusal, germanRefusal, problems);
        }
        return new ContactActionRequest(InputPolicy.canonicalEmail(email), reason, checked);
    }

    private static List<Problem> problems(String email, String reasonField, String reason) {
        List<Problem> problems = new ArrayList<>();
        String emailLabel = OnboardingRequestValidator.label(EMAIL);
        if (email == null || email.isEmpty()) {
            problems.add(OnboardingRequestValidator.BLANK.of(EMAIL, emailLabel));
        } else if (email.length() > OnboardingRequestValidator.EMAIL_LENGTH) {
            problems.add(OnboardingRequestValidator.tooLong(OnboardingRequestValidator.EMAIL_LENGTH).of(EMAIL, emailLabel));
        } else {
            InputPolicy.emailProblem(email).ifPresent(problem -> problems.add(problem.of(EMAIL, emailLabel)));
        }
        problems.addAll(reasonProblems(reasonField, reason));
        return problems;
    }

    /** What is wrong with a reason (normalised) staff give for an action: blank, too long, refused characters. */
    static List<Problem> reasonProblems(String reasonField, String reason) {
        List<Problem> problems = new ArrayList<>();
        String reasonLabel = OnboardingRequestValidator.label(reasonField);
        if (reason == null || reason.isBlank()) {
            problems.add(OnboardingRequestValidator.BLANK.of(reasonField, reasonLabel));
        } else {
            if (reason.length() > REASON_LENGTH) {
                problems.add(OnboardingRequestValidator.tooLong(REASON_LENGTH).of(reasonField, reasonLabel));
            }
            InputPolicy.forbiddenCharacter(reason, true)
                    .ifPresent(problem -> problems.add(problem.of(reasonField, reasonLabel)));
        }
        return problems;
    }
}
