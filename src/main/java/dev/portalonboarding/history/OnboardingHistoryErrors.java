package dev.portalonboarding.history;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Refused search parameters (a page out of range, a date that is none, an unknown outcome) answer as
 * problem details (RFC 9457) that say which parameter is wrong.
 */
@RestControllerAdvice(assignableTypes = OnboardingHistoryController.class)
class OnboardingHistoryErrors extends ResponseEntityExceptionHandler {
}
