package dev.portalonboarding.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.ExceptionLogger;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.portalonboarding.onboarding.RejectedRequestException;

/**
 * The error answers of the webapps' REST APIs ({@code /camunda/api/**}, used by Tasklist and Cockpit).
 * Camunda's own answer a refusal thrown while a start or a task completion runs with 500, put "Cannot
 * instantiate process definition …:" before its message and name Java classes in {@code type} and
 * often in {@code message}. Here:
 * <ul>
 * <li>a refusal ({@link BadUserRequestException}, ours or the engine's, anywhere in the cause chain) is
 * 400 with the refusal's own message, logged as one INFO line (ours) or at DEBUG (the engine's, whose
 * message stays only if it names no Java class);</li>
 * <li>an {@link AuthorizationException} keeps Camunda's body: the webapps read its
 * {@code "type":"AuthorizationException"} to show the missing permission;</li>
 * <li>anything else keeps Camunda's status and logging; its message stays only if it names no Java
 * class, and {@code type} is a neutral word for the status.</li>
 * </ul>
 */
final class EngineApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(EngineApiErrors.class);
    /** A qualified Java name such as {@code java.util.LinkedHashMap} or {@code org.camunda.Foo$Bar}. */
    private static final Pattern JAVA_CLASS_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*\\.[A-Z][\\w$]*");
    private static final Pattern EXCEPTION_WORD = Pattern.compile("[A-Z]\\w*(Exception|Error)\\b");
    private static final Pattern REST_PREFIX = Pattern.compile("^Cannot [a-z ]+ [\\w:.-]+: ");
    private static final String JAVA_SERIALIZATION_PROHIBITED = "ENGINE-17007";
    private static final ExceptionHandlerHelper CAMUNDA = ExceptionHandlerHelper.getInstance();

    static Response response(Throwable failure, HttpServletRequest request) {
        if (failure instanceof AuthorizationException) {
            return CAMUNDA.getResponse(failure);
        }
        BadUserRequestException refusal = refusal(failure);
        if (refusal instanceof RejectedRequestException rejected) {
            // One line: the log pattern escapes line breaks in the message (OneLineMessageConverter)
            LOG.info("Refused {} by {}: {}", request == null ? "a request" : request.getMethod() + " "
                    + request.getRequestURI(), currentUser(), refusal.getMessage());
            // In the language of the browser's Tasklist (its Accept-Language), as Tasklist's own texts
            return body(Status.BAD_REQUEST, rejected.message(request == null ? null
                    : request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
        }
        if (refusal != null) {
            LOG.debug("Refused bad request", failure);
            return body(Status.BAD_REQUEST, plain(withoutRestPrefix(refusal.getMessage()), Status.BAD_REQUEST));
        }
        if (isJavaSerializationRefusal(failure)) {
            LOG.info("Refused {} by {}: a Java-serialized variable", request == null ? "a request"
                    : request.getMethod() + " " + request.getRequestURI(), currentUser());
            return body(Status.BAD_REQUEST, ClientObjectValueGuard.REFUSAL);
        }
        ExceptionLogger.REST_LOGGER.log(failure);
        Status status = CAMUNDA.getStatus(failure);
        return body(status, plain(withoutRestPrefix(failure.getMessage()), status));
    }

    /** A body the JSON parser or mapper refused; their messages quote Java types and the input. */
    static Response badJson() {
        return body(Status.BAD_REQUEST, "The request body is not valid JSON of the expected form.");
    }

    private static BadUserRequestException refusal(Throwable failure) {
        return causes(failure).filter(BadUserRequestException.class::isInstance)
                .map(BadUserRequestException.class::cast).findFirst().orElse(null);
    }

    /**
     * The engine refuses a Java-serialized value before any serializer (so before ClientObjectValueGuard)
     * sees it, with a plain ProcessEngineException that has no type or code of its own.
     */
    private static boolean isJavaSerializationRefusal(Throwable failure) {
        return causes(failure).anyMatch(cause -> cause.getMessage() != null
                && cause.getMessage().startsWith(JAVA_SERIALIZATION_PROHIBITED));
    }

    /** The failure and its causes, outermost first. */
    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, Throwable::getCause);
    }

    /** Without the "Cannot instantiate process definition …: " (or task) prefix the REST layer puts first. */
    private static String withoutRestPrefix(String message) {
        return message == null ? null : REST_PREFIX.matcher(message).replaceFirst("");
    }

    /** The message if it is fit for a user's eyes; otherwise a neutral one for the status. */
    private static String plain(String message, Status status) {
        boolean fit = message != null && !message.isBlank() && status.getStatusCode() < 500
                && !JAVA_CLASS_NAME.matcher(message).find() && !EXCEPTION_WORD.matcher(message).find();
        if (fit) {
            return message;
        }
        return status.getStatusCode() < 500 ? "The request is not valid." : "The server could not complete the request.";
    }

    private static Response body(Status status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", neutralType(status));
        body.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static String neutralType(Status status) {
        return switch (status) {
            case BAD_REQUEST -> "BadRequest";
            case UNAUTHORIZED -> "Unauthorized";
            case FORBIDDEN -> "Forbidden";
            case NOT_FOUND -> "NotFound";
            default -> status.getStatusCode() < 500 ? "ClientError" : "ServerError";
        };
    }

    private static String currentUser() {
        Authentications authentications = Authentications.getCurrent();
        if (authentications == null) {
            return "an anonymous caller";
        }
        return authentications.getAuthentications().stream()
                .filter(UserAuthentication.class::isInstance)
                .map(authentication -> authentication.getIdentityId())
                .findFirst()
                .orElse("an anonymous caller");
    }

    private EngineApiErrors() {
    }
}
