package dev.portalonboarding.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Spring MVC's own errors under /api/v1 that come before any controller is chosen (a 415 for a body
 * type no endpoint consumes, a 406) as the problem detail Spring already made for them, instead of the
 * error page's JSON. ApiErrors answers everything raised once a controller of this package runs.
 */
@Component
class ApiFrameworkErrors implements HandlerExceptionResolver, Ordered {

    private final ObjectMapper json;

    ApiFrameworkErrors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        if (handler != null || !(failure instanceof ErrorResponse error)
                || !request.getRequestURI().startsWith(ApiPaths.BASE + "/")) {
            return null;
        }
        ProblemDetail problem = error.getBody();
        try {
            response.setStatus(problem.getStatus());
            error.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
        } catch (IOException e) {
            return null;
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
