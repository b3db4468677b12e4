package dev.portalonboarding.metrics;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code onboarding.metrics.*}: the one credential that may read /actuator/prometheus (HTTP Basic).
 * Production requires the password (ProductionSettingsCheck); elsewhere, left empty, one is generated
 * per start (the security module's scrape filter chain).
 */
@Validated
@ConfigurationProperties("onboarding.metrics")
public record MetricsProperties(
        @NotBlank @DefaultValue("prometheus") String username,
        @DefaultValue("") String password) {
}
