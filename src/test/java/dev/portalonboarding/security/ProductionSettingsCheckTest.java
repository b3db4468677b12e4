package dev.portalonboarding.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import dev.portalonboarding.PortalOnboardingApplication;

/** The production profile refuses to start, with a plain message, while a required setting is missing. */
class ProductionSettingsCheckTest {

    @Test
    void productionStartWithoutSettingsFailsBeforeAnythingStarts() {
        SpringApplication application = new SpringApplication(PortalOnboardingApplication.class);
        application.setAdditionalProfiles("prod");

        assertThatThrownBy(() -> application.run(
                        "--onboarding.public-base-url=", "--spring.mail.host=", "--spring.datasource.url=",
                        "--camunda.bpm.admin-user.password=", "--onboarding.invitation.code-secret=",
                        "--onboarding.metrics.password="))
                .isInstanceOf(MissingProductionSettingsException.class)
                .hasMessageContainingAll("ONBOARDING_PUBLIC_BASE_URL", "SPRING_MAIL_HOST",
                        "ONBOARDING_ADMIN_PASSWORD", "SPRING_DATASOURCE_URL", "ONBOARDING_INVITATION_CODE_SECRET",
                        "ONBOARDING_METRICS_PASSWORD", "ONBOARDING_IDENTITY_PROVIDER");
    }

    @Test
    void theStartupReportNamesEachMissingSettingWithoutAStackTrace() {
        MockEnvironment environment = production().withProperty("spring.mail.host", "");
        MissingProductionSettingsException failure = catchFailure(environment);

        FailureAnalysis analysis = new MissingProductionSettingsFailureAnalyzer().analyze(failure);

        assertThat(failure.missing()).containsExactly("SPRING_MAIL_HOST (spring.mail.host)");
        assertThat(analysis.getDescription()).contains("missing required settings", "SPRING_MAIL_HOST");
        assertThat(analysis.getAction()).contains("README");
    }

    @Test
    void completeProductionSettingsPass() {
        assertThatCode(() -> new ProductionSettingsCheck().postProcessEnvironment(production(), null))
                .doesNotThrowAnyException();
    }

    @Test
    void theDevelopmentIdentityProviderIsRefused() {
        MissingProductionSettingsException failure = catchFailure(production()
                .withProperty("onboarding.identity.provider", "dev"));

        assertThat(failure.missing()).singleElement().asString()
                .contains("ONBOARDING_IDENTITY_PROVIDER", "never for production");
    }

    @Test
    void theEmbeddedProfileBesideProductionIsRefused() {
        MockEnvironment environment = production();
        environment.setActiveProfiles("prod", "embedded");

        assertThat(catchFailure(environment).missing()).singleElement().asString()
                .contains("without the 'embedded' profile", "never for production");
    }

    @Test
    void aWebhookOverPlainHttpIsRefused() {
        MissingProductionSettingsException failure = catchFailure(production()
                .withProperty("onboarding.webhooks[0].url", "https://crm.example.com/hooks")
                .withProperty("onboarding.webhooks[1].url", "http://crm.example.com/hooks"));

        assertThat(failure.missing()).singleElement().asString()
                .contains("onboarding.webhooks[1].url as an https URL", "http://crm.example.com/hooks");
    }

    @Test
    void otherProfilesAreNotChecked() {
        assertThatCode(() -> new ProductionSettingsCheck().postProcessEnvironment(new MockEnvironment(), null))
                .doesNotThrowAnyException();
    }

    private static MockEnvironment production() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("onboarding.public-base-url", "https://portal.example.com")
                .withProperty("spring.mail.host", "smtp.example.com")
                .withProperty("camunda.bpm.admin-user.password", "s3cret")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/onboarding")
                .withProperty("onboarding.invitation.code-secret", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==")
                .withProperty("onboarding.metrics.password", "scrape-secret")
                .withProperty("onboarding.identity.provider", "keycloak");
        environment.setActiveProfiles("prod");
        return environment;
    }

    private static MissingProductionSettingsException catchFailure(MockEnvironment environment) {
        try {
            new ProductionSettingsCheck().postProcessEnvironment(environment, null);
        } catch (MissingProductionSettingsException e) {
            return e;
        }
        throw new AssertionError("expected the check to fail");
    }
}
