package dev.portalonboarding.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A machine client of the REST API over real HTTP: a client-credentials token from an identity provider's
 * token endpoint, then requests with it as {@code Authorization: Bearer}.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    private ApiClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A client with a token of {@code scope} (space-separated; null for the client's default). */
    public static ApiClient withToken(int port, String tokenUri, String clientId, String secret, String scope) {
        return new ApiClient("http://localhost:" + port, token(tokenUri, clientId, secret, scope));
    }

    /** A client that sends this token as it is (null: no Authorization header). */
    public static ApiClient withRawToken(int port, String token) {
        return new ApiClient("http://localhost:" + port, token);
    }

    /** The access token of the client-credentials grant (client_secret_basic). */
    public static String token(String tokenUri, String clientId, String secret, String scope) {
        HttpResponse<String> response = tokenResponse(tokenUri, clientId, secret, scope);
        if (response.statusCode() != 200) {
            throw new AssertionError("No token: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("access_token").asText();
    }

    public static HttpResponse<String> tokenResponse(String tokenUri, String clientId, String secret, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scope != null) {
            form.put("scope", scope);
        }
        String body = String.join("&", form.entrySet().stream().map(entry -> entry.getKey() + "="
                + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)).toList());
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HttpExchange.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(tokenUri))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public String token() {
        return token;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return postJson(path, json, null);
    }

    public HttpResponse<String> postJson(String path, String json, String idempotencyKey) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        return HttpExchange.send(http, request.build());
    }

    /** A request to the path with this client's token, if it has one. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }
}
