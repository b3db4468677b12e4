package dev.portalonboarding.security;

import java.net.URI;
import java.util.LinkedHashMap;

import jakarta.servlet.DispatcherType;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.session.DefaultCookieSerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.Http403ForbiddenEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portalonboarding.EngineGroups;
import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.api.ApiAuthenticationProblems;
import dev.portalonboarding.api.ApiClients;
import dev.portalonboarding.api.ApiPaths;
import dev.portalonboarding.api.ApiProperties;
import dev.portalonboarding.identity.DevIdentityProvider;
import dev.portalonboarding.identity.IdentityProperties;
import dev.portalonboarding.identity.IdentityProvider;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.metrics.MetricsProperties;
import dev.portalonboarding.onboarding.InvitationRedemption;
import dev.portalonboarding.portal.InvitationSignIn;
import dev.portalonboarding.portal.ProviderCheckedOidcUserService;
import dev.portalonboarding.portal.SignUpAuthorizationRequests;

/**
 * Every path has an explicit rule. The Camunda webapps authenticate and authorize on their own
 * (session login against the engine's identity service, engine authorizations, their own CSRF
 * filter), so Spring Security lets them through untouched. Portal users sign in over OpenID Connect;
 * scripts use HTTP Basic; machine clients of the API bearer tokens. Everything not listed is denied.
 *
 * <p>The pages this app renders itself get a strict Content-Security-Policy: nothing inline, styles
 * from our own files, forms only to us and the identity provider. Cookies are {@code Secure} when the
 * public base URL is https (TLS may end at a proxy in front), otherwise when the request came over TLS.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class WebSecurityConfiguration {

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    /** The development mailbox (DevMailbox) and its rule exist only in this profile. */
    private static final String EMBEDDED_PROFILE = ProductionSettingsCheck.EMBEDDED_PROFILE;

    /**
     * Swagger UI for the API, a development aid in the embedded profile only: its page and assets are open
     * and get their own Content-Security-Policy, since the page runs its own scripts, sets inline styles and
     * fetches tokens from the development provider. It only calls the API, whose rules apply as ever.
     */
    @Bean
    @Order(-1)
    @Profile(EMBEDDED_PROFILE)
    SecurityFilterChain swaggerUi(HttpSecurity http, DevIdentityProvider development) throws Exception {
        URI token = URI.create(development.tokenUri());
        return http.securityMatcher(new OrRequestMatcher(PATHS.matcher(HttpMethod.GET, ApiPaths.SWAGGER_UI),
                        PATHS.matcher(HttpMethod.GET, ApiPaths.BASE + "/swagger-ui/**"),
                        PATHS.matcher(HttpMethod.GET, ApiPaths.OPENAPI + "/swagger-config")))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; script-src 'self'; "
                                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' "
                                + token.getScheme() + "://" + token.getRawAuthority()
                                + "; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")))
                .build();
    }

    /**
     * The REST API for machine clients: OAuth2 bearer tokens (client credentials) of the trusted identity
     * provider and nothing else. Stateless, so a staff session cookie is no credential here, and HTTP Basic
     * is not accepted; each path needs its scope, everything else is denied. Errors are problem details.
     */
    @Bean
    @Order(0)
    SecurityFilterChain api(HttpSecurity http, ApiProperties api, ApiClients clients,
            ObjectProvider<DevIdentityProvider> development, ObjectMapper json) throws Exception {
        ApiTokens tokens = ApiTokens.trusting(development.getIfAvailable(), api, clients);
        ApiAuthenticationProblems problems = new ApiAuthenticationProblems(json);
        String read = ApiClients.scopeAuthority(ApiClients.SCOPE_READ);
        String write = ApiClients.scopeAuthority(ApiClients.SCOPE_WRITE);
        return http.securityMatcher(PATHS.matcher(ApiPaths.BASE + "/**"))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // The OpenAPI document, public like any API description
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, ApiPaths.OPENAPI)).permitAll()
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, ApiPaths.ONBOARDINGS)).hasAuthority(write)
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, ApiPaths.ONBOARDINGS)).hasAuthority(read)
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, ApiPaths.ONBOARDINGS + "/*")).hasAuthority(read)
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, ApiPaths.ONBOARDINGS + "/*/resend"))
                                .hasAuthority(write)
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, ApiPaths.ONBOARDINGS + "/*/revoke"))
                                .hasAuthority(write)
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, ApiPaths.ONBOARDINGS + "/*/offboard"))
                                .hasAuthority(write)
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, ApiPaths.BULK_ONBOARDINGS)).hasAuthority(write)
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, ApiPaths.BULK_ONBOARDINGS + "/*/start"))
                                .hasAuthority(write)
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, ApiPaths.BULK_ONBOARDINGS + "/*/cancel"))
                                .hasAuthority(write)
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, ApiPaths.BULK_ONBOARDINGS + "/*/rows"))
                                .hasAuthority(read)
                        .anyRequest().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(tokens.decoder()).jwtAuthenticationConverter(tokens.authentication()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // No cookie is a credential here, so there is nothing for cross-site request forgery to ride on
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")))
                .build();
    }

    /**
     * The Prometheus scrape endpoint answers only its own credential (HTTP Basic, onboarding.metrics.*):
     * no session is read or created, so a staff or auditor login in the webapps gets a 401 here like
     * anyone else.
     */
    @Bean
    @Order(-2)
    SecurityFilterChain metricsScraper(HttpSecurity http, MetricsProperties metrics) throws Exception {
        return statelessBasic(http.securityMatcher(EndpointRequest.to(PrometheusScrapeEndpoint.class))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/**"))
                                .hasAuthority(MetricsScraperAuthentication.AUTHORITY)
                        .anyRequest().denyAll()),
                "Portal onboarding metrics", new MetricsScraperAuthentication(metrics)).build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
        // An explicit path matcher: the webapps' REST API runs in Jersey, outside Spring MVC's mappings
        return http.securityMatcher(PATHS.matcher("/camunda/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }

    /**
     * Scripts upload bulk onboarding files (BulkUploadController) with HTTP Basic and nothing else: no
     * session is read or created, so a browser's Camunda login (a session cookie) cannot post here and
     * CSRF has nothing to ride on. Basic credentials a browser may have cached cannot carry a cross-site
     * upload either: forms cannot send text/csv, and other sites' scripts would need CORS, never allowed.
     */
    @Bean
    @Order(2)
    SecurityFilterChain scripts(HttpSecurity http, IdentityService identity) throws Exception {
        return statelessBasic(http.securityMatcher(PATHS.matcher("/bulk-onboardings"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, "/bulk-onboardings"))
                                .hasAuthority(EngineGroups.authority(CamundaAccessSetup.STAFF_GROUP))
                        .anyRequest().denyAll()),
                "Portal onboarding", new CamundaBasicAuthentication(identity)).build();
    }

    /**
     * The per-row CSV of a bulk onboarding (BulkReportController), for staff: from Tasklist's link with
     * the Camunda login, or from a script with the HTTP Basic credentials of its upload (the {@code rowsCsv}
     * it was given). Read-only and stateless: Basic creates no session, and a GET changes nothing a
     * cross-site request could ride on. Anonymous callers get a Basic challenge.
     */
    @Bean
    @Order(3)
    SecurityFilterChain bulkReports(HttpSecurity http, IdentityService identity) throws Exception {
        return statelessBasic(http.securityMatcher(PATHS.matcher("/bulk-onboardings/*/rows.csv"))
                .addFilterBefore(new CamundaSessionAuthentication(), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/bulk-onboardings/*/rows.csv"))
                                .hasAuthority(EngineGroups.authority(CamundaAccessSetup.STAFF_GROUP))
                        .anyRequest().denyAll()),
                "Portal onboarding", new CamundaBasicAuthentication(identity)).build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain application(HttpSecurity http, ClientRegistrationRepository registrations,
            IdentityProperties identity, IdentityProvider identityProvider, InvitationRedemption redemption,
            InvitationEvents events, OnboardingProperties properties, Environment environment) throws Exception {
        String signIn = "/oauth2/authorization/" + identity.registrationId();
        boolean embedded = environment.acceptsProfiles(Profiles.of(EMBEDDED_PROFILE));
        InvitationSignIn invitationSignIn = new InvitationSignIn(redemption, events);
        RequestMatcher portal = PATHS.matcher("/portal/**");
        return http
                // Staff and auditors sign in once, in the Camunda webapps; our own endpoints reuse that login
                // Before the anonymous filter, which would otherwise fill the empty context first
                .addFilterBefore(new CamundaSessionAuthentication(), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> {
                    if (embedded) {
                        // The development mailbox (DevMailbox); in other profiles neither page nor rule exists
                        requests.requestMatchers(PATHS.matcher(HttpMethod.GET, "/dev/mailbox")).permitAll();
                        requests.requestMatchers(PATHS.matcher(HttpMethod.GET, "/dev/mailbox/*/html")).permitAll();
                    }
                    requests
                        // Error pages are rendered for a refused or failed request; /error itself is not a page
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // The index redirects to the Camunda welcome page
                        .requestMatchers(PATHS.matcher("/")).permitAll()
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        // The stylesheets of our pages (static/css, BrandingStylesheet) and the logo (PortalBranding)
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/css/*.css")).permitAll()
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/branding/*")).permitAll()
                        // The emailed link: reading is open to anyone holding a code, and changes nothing
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/invitations/**")).permitAll()
                        .requestMatchers(PATHS.matcher(HttpMethod.HEAD, "/invitations/**")).permitAll()
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, "/invitations/accept")).permitAll()
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, "/invitations/another-account")).permitAll()
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, "/invitations/request-new")).permitAll()
                        // The OpenID Connect round trip, handled by Spring Security's filters
                        .requestMatchers(PATHS.matcher("/oauth2/authorization/**")).permitAll()
                        .requestMatchers(PATHS.matcher("/login/oauth2/code/**")).permitAll()
                        .requestMatchers(PATHS.matcher("/portal/signed-out")).permitAll()
                        // Portal users only: signed in at the identity provider, not staff via Camunda
                        .requestMatchers(PATHS.matcher("/portal")).access((authentication, context) ->
                                new AuthorizationDecision(authentication.get() instanceof OAuth2AuthenticationToken))
                        // Auditors' read-only onboarding history (history package); GET only
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/history/**")).hasAnyAuthority(
                                EngineGroups.authority(CamundaAccessSetup.AUDITOR_GROUP),
                                EngineGroups.authority(Groups.CAMUNDA_ADMIN))
                        // The staff's Onboardings view in Tasklist (staffview package); GET only: its actions
                        // are process starts through the webapps' engine API
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/staff/onboardings"))
                                .hasAuthority(EngineGroups.authority(CamundaAccessSetup.STAFF_GROUP))
                        .anyRequest().denyAll();
                })
                .oauth2Login(login -> login
                        .loginPage(signIn)
                        .authorizationEndpoint(endpoint -> endpoint
                                .authorizationRequestResolver(new SignUpAuthorizationRequests(registrations, identity)))
                        .userInfoEndpoint(userInfo -> userInfo
                                .oidcUserService(new ProviderCheckedOidcUserService(identityProvider)))
                        .successHandler(invitationSignIn)
                        .failureHandler(invitationSignIn))
                .logout(logout -> logout
                        .logoutRequestMatcher(PATHS.matcher(HttpMethod.POST, "/portal/sign-out"))
                        .logoutSuccessUrl("/portal/signed-out"))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoints(portal, signIn)))
                // The token in a cookie, not the session: a mail scanner's GET of an invitation link, which
                // renders the accept form, must not create a session row. The session begins at Accept.
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie(properties)))
                .headers(headers -> headers
                        // Invitation pages carry codes in their URLs: never leak them to other sites
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(registrations, identity))))
                .build();
    }

    /**
     * Nothing inline and nothing from elsewhere; forms post to us, and the accept click's redirects go on
     * to the identity provider's sign-in page (browsers check form-action along the redirects).
     */
    static String contentSecurityPolicy(ClientRegistrationRepository registrations, IdentityProperties identity) {
        URI provider = URI.create(registrations.findByRegistrationId(identity.registrationId())
                .getProviderDetails().getAuthorizationUri());
        String providerOrigin = provider.getScheme() + "://" + provider.getRawAuthority();
        return "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' " + providerOrigin
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    private static CookieCsrfTokenRepository csrfCookie(OnboardingProperties properties) {
        CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
        // Not XSRF-TOKEN, the Camunda webapps' own CSRF cookie
        repository.setCookieName("ONBOARDING-CSRF");
        repository.setCookieCustomizer(cookie -> {
            cookie.sameSite("Lax");
            if (behindTls(properties)) {
                cookie.secure(true);
            }
        });
        return repository;
    }

    /** The session cookie of Spring Session; without this it is Secure only for requests that came over TLS. */
    @Bean
    DefaultCookieSerializerCustomizer secureSessionCookie(OnboardingProperties properties) {
        return serializer -> {
            if (behindTls(properties)) {
                serializer.setUseSecureCookie(true);
            }
        };
    }

    private static boolean behindTls(OnboardingProperties properties) {
        return "https".equalsIgnoreCase(properties.publicBaseUrl().getScheme());
    }

    /** The portal sends visitors to sign in; everything else just says no. */
    private static AuthenticationEntryPoint entryPoints(RequestMatcher portal, String signIn) {
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
        LoginUrlAuthenticationEntryPoint signInFirst = new LoginUrlAuthenticationEntryPoint(signIn);
        // A relative Location: an absolute one would be built from the request's Host
        signInFirst.setFavorRelativeUris(true);
        entryPoints.put(portal, signInFirst);
        DelegatingAuthenticationEntryPoint delegating = new DelegatingAuthenticationEntryPoint(entryPoints);
        delegating.setDefaultEntryPoint(new Http403ForbiddenEntryPoint());
        return delegating;
    }

    /**
     * A chain whose only credential is HTTP Basic against {@code provider}: no session read or created, so no
     * CSRF to ride on and no request to replay after a login; its answers are never a page to render.
     */
    private static HttpSecurity statelessBasic(HttpSecurity http, String realm, AuthenticationProvider provider)
            throws Exception {
        return http.httpBasic(basic -> basic.realmName(realm))
                .authenticationProvider(provider)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")));
    }
}
