package dev.portalonboarding.identity;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code onboarding.identity.*}: which identity provider, and how the sign-up request is shaped. */
@Validated
@ConfigurationProperties("onboarding.identity")
public record IdentityProperties(
        @NotNull @DefaultValue("dev") Provider provider,
        /** The Spring Security client registration used for portal users. */
        @NotBlank @DefaultValue("portal") String registrationId,
        @Valid @NotNull @DefaultValue SignUp signUp,
        @Valid @NotNull @DefaultValue Dev dev,
        @Valid Keycloak keycloak,
        @Valid Entra entra) {

    public enum Provider {
        DEV, KEYCLOAK, ENTRA
    }

    /** Extra authorization parameters when a user accepts an invitation. */
    public record SignUp(
            /** {@code prompt} value that opens the provider's sign-up page; empty to send none. */
            @DefaultValue("create") String prompt,
            /** Send the invited email as {@code login_hint}. */
            @DefaultValue("true") boolean loginHint,
            /** Send the contact's language as {@code ui_locales}. */
            @DefaultValue("true") boolean uiLocales) {
    }

    /** Keycloak 26: linking sets a user attribute and adds a group through the Admin REST API. */
    public record Keycloak(
            /** The realm's issuer as browsers see it, e.g. {@code https://login.example.com/realms/portal}. */
            @NotNull URI issuer,
            /** Where this service reaches Keycloak's Admin REST API, e.g. {@code https://login.example.com}. */
            @NotNull URI url,
            @NotBlank String realm,
            /** Client-credentials registration of a service-account client with realm-management manage-users. */
            @NotBlank @DefaultValue("keycloak-admin") String adminRegistrationId,
            @NotBlank @DefaultValue("portal-users") String group,
            @NotBlank @DefaultValue("contact_id") String contactAttribute) {
    }

    /** Entra External ID: linking writes the contact id to an extension attribute through Microsoft Graph. */
    public record Entra(
            /** The directory (tenant) id, a GUID; tokens from other tenants are refused. */
            @NotBlank String tenantId,
            /** App id of the app that owns the extension attribute (b2c-extensions-app), with or without hyphens. */
            @NotBlank String extensionAppId,
            @NotBlank @DefaultValue("contactId") String extensionName,
            @NotNull @DefaultValue("https://graph.microsoft.com") URI graphUrl,
            /** Client-credentials registration for Graph (scope https://graph.microsoft.com/.default). */
            @NotBlank @DefaultValue("entra-graph") String graphRegistrationId) {

        public String extensionAttribute() {
            return "extension_" + extensionAppId.replace("-", "") + "_" + extensionName;
        }
    }

    /** The development provider, an OpenID Connect server inside this process. */
    public record Dev(
            /** Port of the development provider; 0 picks a free one. */
            @Min(0) @Max(65535) @DefaultValue("8090") int port,
            @NotBlank @DefaultValue("dev") String issuerId,
            /** Machine clients it issues client-credentials tokens to (the API's demo client). */
            @Valid @NotNull @DefaultValue List<DevClient> clients) {
    }

    /** A machine client of the development provider: its secret and the scopes it may ask for. */
    public record DevClient(@NotBlank String clientId, @NotBlank String clientSecret, @NotNull List<String> scopes,
            /** The audience its tokens name. */
            @NotBlank @DefaultValue("onboarding-api") String audience) {
    }
}
