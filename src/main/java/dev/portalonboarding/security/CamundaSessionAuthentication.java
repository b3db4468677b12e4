package dev.portalonboarding.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.portalonboarding.EngineGroups;

/**
 * Lets our own staff and auditor endpoints use the login of the Camunda webapps: a user signed in
 * to Tasklist, Cockpit or Admin is authenticated for this request with authorities
 * {@link EngineGroups} for their engine groups and {@code APP_<app>} for the webapps they may use.
 * Nothing is stored: the Camunda session stays the only source.
 */
public class CamundaSessionAuthentication extends OncePerRequestFilter {

    private static final String ENGINE = "default";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && SecurityContextHolder.getContext().getAuthentication() == null) {
            Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
            Authentication camunda = authentications.getAuthenticationForProcessEngine(ENGINE);
            if (camunda instanceof UserAuthentication user) {
                List<GrantedAuthority> authorities = new ArrayList<>();
                user.getGroupIds().forEach(groupId -> authorities.add(new SimpleGrantedAuthority(EngineGroups.authority(groupId))));
                user.getAuthorizedApps().forEach(app -> authorities.add(new SimpleGrantedAuthority(EngineGroups.webappAuthority(app))));
                SecurityContextHolder.getContext().setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user.getName(), null, authorities));
            }
        }
        chain.doFilter(request, response);
    }

    /** Error pages, too, know who is signed in: they offer the way back to the webapps the user may open. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
