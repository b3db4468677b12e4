package dev.portalonboarding.api;

/** The API's paths, shared by its controllers, the web rules and the OpenAPI document. */
public final class ApiPaths {

    public static final String BASE = "/api/v1";
    public static final String ONBOARDINGS = BASE + "/onboardings";
    public static final String BULK_ONBOARDINGS = BASE + "/bulk-onboardings";
    public static final String OPENAPI = BASE + "/openapi.json";
    /** The Swagger UI page, in the embedded profile only. */
    public static final String SWAGGER_UI = BASE + "/swagger-ui.html";
    static final String SECURITY_SCHEME = "clientCredentials";

    private ApiPaths() {
    }
}
