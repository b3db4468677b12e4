package dev.portalonboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import jakarta.validation.Validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portalonboarding.OnboardingProperties;

/**
 * The Tasklist forms check what the server checks: the same email pattern, and the start form offers
 * exactly the configured role catalogue (its default in application.yml), with its labels; a bad
 * catalogue stops the start.
 */
class OnboardingFormTest {

    @ParameterizedTest
    @ValueSource(strings = {"processes/portal-user-onboarding-start.form", "processes/revoke-invitation-start.form",
            "processes/resend-invitation-start.form", "processes/offboard-portal-user-start.form",
            "processes/erase-contact-start.form"})
    void theEmailFieldUsesTheServersPattern(String form) throws IOException {
        JsonNode email = field(read(form), OnboardingProcess.Variables.EMAIL);

        assertThat(email.path("validate").path("pattern").asText()).isEqualTo(InputPolicy.EMAIL_PATTERN);
        // The form library's own email type is ASCII-only and needs no dot: it would disagree with the server
        assertThat(email.path("validate").has("validationType")).isFalse();
    }

    @Test
    void theStartFormOffersExactlyTheRoleCatalogue() throws IOException {
        JsonNode roles = field(read("processes/portal-user-onboarding-start.form"), OnboardingProcess.Variables.ROLES);
        List<OnboardingProperties.Role> catalogue = defaultCatalogue();

        assertThat(roles.path("values")).extracting(value -> value.path("value").asText())
                .containsExactlyElementsOf(catalogue.stream().map(OnboardingProperties.Role::id).toList());
        assertThat(roles.path("values")).extracting(value -> value.path("label").asText())
                .containsExactlyElementsOf(catalogue.stream().map(role -> role.labelEn() + " / " + role.labelDe()).toList());
        assertThat(roles.path("validate").path("required").asBoolean()).isTrue();
    }

    @Test
    void theCatalogueIsCheckedAtStartUp() {
        var validator = Validation.buildDefaultValidatorFactory().getValidator();
        var portalUser = new OnboardingProperties.Role("portal-user", "Portal user", "Portalnutzer");

        assertThat(validator.validate(properties(List.of(portalUser)))).isEmpty();
        assertThat(validator.validate(properties(List.of(portalUser, portalUser))))
                .extracting(violation -> violation.getMessage()).containsExactly("role ids must be unique");
        assertThat(validator.validate(properties(List.of())))
                .extracting(violation -> violation.getPropertyPath().toString()).containsExactly("roles");
        assertThat(validator.validate(properties(List.of(new OnboardingProperties.Role("Super Admin", "x", "y")))))
                .extracting(violation -> violation.getPropertyPath().toString()).containsExactly("roles[0].id");
    }

    private static OnboardingProperties properties(List<OnboardingProperties.Role> roles) {
        OnboardingProperties defaults = new Binder(new MapConfigurationPropertySource(
                Map.of("onboarding.public-base-url", "http://localhost:8080")))
                .bindOrCreate("onboarding", OnboardingProperties.class);
        return new OnboardingProperties(defaults.publicBaseUrl(), defaults.organisationName(), defaults.invitation(),
                defaults.mail(), defaults.bulk(), roles, defaults.historyTimeToLive());
    }

    private static List<OnboardingProperties.Role> defaultCatalogue() throws IOException {
        Resource yaml = new ClassPathResource("application.yml");
        var sources = new YamlPropertySourceLoader().load("application.yml", yaml);
        return new Binder(ConfigurationPropertySources.from(sources))
                .bind("onboarding.roles", Bindable.listOf(OnboardingProperties.Role.class)).get();
    }

    private static JsonNode read(String form) throws IOException {
        try (InputStream in = new ClassPathResource(form).getInputStream()) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static JsonNode field(JsonNode form, String key) {
        return StreamSupport.stream(form.path("components").spliterator(), false)
                .filter(component -> key.equals(component.path("key").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no field " + key));
    }
}
