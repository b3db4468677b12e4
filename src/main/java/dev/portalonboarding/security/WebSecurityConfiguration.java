package dev.portalonboarding.security;

import java.util.LinkedHashMap;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
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
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import dev.portalonboarding.identity.IdentityProperties;
import dev.portalonboarding.identity.IdentityProvider;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.invitation.InvitationRedemption;
import dev.portalonboarding.portal.InvitationSignIn;
import dev.portalonboarding.portal.ProviderCheckedOidcUserService;
import dev.portalonboarding.portal.SignUpAuthorizationRequests;

/**
 * Every path has an explicit rule. The Camunda webapps authenticate and authorize on their own
 * (session login against the engine's identity service, engine authorizations, their own CSRF
 * filter), so Spring Security lets them through untouched. Portal users sign in over OpenID Connect;
 * scripts use HTTP Basic. Everything not listed is denied.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class WebSecurityConfiguration {

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

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
                                .hasAuthority(CamundaSessionAuthentication.group(CamundaAccessSetup.STAFF_GROUP))
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.realmName("Portal onboarding"))
                .authenticationProvider(new CamundaBasicAuthentication(identity))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain application(HttpSecurity http, ClientRegistrationRepository registrations,
            IdentityProperties identity, IdentityProvider identityProvider, InvitationRedemption redemption,
            InvitationEvents events) throws Exception {
        String signIn = "/oauth2/authorization/" + identity.registrationId();
        InvitationSignIn invitationSignIn = new InvitationSignIn(identityProvider, redemption, events);
        RequestMatcher portal = PATHS.matcher("/portal/**");
        return http
                // Staff and auditors sign in once, in the Camunda webapps; our own endpoints reuse that login
                // Before the anonymous filter, which would otherwise fill the empty context first
                .addFilterBefore(new CamundaSessionAuthentication(), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // The index redirects to the Camunda welcome page
                        .requestMatchers(PATHS.matcher("/")).permitAll()
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        // Exists only in the embedded profile (DevMailbox); 404 elsewhere
                        .requestMatchers(PATHS.matcher("/dev/mailbox")).permitAll()
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
                        .requestMatchers(PATHS.matcher("/error")).permitAll()
                        // Auditors' read-only onboarding history (history package); GET only
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/history/**")).hasAnyAuthority(
                                CamundaSessionAuthentication.group(CamundaAccessSetup.AUDITOR_GROUP),
                                CamundaSessionAuthentication.group(Groups.CAMUNDA_ADMIN))
                        // Per-row CSV of a bulk onboarding (BulkReportController): staff only
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/bulk-onboardings/*/rows.csv"))
                                .hasAuthority(CamundaSessionAuthentication.group(CamundaAccessSetup.STAFF_GROUP))
                        .anyRequest().denyAll())
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
                // Invitation pages carry codes in their URLs: never leak them to other sites
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    /** The portal sends visitors to sign in; everything else just says no. */
    private static AuthenticationEntryPoint entryPoints(RequestMatcher portal, String signIn) {
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
        entryPoints.put(portal, new LoginUrlAuthenticationEntryPoint(signIn));
        DelegatingAuthenticationEntryPoint delegating = new DelegatingAuthenticationEntryPoint(entryPoints);
        delegating.setDefaultEntryPoint(new Http403ForbiddenEntryPoint());
        return delegating;
    }
}
