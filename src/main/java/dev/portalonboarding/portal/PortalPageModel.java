package dev.portalonboarding.portal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.portalonboarding.EngineGroups;
import dev.portalonboarding.OnboardingProperties;

/**
 * What every page of ours shows around its content (templates/portal/layout.html): the organisation,
 * its branding, and on error pages a way back to what the visitor may open.
 */
@ControllerAdvice(assignableTypes = { InvitationPages.class, PortalPage.class, ErrorController.class })
class PortalPageModel {

    /** A link back, its text a message key. */
    record WayBack(String href, String message) {
    }

    private static final List<String> WEBAPPS = List.of("tasklist", "cockpit", "admin");

    private final OnboardingProperties properties;
    private final PortalBranding branding;

    PortalPageModel(OnboardingProperties properties, PortalBranding branding) {
        this.properties = properties;
        this.branding = branding;
    }

    @ModelAttribute("organisation")
    String organisation() {
        return properties.organisationName();
    }

    @ModelAttribute("branding")
    PortalBranding branding() {
        return branding;
    }

    /**
     * A portal user goes back to the portal; staff, auditors and admins to the Camunda webapps their
     * grants open (Tasklist for staff, Cockpit for auditors); anyone else to the start page.
     */
    @ModelAttribute("wayBack")
    List<WayBack> wayBack() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user instanceof OAuth2AuthenticationToken) {
            return List.of(new WayBack("/portal", "page.wayBack.portal"));
        }
        List<WayBack> webapps = new ArrayList<>();
        if (user != null) {
            List<String> apps = EngineGroups.webapps(user);
            WEBAPPS.stream().filter(apps::contains)
                    .forEach(app -> webapps.add(new WayBack("/camunda/app/" + app + "/", "page.wayBack." + app)));
        }
        return webapps.isEmpty() ? List.of(new WayBack("/", "page.wayBack.start")) : webapps;
    }
}
