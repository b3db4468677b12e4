package dev.portalonboarding.security;

import java.net.URI;
import java.util.LinkedHashMap;

import jakarta.servlet.DispatcherType;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.session.DefaultCookieSerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
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
import org.springframework.security.web.util.matcher.RequestMatcher;

import dev.portalonboarding.EngineGroups;
import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.identity.IdentityProperties;
import dev.portalonboarding.identity.IdentityProvider;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.onboarding.InvitationRedemption;
import dev.portalonboarding.portal.InvitationSignIn;
import dev.portalonboarding.portal.ProviderCheckedOidcUserService;
import dev.portalonboarding.portal.SignUpAuthorizationRequests;

/**
 * Every path has an explicit rule. The Camunda webapps authenticate and authorize on their own
 * (session login against the engine's identity service, engine authorizations, their own CSRF
 * filter), so Spring Security lets them through untouched. Portal users sign in over OpenID Connect;
 * scripts use HTTP Basic. Everything not listed is denied.
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
        return http.securityMatcher(PATHS.matcher("/bulk-onboardings"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, "/bulk-onboardings"))
                                .hasAuthority(EngineGroups.authority(CamundaAccessSetup.STAFF_GROUP))
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.realmName("Portal onboarding"))
                .authenticationProvider(new CamundaBasicAuthentication(identity))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain application(HttpSecurity http, ClientRegistrationRepository registrations,
            IdentityProperties identity, IdentityProvider identityProvider, InvitationRedemption redemption,
            InvitationEvents events, OnboardingProperties properties, Environment environment) throws Exception {
        String signIn = "/oauth2/authorization/" + identity.registrationId();
        boolean embedded = environment.acceptsProfiles(Profiles.of(EMBEDDED_PROFILE));
        InvitationSignIn invitationSignIn = new InvitationSignIn(identityProvider, redemption, events);
        RequestMatcher portal = PATHS.matcher("/portal/**");
        return http
                // Staff and auditors sign in once, in the Camunda webapps; our own endpoints reuse that login
                // Before the anonymous filter, which would otherwise fill the empty context first
                .addFilterBefore(new CamundaSessionAuthentication(), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> {
                    if (embedded) {
                        // The development mailbox (DevMailbox); in other profiles neither page nor rule exists
                        requests.requestMatchers(PATHS.matcher(HttpMethod.GET, "/dev/mailbox")).permitAll();
                    }
                    requests
                        // Error pages are rendered for a refused or failed request; /error itself is not a page
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // The index redirects to the Camunda welcome page
                        .requestMatchers(PATHS.matcher("/")).permitAll()
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        // The stylesheets of our pages (static/css)
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/css/*.css")).permitAll()
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
                        // Per-row CSV of a bulk onboarding (BulkReportController): staff only
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/bulk-onboardings/*/rows.csv"))
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
}
