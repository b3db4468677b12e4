package dev.portalonboarding.api;

import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.portalonboarding.api.IdempotencyKeys.IdempotencyKeyReusedException;
import dev.portalonboarding.onboarding.RejectedRequestException;

/**
 * Every error of the API as a problem detail (RFC 9457) in our words, never a class name: a refused
 * request with the message the forms show (400), a grant the engine does not give (403), an unknown or
 * unreadable onboarding (404), a reused Idempotency-Key (422), and Spring MVC's own (malformed JSON,
 * 415, 413 ...). Refusals are logged as one line.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler
    ProblemDetail refused(RejectedRequestException refusal, WebRequest request) {
        log.info("API request refused ({}): {}", request.getUserPrincipal() == null ? "anonymous"
                : request.getUserPrincipal().getName(), refusal.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, refusal.getMessage());
        problem.setTitle("Request refused");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notGranted(AuthorizationException denial) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "The engine does not grant this client this action (Camunda authorization).");
        problem.setTitle("Not granted");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(ApiNotFoundException missing) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, missing.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail keyReused(IdempotencyKeyReusedException reused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, reused.getMessage());
        problem.setTitle("Idempotency-Key reused");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail wrongParameter(MethodArgumentTypeMismatchException mismatch) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                mismatch.getName() + " has the wrong format.");
        problem.setTitle("Request refused");
        return problem;
    }

    /** A fault, not the client's: logged with its stack trace, answered without it. */
    @ExceptionHandler
    ProblemDetail fault(RuntimeException fault) {
        log.error("API request failed", fault);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The server could not complete the request.");
        problem.setTitle("Server error");
        return problem;
    }

    /** Spring MVC's own errors too, such as a 415 raised before any handler was chosen. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.putAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, problemHeaders, status);
    }

    /** Jackson's messages name Java types; ours does not. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The body is not valid JSON (or is missing).");
        problem.setTitle("Malformed request");
        return handleExceptionInternal(unreadable, problem, headers, HttpStatus.BAD_REQUEST, request);
    }
}
