package dev.portalonboarding.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.portalonboarding.EngineGroups;

/**
 * HTTP Basic for scripts, against the engine's users: the password as the Camunda webapps check it
 * (with the engine's growing delay and lock-out after wrong passwords), and the user's engine groups as
 * the same {@link EngineGroups} authorities that {@link CamundaSessionAuthentication} gives.
 */
class CamundaBasicAuthentication implements AuthenticationProvider {

    private final IdentityService identity;

    CamundaBasicAuthentication(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Authentication authenticate(Authentication credentials) {
        String userId = credentials.getName();
        Object password = credentials.getCredentials();
        if (userId.isEmpty() || password == null || !identity.checkPassword(userId, password.toString())) {
            throw new BadCredentialsException("Wrong user or password");
        }
        List<GrantedAuthority> groups = identity.createGroupQuery().groupMember(userId).list().stream()
                .<GrantedAuthority>map(group -> new SimpleGrantedAuthority(EngineGroups.authority(group.getId())))
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, groups);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
