package dev.portalonboarding;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PortalOnboardingApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortalOnboardingApplication.class, args);
    }

    /** One clock for invitation timestamps, so tests can reason about expiry. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
