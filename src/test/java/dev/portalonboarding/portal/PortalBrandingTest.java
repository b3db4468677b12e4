package dev.portalonboarding.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Branding values end up in the pages' markup and CSS, so only values that cannot leave their place
 * pass: a hex colour, a plain file name, a plain email address, an https URL or a path on this site.
 */
class PortalBrandingTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void theDefaultsAreSafeAndShowNoLogoSupportOrPrivacyLine() {
        PortalBranding defaults = bind(Map.of());

        assertThat(violations(defaults)).isEmpty();
        assertThat(defaults.primaryColour()).isEqualTo("#0b5cad");
        assertThat(defaults.logoPath()).isNull();
        assertThat(defaults.supportEmail()).isNull();
        assertThat(defaults.privacyUrl()).isNull();
    }

    @Test
    void aCustomersBrandingIsAccepted() {
        PortalBranding branding = bind(Map.of("logo", "contoso-logo.svg", "primary-colour", "#6B2C91",
                "support-email", "support@contoso.example", "privacy-url", "https://contoso.example/privacy"));

        assertThat(violations(branding)).isEmpty();
        assertThat(branding.logoPath()).isEqualTo("/branding/contoso-logo.svg");
        assertThat(violations(bind(Map.of("primary-colour", "#fff", "privacy-url", "/privacy")))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "red", "#12345", "#1234567", "#0b5cad; } body { display: none", "#0b5cad</style>",
            "url(https://evil.example/x)", "", "#gggggg" })
    void aColourThatIsNoHexColourIsRefused(String colour) {
        assertThat(violations(bind(Map.of("primary-colour", colour)))).containsKey("primaryColour");
    }

    @ParameterizedTest
    @ValueSource(strings = { "../application.yml", "logo.svg?x=1", "https://cdn.example/logo.png", "/branding/logo.png",
            "logo.html", ".hidden.png", "logo\".png", "logo.svg onerror=alert(1)" })
    void aLogoThatIsNoPlainImageFileNameIsRefused(String logo) {
        assertThat(violations(bind(Map.of("logo", logo)))).containsKey("logo");
    }

    @ParameterizedTest
    @ValueSource(strings = { "javascript:alert(1)", "http://contoso.example/privacy", "//evil.example/privacy",
            "data:text/html,<script>alert(1)</script>", "privacy", "https://user@contoso.example/privacy",
            "vbscript:x" })
    void aPrivacyLinkThatIsNeitherHttpsNorAPathHereIsRefused(String url) {
        assertThat(violations(bind(Map.of("privacy-url", url)))).containsKey("privacyUrlSafe");
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-an-email", "a@b\"onmouseover=x", "<support@contoso.example>",
            "support@contoso.example, other@evil.example", "x y@contoso.example" })
    void aSupportAddressThatIsNoPlainEmailIsRefused(String email) {
        assertThat(violations(bind(Map.of("support-email", email)))).containsKey("supportEmail");
    }

    private static PortalBranding bind(Map<String, String> settings) {
        Map<String, String> prefixed = settings.entrySet().stream()
                .collect(Collectors.toMap(entry -> "onboarding.branding." + entry.getKey(), Map.Entry::getValue));
        return new Binder(new MapConfigurationPropertySource(prefixed))
                .bindOrCreate("onboarding.branding", PortalBranding.class);
    }

    private static Map<String, Set<String>> violations(PortalBranding branding) {
        return VALIDATOR.validate(branding).stream().collect(Collectors.groupingBy(
                violation -> violation.getPropertyPath().toString(),
                Collectors.mapping(ConstraintViolation::getMessage, Collectors.toSet())));
    }
}
