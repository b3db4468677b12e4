package dev.portalonboarding.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The SMTP pool's settings: safe defaults, and values that would starve or flood the relay refused. */
class SmtpPoolPropertiesTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void theDefaultsKeepAFewConnectionsForHalfAMinute() {
        SmtpPoolProperties defaults = bind(Map.of());

        assertThat(invalid(defaults)).isEmpty();
        assertThat(defaults.poolSize()).isEqualTo(4);
        assertThat(defaults.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.maxWait()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void settingsAreReadAsTyped() {
        SmtpPoolProperties pool = bind(Map.of("pool-size", "2", "idle-timeout", "2m", "max-wait", "500ms"));

        assertThat(invalid(pool)).isEmpty();
        assertThat(pool.poolSize()).isEqualTo(2);
        assertThat(pool.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(pool.maxWait()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void noConnectionsTooManyOrEndlessWaitsAreRefused() {
        assertThat(invalid(bind(Map.of("pool-size", "0")))).containsExactly("poolSize");
        assertThat(invalid(bind(Map.of("pool-size", "101")))).containsExactly("poolSize");
        assertThat(invalid(bind(Map.of("idle-timeout", "0s")))).containsExactly("idleTimeout");
        assertThat(invalid(bind(Map.of("idle-timeout", "1h")))).containsExactly("idleTimeout");
        assertThat(invalid(bind(Map.of("max-wait", "0s")))).containsExactly("maxWait");
        assertThat(invalid(bind(Map.of("max-wait", "10m")))).containsExactly("maxWait");
    }

    private static Set<String> invalid(SmtpPoolProperties properties) {
        return VALIDATOR.validate(properties).stream()
                .map(ConstraintViolation::getPropertyPath).map(Object::toString).collect(Collectors.toSet());
    }

    private static SmtpPoolProperties bind(Map<String, String> settings) {
        Map<String, String> prefixed = settings.entrySet().stream()
                .collect(Collectors.toMap(entry -> "onboarding.mail.smtp." + entry.getKey(), Map.Entry::getValue));
        return new Binder(new MapConfigurationPropertySource(prefixed))
                .bindOrCreate("onboarding.mail.smtp", SmtpPoolProperties.class);
    }
}
