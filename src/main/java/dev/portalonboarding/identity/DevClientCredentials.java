package dev.portalonboarding.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;

import no.nav.security.mock.oauth2.OAuth2Exception;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;

/**
 * DEVELOPMENT ONLY: the development provider's client-credentials grant for its configured clients. A
 * client proves its secret (Basic or form) and gets the scopes it asks for among its own (all of them
 * when it asks for none); an unknown client, a wrong secret or a foreign scope gets an OAuth2 error. Every
 * other grant (the users' sign-in) is the provider's default.
 */
final class DevClientCredentials implements OAuth2TokenCallback {

    private static final long LIFETIME_SECONDS = 3600;

    private final DefaultOAuth2TokenCallback users;
    private final Map<String, IdentityProperties.DevClient> clients;
    private final String issuerId;

    DevClientCredentials(String issuerId, List<IdentityProperties.DevClient> clients) {
        this.issuerId = issuerId;
        this.users = new DefaultOAuth2TokenCallback(issuerId);
        this.clients = clients.stream().collect(java.util.stream.Collectors.toMap(
                IdentityProperties.DevClient::clientId, client -> client));
    }

    @Override
    public String issuerId() {
        return issuerId;
    }

    @Override
    public String subject(TokenRequest request) {
        return isClientCredentials(request) ? client(request).clientId() : users.subject(request);
    }

    @Override
    public String typeHeader(TokenRequest request) {
        return users.typeHeader(request);
    }

    @Override
    public List<String> audience(TokenRequest request) {
        return isClientCredentials(request) ? List.of(client(request).audience()) : users.audience(request);
    }

    @Override
    public Map<String, Object> addClaims(TokenRequest request) {
        if (!isClientCredentials(request)) {
            return users.addClaims(request);
        }
        IdentityProperties.DevClient client = client(request);
        return Map.of("azp", client.clientId(), "client_id", client.clientId(),
                "scope", String.join(" ", scopes(request, client)));
    }

    @Override
    public long tokenExpiry() {
        return LIFETIME_SECONDS;
    }

    private static boolean isClientCredentials(TokenRequest request) {
        return GrantType.CLIENT_CREDENTIALS.equals(request.getAuthorizationGrant().getType());
    }

    private IdentityProperties.DevClient client(TokenRequest request) {
        String id = null;
        String secret = null;
        if (request.getClientAuthentication() instanceof ClientSecretBasic basic) {
            id = basic.getClientID().getValue();
            secret = basic.getClientSecret().getValue();
        } else if (request.getClientAuthentication() instanceof ClientSecretPost post) {
            id = post.getClientID().getValue();
            secret = post.getClientSecret().getValue();
        }
        IdentityProperties.DevClient client = id == null ? null : clients.get(id);
        if (client == null || !MessageDigest.isEqual(client.clientSecret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            throw new OAuth2Exception(OAuth2Error.INVALID_CLIENT, "Unknown client or wrong secret");
        }
        return client;
    }

    private static Set<String> scopes(TokenRequest request, IdentityProperties.DevClient client) {
        Scope asked = request.getScope();
        if (asked == null || asked.isEmpty()) {
            return new LinkedHashSet<>(client.scopes());
        }
        Set<String> scopes = new LinkedHashSet<>(asked.toStringList());
        if (!client.scopes().containsAll(scopes)) {
            throw new OAuth2Exception(OAuth2Error.INVALID_SCOPE, "Scopes allowed for this client: "
                    + String.join(" ", client.scopes()));
        }
        return scopes;
    }
}
