package dev.portalonboarding.support;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import dev.portalonboarding.onboarding.OnboardingProcess;

/**
 * Talks to the Camunda webapps over HTTP the way the browser apps do: session cookie plus the
 * webapp's CSRF token, which it hands out on a GET and expects back in X-XSRF-TOKEN.
 */
public class CamundaWebappClient {

    private final String baseUrl;
    private final CookieManager cookies = new LocalhostCookieManager();
    private final HttpClient http;

    public CamundaWebappClient(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Logs in to one webapp (tasklist, cockpit, admin); the status says whether the user may use it. */
    public int login(String app, String username, String password) {
        get("/camunda/app/" + app + "/default/");
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        int status = send(withCsrf(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build()).statusCode();
        // Login starts a new session; like the browser app, fetch the new session's CSRF token
        get("/camunda/api/admin/auth/user/default");
        return status;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET().build());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return post(path, "application/json", json);
    }

    /** A POST with the session and its CSRF token, as the webapps' own scripts send. */
    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(withCsrf(HttpRequest.newBuilder(uri(path)))
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Any method with a JSON body (none if null), the session and its CSRF token. */
    public HttpResponse<String> send(String method, String path, String json) {
        return send(method, path, "application/json", json);
    }

    /** Any method with the session and its CSRF token; a null body sends none. */
    public HttpResponse<String> send(String method, String path, String contentType, String body) {
        return send(withCsrf(HttpRequest.newBuilder(uri(path)))
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** A POST with the session but without the CSRF token, as another site's form would send it. */
    public HttpResponse<String> postWithoutCsrfToken(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** The session's cookies as a Cookie header, for requests sent another way (RawHttp). */
    public String cookieHeader() {
        return String.join("; ", cookies.getCookieStore().getCookies().stream()
                .map(cookie -> cookie.getName() + "=" + cookie.getValue()).toList());
    }

    /** Starts an onboarding with the body Tasklist sends for the Camunda Form (roles as Json, like the checklist). */
    public HttpResponse<String> submitOnboardingStartForm(String email) {
        return submitOnboardingStartForm(email, "");
    }

    /** The same with more variables, such as {@code ,"startedBy": {"value": "admin", "type": "String"}}. */
    public HttpResponse<String> submitOnboardingStartForm(String email, String moreVariables) {
        return postJson("/camunda/api/engine/engine/default/process-definition/key/" + OnboardingProcess.PROCESS_KEY
                + "/submit-form", """
                {"variables": {
                  "firstName": {"value": "Grace", "type": "String"},
                  "lastName": {"value": "Hopper", "type": "String"},
                  "email": {"value": "%s", "type": "String"},
                  "company": {"value": "Navy", "type": "String"},
                  "language": {"value": "en", "type": "String"},
                  "validityDays": {"value": 7, "type": "Long"},
                  "roles": {"value": "[\\"portal-user\\"]", "type": "Json"}%s
                }}""".formatted(email, moreVariables));
    }

    private HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
        cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .reduce((first, second) -> second)
                .ifPresent(token -> request.header("X-XSRF-TOKEN", token));
        return request;
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        return HttpExchange.send(http, request);
    }
}
