package dev.portalonboarding.support;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser over plain HTTP: one cookie jar, redirects followed one step at a time so tests can look
 * at each hop. Links on the public base URL are sent to the test server, as DNS would.
 */
public class PortalBrowser {

    private static final String PUBLIC_BASE_URL = "https://portal.example.test";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String appBaseUrl;
    private final LocalhostCookieManager cookies = new LocalhostCookieManager();
    private final HttpClient http;

    public PortalBrowser(int port) {
        this.appBaseUrl = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Forgets every cookie, as another person's browser would arrive: no session, no CSRF cookie. */
    public void clearCookies() {
        cookies.getCookieStore().removeAll();
    }

    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(uri(url)).GET().build());
    }

    public HttpResponse<String> head(String url) {
        return send(HttpRequest.newBuilder(uri(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Submits a form of the page, with the page's CSRF token as the browser would. */
    public HttpResponse<String> submit(HttpResponse<String> page, String action, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        Matcher csrf = CSRF.matcher(page.body());
        if (csrf.find()) {
            form.put("_csrf", csrf.group(1));
        }
        return post(action, form);
    }

    public HttpResponse<String> post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Follows one redirect. */
    public HttpResponse<String> follow(HttpResponse<String> redirect) {
        String location = redirect.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("No redirect: " + redirect.statusCode() + " " + redirect.body()));
        return get(redirect.uri().resolve(location).toString());
    }

    /** Signs in at the development provider's login form, as a person typing email and name. */
    public HttpResponse<String> signInAtProvider(HttpResponse<String> authorizationRedirect, String email, String name) {
        String authorizationUrl = authorizationRedirect.headers().firstValue("Location").orElseThrow();
        return post(authorizationUrl, Map.of(
                "username", "dev-" + email.toLowerCase(),
                "claims", "{\"email\":\"" + email + "\",\"name\":\"" + name + "\",\"email_verified\":true}"));
    }

    public static Map<String, String> queryOf(String url) {
        String query = URI.create(url).getRawQuery();
        return Arrays.stream(query.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0],
                        pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "",
                        (first, second) -> first, LinkedHashMap::new));
    }

    private URI uri(String url) {
        if (url.startsWith(PUBLIC_BASE_URL)) {
            return URI.create(appBaseUrl + url.substring(PUBLIC_BASE_URL.length()));
        }
        return URI.create(url.startsWith("/") ? appBaseUrl + url : url);
    }

    private HttpResponse<String> send(HttpRequest request) {
        return HttpExchange.send(http, request);
    }
}
