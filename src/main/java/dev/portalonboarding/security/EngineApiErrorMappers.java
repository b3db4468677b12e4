package dev.portalonboarding.security;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Puts {@link EngineApiErrors} in front of Camunda's exception mappers in every JAX-RS application of
 * the webapps (engine, cockpit, tasklist, admin, welcome APIs), whose application classes are fixed:
 * Jersey discovers this through {@code META-INF/services}. One mapper per exception type Camunda maps,
 * so that for each thrown exception ours is as close as Camunda's and, of higher priority, wins.
 */
@ConstrainedTo(RuntimeType.SERVER)
@Priority(AutoDiscoverable.DEFAULT_PRIORITY)
public class EngineApiErrorMappers implements AutoDiscoverable {

    /** Jersey prefers, among mappers as close to an exception, the one of lower priority; Camunda's have 5000. */
    private static final int BEFORE_CAMUNDA = Priorities.USER - 1000;

    @Override
    public void configure(FeatureContext context) {
        for (ExceptionMapper<?> mapper : List.of(new AnyFailure(), new RestFailure(), new EngineFailure(),
                new UnparsableJson(), new UnmappableJson())) {
            context.register(mapper, BEFORE_CAMUNDA);
        }
    }

    /** The request that failed, for the log line of a refusal. */
    abstract static class WithRequest {
        @Context
        HttpServletRequest request;
    }

    static final class AnyFailure extends WithRequest implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable failure) {
            return EngineApiErrors.response(failure, request);
        }
    }

    static final class RestFailure extends WithRequest implements ExceptionMapper<RestException> {
        @Override
        public Response toResponse(RestException failure) {
            return EngineApiErrors.response(failure, request);
        }
    }

    static final class EngineFailure extends WithRequest implements ExceptionMapper<ProcessEngineException> {
        @Override
        public Response toResponse(ProcessEngineException failure) {
            return EngineApiErrors.response(failure, request);
        }
    }

    static final class UnparsableJson implements ExceptionMapper<JsonParseException> {
        @Override
        public Response toResponse(JsonParseException failure) {
            return EngineApiErrors.badJson();
        }
    }

    static final class UnmappableJson implements ExceptionMapper<JsonMappingException> {
        @Override
        public Response toResponse(JsonMappingException failure) {
            return EngineApiErrors.badJson();
        }
    }
}
