package dev.portalonboarding.metrics;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code onboarding.metrics.*}: the one credential that may read /actuator/prometheus (HTTP Basic).
 * Production requires the password (ProductionSettingsCheck); elsewhere an empty one is generated at
 * start-up (MetricsCredential).
 */
@Validated
@ConfigurationProperties("onboarding.metrics")
public record MetricsProperties(
        @NotBlank @DefaultValue("prometheus") String username,
        @DefaultValue("") String password) {
}
