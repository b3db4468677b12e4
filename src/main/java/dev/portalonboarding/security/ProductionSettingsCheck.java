package dev.portalonboarding.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Stops the production profile before anything starts when a setting it cannot guess is missing.
 * Registered in {@code META-INF/spring.factories}; the message comes from
 * {@link MissingProductionSettingsFailureAnalyzer}.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor, Ordered {

    public static final String PRODUCTION_PROFILE = "prod";
    /** The embedded default: demo users, the development mailbox, an H2 file. */
    public static final String EMBEDDED_PROFILE = "embedded";

    /** Property, and the environment variable that sets it in application-prod.yml. */
    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("onboarding.public-base-url", "ONBOARDING_PUBLIC_BASE_URL");
        REQUIRED.put("spring.mail.host", "SPRING_MAIL_HOST");
        REQUIRED.put("camunda.bpm.admin-user.password", "ONBOARDING_ADMIN_PASSWORD");
        REQUIRED.put("spring.datasource.url", "SPRING_DATASOURCE_URL");
        REQUIRED.put("onboarding.invitation.code-secret", "ONBOARDING_INVITATION_CODE_SECRET");
        REQUIRED.put("onboarding.metrics.password", "ONBOARDING_METRICS_PASSWORD");
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE))) {
            return;
        }
        List<String> missing = REQUIRED.entrySet().stream()
                .filter(setting -> {
                    String value = environment.getProperty(setting.getKey());
                    return value == null || value.isBlank();
                })
                .map(setting -> setting.getValue() + " (" + setting.getKey() + ")")
                .toList();
        List<String> problems = new ArrayList<>(missing);
        if (environment.acceptsProfiles(Profiles.of(EMBEDDED_PROFILE))) {
            problems.add("SPRING_PROFILES_ACTIVE (spring.profiles.active) without the '" + EMBEDDED_PROFILE
                    + "' profile; its demo users and development mailbox are never for production");
        }
        String provider = environment.getProperty("onboarding.identity.provider", "dev");
        if (!List.of("keycloak", "entra").contains(provider.toLowerCase(Locale.ROOT))) {
            // The development provider signs anyone in without a password
            problems.add("ONBOARDING_IDENTITY_PROVIDER (onboarding.identity.provider) set to keycloak or entra;"
                    + " the development provider is never for production");
        }
        // Webhooks carry onboarding data: never over plain http in production
        for (int i = 0; environment.containsProperty("onboarding.webhooks[" + i + "].url"); i++) {
            String url = environment.getProperty("onboarding.webhooks[" + i + "].url", "");
            if (!url.toLowerCase(Locale.ROOT).startsWith("https://")) {
                problems.add("onboarding.webhooks[" + i + "].url as an https URL (it is " + url + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new MissingProductionSettingsException(problems);
        }
    }

    @Override
    public int getOrder() {
        // After the config data (application-prod.yml, environment) is in place
        return Ordered.LOWEST_PRECEDENCE;
    }
}
