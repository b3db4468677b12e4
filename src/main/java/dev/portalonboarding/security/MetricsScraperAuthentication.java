package dev.portalonboarding.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.portalonboarding.metrics.MetricsProperties;

/**
 * HTTP Basic for the Prometheus scraper: one configured user, no engine user, no session. Production
 * requires the password (ProductionSettingsCheck); elsewhere, if none is set, one is generated per start
 * and logged once, as Spring Boot does for its default user.
 */
class MetricsScraperAuthentication implements AuthenticationProvider {

    static final String AUTHORITY = "METRICS_SCRAPER";

    private static final Logger LOG = LoggerFactory.getLogger(MetricsScraperAuthentication.class);

    private final byte[] username;
    private final byte[] password;

    MetricsScraperAuthentication(MetricsProperties properties) {
        String configured = properties.password();
        if (configured.isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            configured = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            LOG.info("Generated password of the metrics user '{}' for this run: {}", properties.username(), configured);
        }
        this.username = properties.username().getBytes(StandardCharsets.UTF_8);
        this.password = configured.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Authentication authenticate(Authentication credentials) {
        Object given = credentials.getCredentials();
        // Both compared, in constant time, whatever the first says
        boolean userMatches = MessageDigest.isEqual(username, credentials.getName().getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches = given != null
                && MessageDigest.isEqual(password, given.toString().getBytes(StandardCharsets.UTF_8));
        if (!(userMatches & passwordMatches)) {
            throw new BadCredentialsException("Wrong user or password");
        }
        return UsernamePasswordAuthenticationToken.authenticated(credentials.getName(), null,
                List.of(new SimpleGrantedAuthority(AUTHORITY)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
