package dev.portalonboarding.staffview;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Refused search parameters answer as problem details (RFC 9457) that say which parameter is wrong. */
@RestControllerAdvice(assignableTypes = StaffOnboardingsController.class)
class StaffOnboardingsErrors extends ResponseEntityExceptionHandler {
}
