package dev.portalonboarding.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.portalonboarding.history.OnboardingState;
import dev.portalonboarding.support.ApiClient;
import dev.portalonboarding.support.OnboardingTestBase;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The OpenAPI document generated from the controllers is valid OpenAPI 3, open to anyone, lists every
 * endpoint with its method, and describes the client-credentials flow with the scopes. Swagger UI is not
 * served outside the embedded profile.
 */
class ApiOpenApiTest extends OnboardingTestBase {

    @LocalServerPort
    int port;

    @Test
    void theDocumentIsValidAndListsEveryEndpoint() {
        HttpResponse<String> document = ApiClient.withRawToken(port, null).get(ApiPaths.OPENAPI);
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).startsWith("default-src 'none'"));

        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.body());
        assertThat(parsed.getMessages()).isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getOpenapi()).startsWith("3.");
        assertThat(api.getPaths().keySet()).containsExactlyInAnyOrder(
                "/api/v1/onboardings",
                "/api/v1/onboardings/{id}",
                "/api/v1/onboardings/{id}/resend",
                "/api/v1/onboardings/{id}/revoke",
                "/api/v1/onboardings/{id}/offboard",
                "/api/v1/bulk-onboardings",
                "/api/v1/bulk-onboardings/{bulkId}/rows",
                "/api/v1/bulk-onboardings/{bulkId}/start",
                "/api/v1/bulk-onboardings/{bulkId}/cancel");
        PathItem onboardings = api.getPaths().get("/api/v1/onboardings");
        assertThat(onboardings.getPost().getParameters()).anyMatch(parameter -> parameter.getName().equals("Idempotency-Key"));
        assertThat(onboardings.getGet().getParameters()).extracting(parameter -> parameter.getName())
                .contains("email", "state", "company", "startedAfter", "cursor");
        assertThat(onboardings.getPost().getResponses()).containsKeys("201", "409");
        assertThat(api.getPaths().get("/api/v1/onboardings/{id}").getGet()).isNotNull();
        assertThat(api.getPaths().get("/api/v1/bulk-onboardings/{bulkId}/rows").getGet()).isNotNull();
        assertThat(api.getComponents().getSchemas()).containsKeys("StartOnboarding", "Onboarding", "OnboardingList");
        // The state is the staff view's, by name and in words, in every answer that carries it
        for (String schema : List.of("Onboarding", "OnboardingListItem", "OnboardingStarted")) {
            Map<String, Schema> properties = api.getComponents().getSchemas().get(schema).getProperties();
            assertThat(properties.get("state").getEnum()).as(schema).extracting(String::valueOf)
                    .containsExactly(Arrays.stream(OnboardingState.values()).map(Enum::name).toArray(String[]::new));
            assertThat(properties).as(schema).containsKey("stateWords");
        }

        SecurityScheme scheme = api.getComponents().getSecuritySchemes().get("clientCredentials");
        assertThat(scheme.getType()).isEqualTo(SecurityScheme.Type.OAUTH2);
        assertThat(scheme.getFlows().getClientCredentials().getTokenUrl()).endsWith("/token");
        assertThat(scheme.getFlows().getClientCredentials().getScopes())
                .containsOnlyKeys("onboarding.read", "onboarding.write", "onboarding.audit");
    }

    @Test
    void swaggerUiIsADevelopmentAidOnly() {
        assertThat(ApiClient.withRawToken(port, null).get(ApiPaths.SWAGGER_UI).statusCode()).isIn(401, 403, 404);
    }
}
