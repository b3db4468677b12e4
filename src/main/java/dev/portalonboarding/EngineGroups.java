package dev.portalonboarding;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Staff and auditors' engine groups as Spring authorities, {@code GROUP_<groupId>}: the security module
 * gives them at sign-in (Camunda webapp session or HTTP Basic), the staff endpoints read them back to act
 * as the caller on the engine. Beside them, {@code APP_<app>} for the Camunda webapps the user's grants
 * open, which error pages link back to. Shared here, in the root package, so that no module imports
 * security.
 */
public final class EngineGroups {

    private static final String PREFIX = "GROUP_";
    private static final String WEBAPP_PREFIX = "APP_";

    /** The authority that stands for membership of an engine group. */
    public static String authority(String groupId) {
        return PREFIX + groupId;
    }

    /** The engine groups among the user's authorities, to act as the user on the engine. */
    public static List<String> of(Authentication user) {
        return user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(PREFIX))
                .map(authority -> authority.substring(PREFIX.length()))
                .toList();
    }

    /** The authority that stands for access to a Camunda webapp (tasklist, cockpit, admin). */
    public static String webappAuthority(String app) {
        return WEBAPP_PREFIX + app;
    }

    /** The Camunda webapps the user's grants open, for links back to them. */
    public static List<String> webapps(Authentication user) {
        return user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(WEBAPP_PREFIX))
                .map(authority -> authority.substring(WEBAPP_PREFIX.length()))
                .toList();
    }

    private EngineGroups() {
    }
}
