package dev.portalonboarding.security;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * A multipart body Spring MVC cannot read (no boundary, cut off) fails before any controller is chosen,
 * so no controller's advice sees it: it is the client's error, 400 with a plain message, not a 500.
 * Last in line, after the controllers' own advice.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class MalformedRequests {

    @ExceptionHandler
    ProblemDetail unreadable(MultipartException malformed) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is not a readable multipart body.");
    }

    @ExceptionHandler
    ProblemDetail tooLarge(MaxUploadSizeExceededException tooLarge) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, "The request is larger than this service accepts.");
    }
}
