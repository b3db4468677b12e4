package dev.portalonboarding.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactIdentity;

/**
 * Keycloak 26. The user is identified by {@code sub}, which is Keycloak's user id; Keycloak says
 * whether it verified the email ({@code email_verified}). Linking sets the user attribute
 * {@code contact_id} and adds the group {@code portal-users} through the Admin REST API, as a
 * service account; both steps can be repeated safely. Offboarding sets the user's {@code enabled}.
 */
public class KeycloakIdentityProvider implements IdentityProvider {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_ARRAY = new ParameterizedTypeReference<>() {
    };

    private final RestClient admin;
    private final IdentityProperties.Keycloak properties;

    /** {@code admin} must authenticate as the service account (see IdentityProviderConfiguration). */
    public KeycloakIdentityProvider(RestClient admin, IdentityProperties.Keycloak properties) {
        this.admin = admin;
        this.properties = properties;
    }

    /** Only tokens of the configured realm count (no issuer discovery runs, so it is checked here). */
    @Override
    public VerifiedIdentity identify(OidcUser user) {
        if (!properties.issuer().toString().equals(String.valueOf(user.getIssuer()))) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token",
                    "The token is not from " + properties.issuer(), null));
        }
        return new VerifiedIdentity(user.getIssuer().toString(), user.getSubject(), user.getEmail(),
                Boolean.TRUE.equals(user.getEmailVerified()), user.getFullName());
    }

    @Override
    public void linkAccount(Contact contact, VerifiedIdentity identity) {
        String userPath = "/admin/realms/{realm}/users/{id}";
        Map<String, Object> user = new LinkedHashMap<>(admin.get().uri(userPath, properties.realm(), identity.subject())
                .retrieve().body(JSON_OBJECT));
        // The user profile validates the whole user on update, and PUT replaces all attributes: send it all back
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (user.get("attributes") instanceof Map<?, ?> existing) {
            existing.forEach((name, values) -> attributes.put((String) name, values));
        }
        attributes.put(properties.contactAttribute(), List.of(contact.id().toString()));
        user.put("attributes", attributes);
        admin.put().uri(userPath, properties.realm(), identity.subject())
                .body(user)
                .retrieve().toBodilessEntity();

        admin.put().uri("/admin/realms/{realm}/users/{id}/groups/{groupId}", properties.realm(), identity.subject(),
                        groupId())
                .retrieve().toBodilessEntity();
    }

    @Override
    public void setAccountEnabled(ContactIdentity identity, boolean enabled) {
        String userPath = "/admin/realms/{realm}/users/{id}";
        Map<String, Object> user;
        try {
            user = new LinkedHashMap<>(admin.get().uri(userPath, properties.realm(), identity.subject())
                    .retrieve().body(JSON_OBJECT));
        } catch (HttpClientErrorException.NotFound deleted) {
            return; // deleted in the realm: no account that could sign in
        }
        // The whole user again, as in linkAccount: the user profile refuses a partial one
        user.put("enabled", enabled);
        admin.put().uri(userPath, properties.realm(), identity.subject())
                .body(user)
                .retrieve().toBodilessEntity();
    }

    @Override
    public void deleteAccount(ContactIdentity identity) {
        try {
            admin.delete().uri("/admin/realms/{realm}/users/{id}", properties.realm(), identity.subject())
                    .retrieve().toBodilessEntity();
        } catch (HttpClientErrorException.NotFound deleted) {
            // Deleted already, by an earlier try or in the realm
        }
    }

    private String groupId() {
        List<Map<String, Object>> groups = admin.get()
                .uri("/admin/realms/{realm}/groups?search={name}&exact=true", properties.realm(), properties.group())
                .retrieve().body(JSON_ARRAY);
        return new ArrayList<>(groups == null ? List.of() : groups).stream()
                .filter(group -> properties.group().equals(group.get("name")))
                .map(group -> (String) group.get("id"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Keycloak realm " + properties.realm()
                        + " has no group " + properties.group()));
    }
}
