package dev.portalonboarding.portal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

@Configuration(proxyBeanMethods = false)
class PortalWebConfiguration {

    /** The bean name is the one Spring MVC looks for. */
    @Bean
    LocaleResolver localeResolver() {
        return new PageLocaleResolver();
    }
}
