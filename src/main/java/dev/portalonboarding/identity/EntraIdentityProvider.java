package dev.portalonboarding.identity;

import java.util.Map;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactIdentity;

/**
 * Entra External ID. Tokens come from {@code https://<tenant-id>.ciamlogin.com/<tenant-id>/v2.0}; the
 * user is identified by {@code oid} (immutable, unlike the pairwise {@code sub}) within {@code tid}.
 * Entra sends no {@code email_verified}: the email of a local account is verified by a one-time code at
 * sign-up, so it is trusted. Linking writes the contact id to an extension attribute with Microsoft
 * Graph ({@code PATCH /v1.0/users/{oid}}), which is idempotent, as is {@code accountEnabled} there.
 */
public class EntraIdentityProvider implements IdentityProvider {

    private final RestClient graph;
    private final IdentityProperties.Entra properties;

    /** {@code graph} must authenticate with the app's client-credentials token (see IdentityProviderConfiguration). */
    public EntraIdentityProvider(RestClient graph, IdentityProperties.Entra properties) {
        this.graph = graph;
        this.properties = properties;
    }

    @Override
    public VerifiedIdentity identify(OidcUser user) {
        String tenant = user.getClaimAsString("tid");
        String objectId = user.getClaimAsString("oid");
        String issuer = "https://" + properties.tenantId() + ".ciamlogin.com/" + properties.tenantId() + "/v2.0";
        if (!properties.tenantId().equalsIgnoreCase(tenant) || !issuer.equalsIgnoreCase(String.valueOf(user.getIssuer()))
                || objectId == null) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token",
                    "The token is not from tenant " + properties.tenantId() + " or has no oid", null));
        }
        String email = user.getEmail() != null ? user.getEmail() : user.getPreferredUsername();
        return new VerifiedIdentity(user.getIssuer().toString(), objectId, email, email != null, user.getFullName());
    }

    @Override
    public void linkAccount(Contact contact, VerifiedIdentity identity) {
        graph.patch().uri("/v1.0/users/{oid}", identity.subject())
                .body(Map.of(properties.extensionAttribute(), contact.id().toString()))
                .retrieve().toBodilessEntity();
    }

    @Override
    public void setAccountEnabled(ContactIdentity identity, boolean enabled) {
        try {
            graph.patch().uri("/v1.0/users/{oid}", identity.subject())
                    .body(Map.of("accountEnabled", enabled))
                    .retrieve().toBodilessEntity();
        } catch (HttpClientErrorException.NotFound deleted) {
            // Deleted in the tenant: no account that could sign in
        }
    }

    @Override
    public void deleteAccount(ContactIdentity identity) {
        try {
            graph.delete().uri("/v1.0/users/{oid}", identity.subject()).retrieve().toBodilessEntity();
        } catch (HttpClientErrorException.NotFound deleted) {
            // Deleted already, by an earlier try or in the tenant
        }
    }
}
