package dev.portalonboarding.identity;

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
        @Valid @NotNull @DefaultValue Dev dev) {

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

    /** The development provider, an OpenID Connect server inside this process. */
    public record Dev(
            /** Port of the development provider; 0 picks a free one. */
            @Min(0) @Max(65535) @DefaultValue("8090") int port,
            @NotBlank @DefaultValue("dev") String issuerId) {
    }
}
