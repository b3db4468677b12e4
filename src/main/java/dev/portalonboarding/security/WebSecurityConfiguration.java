package dev.portalonboarding.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Every path has an explicit rule. The Camunda webapps authenticate and authorize on their own
 * (session login against the engine's identity service, engine authorizations, their own CSRF
 * filter), so Spring Security lets them through untouched; everything not listed is denied.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class WebSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
        // An explicit path matcher: the webapps' REST API runs in Jersey, outside Spring MVC's mappings
        return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/camunda/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain application(HttpSecurity http) throws Exception {
        return http
                // Staff and auditors sign in once, in the Camunda webapps; our own endpoints reuse that login.
                // Before the anonymous filter, which would otherwise fill the context first.
                .addFilterBefore(new CamundaSessionAuthentication(), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // The index redirects to the Camunda welcome page
                        .requestMatchers("/").permitAll()
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        // Exists only in the embedded profile (DevMailbox); 404 elsewhere
                        .requestMatchers("/dev/mailbox", "/dev/mailbox/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        // Per-row CSV of a bulk onboarding (BulkReportController): staff only
                        .requestMatchers(HttpMethod.GET, "/bulk-onboardings/*/rows.csv")
                                .hasAuthority(CamundaSessionAuthentication.group(CamundaAccessSetup.STAFF_GROUP))
                        .anyRequest().denyAll())
                .build();
    }
}
