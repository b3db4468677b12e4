package dev.portalonboarding.portal;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * Pages about an invitation speak the contact's language; all others follow the browser, in English
 * or German.
 */
public class PageLocaleResolver extends AcceptHeaderLocaleResolver {

    private static final String ATTRIBUTE = PageLocaleResolver.class.getName();

    public PageLocaleResolver() {
        setSupportedLocales(List.of(Locale.ENGLISH, Locale.GERMAN));
        setDefaultLocale(Locale.ENGLISH);
    }

    public static void use(HttpServletRequest request, String language) {
        request.setAttribute(ATTRIBUTE, Locale.forLanguageTag(language));
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        Object chosen = request.getAttribute(ATTRIBUTE);
        return chosen instanceof Locale locale ? locale : super.resolveLocale(request);
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        request.setAttribute(ATTRIBUTE, locale);
    }
}
