package dev.portalonboarding.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactIdentity;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * DEVELOPMENT ONLY, never for production (the production profile refuses it): a real OpenID Connect
 * server (mock-oauth2-server) inside this process, so the whole journey runs on one machine. Its
 * sign-in page takes any email and name; it checks no password.
 */
public class DevIdentityProvider implements IdentityProvider, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DevIdentityProvider.class);

    private final MockOAuth2Server server;
    private final String issuerId;

    public DevIdentityProvider(IdentityProperties.Dev properties) {
        this.issuerId = properties.issuerId();
        this.server = new MockOAuth2Server(new OAuth2Config(true, loginPage().toString(), null, false,
                new OAuth2TokenProvider(), Set.of(new DevClientCredentials(issuerId, properties.clients()))));
        server.start(properties.port());
        log.warn("Development identity provider at {}: any email signs in without a password. Never use it in production.",
                issuer());
    }

    public String issuer() {
        return server.issuerUrl(issuerId).toString();
    }

    public String authorizationUri() {
        return server.authorizationEndpointUrl(issuerId).toString();
    }

    public String tokenUri() {
        return server.tokenEndpointUrl(issuerId).toString();
    }

    public String jwkSetUri() {
        return server.jwksUrl(issuerId).toString();
    }

    public String userInfoUri() {
        return server.userInfoUrl(issuerId).toString();
    }

    /** Trusts the email it was given: the development provider verifies nothing. */
    @Override
    public VerifiedIdentity identify(OidcUser user) {
        String email = user.getEmail() != null ? user.getEmail() : user.getSubject();
        String name = user.getFullName() != null ? user.getFullName() : email;
        return new VerifiedIdentity(user.getIssuer().toString(), user.getSubject(), email, true, name);
    }

    /** The development provider keeps no accounts, so there is nothing to mark. */
    @Override
    public void linkAccount(Contact contact, VerifiedIdentity identity) {
    }

    /** Nor accounts to disable: the portal's own refusal of an offboarded contact is all there is. */
    @Override
    public void setAccountEnabled(ContactIdentity identity, boolean enabled) {
    }

    /** Nor accounts to delete: its users exist only for the length of one sign-in. */
    @Override
    public void deleteAccount(ContactIdentity identity) {
    }

    @Override
    public void destroy() {
        server.shutdown();
    }

    /** mock-oauth2-server reads its login page from a file, so the page in the jar is copied out once. */
    private static Path loginPage() {
        try (InputStream page = DevIdentityProvider.class.getResourceAsStream("/dev-identity-provider/login.html")) {
            Path file = Files.createTempFile("dev-identity-provider-login", ".html");
            file.toFile().deleteOnExit();
            Files.copy(page, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the development provider's login page", e);
        }
    }
}
