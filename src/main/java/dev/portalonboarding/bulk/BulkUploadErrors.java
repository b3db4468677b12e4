package dev.portalonboarding.bulk;

import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.portalonboarding.onboarding.RejectedRequestException;

/**
 * The scripts' upload answers errors as problem details (RFC 9457) that say what is wrong: a refused
 * file or validity with the message Tasklist shows (400), a start the engine does not grant (403), a
 * file over the limit (413), and Spring MVC's own, such as a validityDays that is not a number (400).
 */
@RestControllerAdvice(assignableTypes = BulkUploadController.class)
class BulkUploadErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail refused(RejectedRequestException refusal) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, refusal.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notGranted(AuthorizationException denial) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, denial.getMessage());
    }
}
