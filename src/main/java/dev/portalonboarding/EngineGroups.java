package dev.portalonboarding;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Staff and auditors' engine groups as Spring authorities, {@code GROUP_<groupId>}: the security module
 * gives them at sign-in (Camunda webapp session or HTTP Basic), the staff endpoints read them back to act
 * as the caller on the engine. Shared here, in the root package, so that no module imports security.
 */
public final class EngineGroups {

    private static final String PREFIX = "GROUP_";

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

    private EngineGroups() {
    }
}
