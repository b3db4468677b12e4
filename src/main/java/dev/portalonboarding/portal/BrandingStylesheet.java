package dev.portalonboarding.portal;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The configured colour as a stylesheet of its own, so the pages' CSP can keep refusing inline styles.
 * The colour is a validated hex value (PortalBranding): nothing else reaches the CSS.
 */
@RestController
class BrandingStylesheet {

    private final String css;

    BrandingStylesheet(PortalBranding branding) {
        this.css = ":root { --primary: " + branding.primaryColour() + "; }\n";
    }

    @GetMapping(path = "/css/branding.css", produces = "text/css")
    ResponseEntity<String> stylesheet() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/css;charset=UTF-8")).body(css);
    }
}
