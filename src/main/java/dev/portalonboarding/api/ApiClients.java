package dev.portalonboarding.api;

import java.util.List;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

import dev.portalonboarding.EngineGroups;
import dev.portalonboarding.bulk.UploaderGroups;
import dev.portalonboarding.onboarding.Actor;

/**
 * A machine client as the engine sees it: the user {@code client:<client id>} with the engine groups of
 * its configuration (ApiProperties), so engine authorizations apply and the history names the client.
 */
@Component
public class ApiClients implements UploaderGroups {

    /** The engine group API clients act in by default; CamundaAccessSetup gives it staff's start grants. */
    public static final String GROUP = "onboarding-api-clients";

    public static final String SCOPE_READ = "onboarding.read";
    public static final String SCOPE_WRITE = "onboarding.write";
    /** Reads the IP addresses and user agents in a timeline. */
    public static final String SCOPE_AUDIT = "onboarding.audit";

    private static final String USER_PREFIX = "client:";

    private final ApiProperties properties;

    ApiClients(ApiProperties properties) {
        this.properties = properties;
    }

    /** Spring Security's authority for a granted scope. */
    public static String scopeAuthority(String scope) {
        return "SCOPE_" + scope;
    }

    /** The engine user id of a client. */
    public static String userId(String clientId) {
        return USER_PREFIX + clientId;
    }

    /** The engine groups of a client (by client id). */
    public List<String> groupsOfClient(String clientId) {
        return properties.groupsOf(clientId);
    }

    /** A bulk uploaded through the API starts its onboardings with the client's configured groups. */
    @Override
    public Optional<List<String>> groupsOf(String uploader) {
        return uploader.startsWith(USER_PREFIX)
                ? Optional.of(groupsOfClient(uploader.substring(USER_PREFIX.length())))
                : Optional.empty();
    }

    /** The signed-in client as the actor of the facade and the engine. */
    static Actor actor(Authentication client) {
        return new Actor(client.getName(), EngineGroups.of(client));
    }

    static boolean mayAudit(Authentication client) {
        return client.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(scopeAuthority(SCOPE_AUDIT)::equals);
    }
}
