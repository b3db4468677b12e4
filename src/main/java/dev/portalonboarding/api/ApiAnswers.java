package dev.portalonboarding.api;

import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.portalonboarding.api.IdempotencyKeys.Answer;

/** A write's answer, first given or replayed, as the response: JSON, or a problem detail for an error. */
final class ApiAnswers {

    static ResponseEntity<String> of(Answer answer) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status())
                .contentType(answer.status() >= 400 ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON);
        if (answer.location() != null) {
            response.location(URI.create(answer.location()));
        }
        return response.body(answer.body());
    }

    private ApiAnswers() {
    }
}
