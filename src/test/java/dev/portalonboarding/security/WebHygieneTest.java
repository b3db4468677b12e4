package dev.portalonboarding.security;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.SEND_INVITATION_EMAIL;
import static dev.portalonboarding.support.HttpExchange.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portalonboarding.support.CamundaWebappClient;
import dev.portalonboarding.support.OnboardingTestBase;
import dev.portalonboarding.support.PortalBrowser;
import dev.portalonboarding.support.RawHttp;
import dev.portalonboarding.support.ScriptClient;

/**
 * The app's own pages and endpoints as a hostile client or a mail scanner meets them, over real HTTP:
 * a strict Content-Security-Policy, redirects that ignore the request's Host and untrusted forwarded
 * headers, no session before the accept click, Secure cookies behind TLS, and 4xx (never 500) without
 * class names for malformed requests.
 */
class WebHygieneTest extends OnboardingTestBase {

    private static final String STAFF = "hygienestaff";
    private static final String AUDITOR = "hygieneauditor";
    /** A fully qualified class name or an exception's simple name. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[a-z]+(\\.[a-z0-9]+)+\\.[A-Z]\\w+|\\w+Exception\\b");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void users() {
        user(STAFF, CamundaAccessSetup.STAFF_GROUP);
        user(AUDITOR, CamundaAccessSetup.AUDITOR_GROUP);
    }

    @Test
    void everyPageWeRenderHasAStrictContentSecurityPolicyAndNoInlineStyleOrScript() {
        String link = URI.create(invitationLink()).getPath();
        HttpClient browser = HttpClient.newHttpClient();
        List<HttpResponse<String>> pages = List.of(link, "/invitations/not-a-code", "/portal/signed-out",
                "/no-such-page", "/invitations/unavailable", "/error").stream()
                .map(path -> send(browser, HttpRequest.newBuilder(local(path)).header("Accept", "text/html").GET().build()))
                .toList();

        for (HttpResponse<String> page : pages) {
            assertThat(page.headers().firstValue("Content-Type")).as(page.uri().toString()).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(page.uri().toString())
                    .hasValueSatisfying(policy -> assertThat(policy)
                            .contains("default-src 'none'", "style-src 'self'", "frame-ancestors 'none'",
                                    "base-uri 'none'", "form-action 'self'")
                            .doesNotContain("unsafe-inline", "unsafe-eval"));
            assertThat(page.body()).as(page.uri().toString()).doesNotContain("<style", "<script", " style=");
        }
        for (String asset : List.of("/css/portal.css", "/css/branding.css")) {
            HttpResponse<String> stylesheet = send(browser, HttpRequest.newBuilder(local(asset)).GET().build());
            assertThat(stylesheet.statusCode()).isEqualTo(200);
            assertThat(stylesheet.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/css"));
        }
        assertThat(send(browser, HttpRequest.newBuilder(local("/css/branding.css")).GET().build()).body())
                .isEqualTo(":root { --primary: #6b2c91; }\n");
        // The logo comes from this app, under the same policy: an SVG's scripts would not run
        HttpResponse<String> logo = send(browser, HttpRequest.newBuilder(local("/branding/contoso-logo.svg")).GET().build());
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("default-src 'none'", "img-src 'self'"));
    }

    /** A refused page offers a way back: to the webapps the Camunda user's grants open, else the start page. */
    @Test
    void aRefusedPageLeadsBackToWhatTheVisitorMayOpen() {
        CamundaWebappClient staff = new CamundaWebappClient(port);
        assertThat(staff.login("tasklist", STAFF, PASSWORD)).isEqualTo(200);
        CamundaWebappClient auditor = new CamundaWebappClient(port);
        assertThat(auditor.login("cockpit", AUDITOR, PASSWORD)).isEqualTo(200);

        RawHttp.Response staffRefused = page("/history/onboardings", staff.cookieHeader());
        RawHttp.Response auditorRefused = page("/bulk-onboardings/" + UUID.randomUUID() + "/rows.csv",
                auditor.cookieHeader());
        RawHttp.Response anonymousRefused = page("/history/onboardings", null);

        assertThat(List.of(staffRefused, auditorRefused, anonymousRefused)).allSatisfy(refused -> {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains("This page is not available", "error 403");
        });
        assertThat(staffRefused.body()).contains("href=\"/camunda/app/tasklist/\"", "Open Tasklist")
                .doesNotContain("/camunda/app/cockpit/", "href=\"/\"");
        assertThat(auditorRefused.body()).contains("href=\"/camunda/app/cockpit/\"", "Open Cockpit")
                .doesNotContain("/camunda/app/tasklist/", "href=\"/\"");
        assertThat(anonymousRefused.body()).contains("href=\"/\"", "Go to the start page")
                .doesNotContain("/camunda/app/");
    }

    private RawHttp.Response page(String path, String cookies) {
        Map<String, String> headers = new HashMap<>(Map.of("Accept", "text/html"));
        if (cookies != null) {
            headers.put("Cookie", cookies);
        }
        return RawHttp.fromFreshAddress(port).get(path, headers);
    }

    @Test
    void redirectsNeverPointAtTheRequestsHostOrAnUntrustedProxysForwardedHost() {
        for (String path : List.of("/", "/portal")) {
            RawHttp.Response plain = RawHttp.fromFreshAddress(port).get(path, Map.of("Host", "evil.example"));
            RawHttp.Response forwarded = RawHttp.fromFreshAddress(port).get(path, Map.of("X-Forwarded-Host",
                    "evil.example", "X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.9"));

            for (RawHttp.Response response : List.of(plain, forwarded)) {
                assertThat(response.status()).as(path).isEqualTo(302);
                assertThat(response.header("Location")).as(path).hasValueSatisfying(location ->
                        assertThat(location).startsWith("/").doesNotContain("evil.example"));
            }
        }
    }

    @Test
    void fetchingAnInvitationLinkWithGetOrHeadCreatesNoSessionTheAcceptClickDoes() {
        String link = invitationLink();
        String path = URI.create(link).getPath();
        HttpClient cookieless = HttpClient.newHttpClient();
        long sessionsBefore = sessions();

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> get = send(cookieless, HttpRequest.newBuilder(local(path)).GET().build());
            HttpResponse<String> head = send(cookieless, HttpRequest.newBuilder(local(path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(get.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("SESSION="));
        }
        send(cookieless, HttpRequest.newBuilder(local("/invitations/unknown-code")).GET().build());

        assertThat(sessions()).as("rows in onboarding.spring_session").isEqualTo(sessionsBefore);

        PortalBrowser browser = new PortalBrowser(port);
        HttpResponse<String> landing = browser.get(link);
        HttpResponse<String> accepted = browser.submit(landing, "/invitations/accept",
                Map.of("code", path.substring(path.lastIndexOf('/') + 1)));
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/oauth2/authorization/portal"));
        assertThat(sessions()).isEqualTo(sessionsBefore + 1);
    }

    @Test
    void anAcceptWithoutTheFormsCsrfTokenIsRefused() {
        String link = invitationLink();
        PortalBrowser browser = new PortalBrowser(port);
        browser.get(link);

        HttpResponse<String> forged = browser.post("/invitations/accept",
                Map.of("code", link.substring(link.lastIndexOf('/') + 1)));

        assertThat(forged.statusCode()).isEqualTo(403);
    }

    /** The public base URL is https (application-test.yml): the session cookie is Secure even over this plain hop. */
    @Test
    void theSessionCookieIsSecureBehindTls() {
        String link = invitationLink();
        PortalBrowser browser = new PortalBrowser(port);
        HttpResponse<String> landing = browser.get(link);

        HttpResponse<String> accepted = browser.submit(landing, "/invitations/accept",
                Map.of("code", link.substring(link.lastIndexOf('/') + 1)));

        assertThat(accepted.headers().allValues("Set-Cookie")).filteredOn(cookie -> cookie.startsWith("SESSION="))
                .singleElement().asString().contains("; Secure", "; HttpOnly");
        assertThat(landing.headers().allValues("Set-Cookie")).allSatisfy(
                cookie -> assertThat(cookie).contains("; Secure", "; HttpOnly"));
    }

    @Test
    void malformedRequestsToOurEndpointsAreClientErrorsWithoutClassNames() {
        HttpClient http = HttpClient.newHttpClient();
        CamundaWebappClient auditor = new CamundaWebappClient(port);
        assertThat(auditor.login("cockpit", AUDITOR, PASSWORD)).isEqualTo(200);

        List<HttpResponse<String>> refusals = new java.util.ArrayList<>();
        refusals.add(send(http, HttpRequest.newBuilder(local("/error")).GET().build()));
        refusals.add(send(http, HttpRequest.newBuilder(local("/error")).header("Accept", "application/json").GET().build()));
        refusals.add(send(http, HttpRequest.newBuilder(local("/oauth2/authorization/unknown")).GET().build()));
        refusals.add(send(http, HttpRequest.newBuilder(local("/login/oauth2/code/portal?error=x%0D%0AINFO+forged&state=s"))
                .GET().build()));
        refusals.add(send(http, HttpRequest.newBuilder(local("/login/oauth2/code/portal?code=abc&state=unknown")).GET().build()));
        refusals.add(send(http, HttpRequest.newBuilder(local("/login/oauth2/code/portal?code=abc")).GET().build()));
        refusals.add(ScriptClient.as(port, STAFF, PASSWORD).post("/bulk-onboardings", "multipart/form-data",
                "--x\r\n".getBytes(StandardCharsets.UTF_8)));
        refusals.add(ScriptClient.as(port, STAFF, PASSWORD).post("/bulk-onboardings",
                "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data\r\n\r\nno end".getBytes(StandardCharsets.UTF_8)));
        for (String query : List.of("page=2147483647", "page=2147483647&size=500", "page=-1", "size=0", "size=100000",
                "page=abc", "size=99999999999", "from=not-a-date", "to=2024-13-45", "outcome=NOPE")) {
            refusals.add(auditor.get("/history/onboardings?" + query));
        }
        refusals.add(auditor.get("/history/onboardings.csv?from=yesterday"));

        for (HttpResponse<String> refusal : refusals) {
            assertThat(refusal.statusCode()).as(refusal.uri() + " " + refusal.body()).isBetween(300, 499);
            assertThat(refusal.body()).as(refusal.uri().toString()).doesNotContainPattern(CLASS_NAME);
        }
        assertThat(refusals.get(2).statusCode()).as("unknown registration").isEqualTo(404);
        assertThat(auditor.get("/history/onboardings?page=2147483647").body()).contains("page");
    }

    private String invitationLink() {
        String email = uniqueEmail("hygiene");
        execute(job(SEND_INVITATION_EMAIL, startOnboarding(onboardingForm(email))));
        return linkFromLatestMail(email);
    }

    private long sessions() {
        return jdbc.sql("select count(*) from onboarding.spring_session").query(Long.class).single();
    }

    private URI local(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
