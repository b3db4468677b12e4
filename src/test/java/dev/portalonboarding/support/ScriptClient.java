package dev.portalonboarding.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Calls the service as a script does: HTTP Basic on every request (or nothing), no cookies. */
public final class ScriptClient {

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private ScriptClient(int port, String authorization) {
        this.baseUrl = "http://localhost:" + port;
        this.authorization = authorization;
    }

    public static ScriptClient as(int port, String username, String password) {
        return new ScriptClient(port, "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public static ScriptClient anonymous(int port) {
        return new ScriptClient(port, null);
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** A GET as Prometheus scrapes: the text exposition format. */
    public HttpResponse<String> scrape(String path) {
        return send(request(path, "text/plain;version=0.0.4").GET());
    }

    private HttpRequest.Builder request(String path) {
        return request(path, "application/json");
    }

    private HttpRequest.Builder request(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", accept);
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return HttpExchange.send(http, request.build());
    }
}
