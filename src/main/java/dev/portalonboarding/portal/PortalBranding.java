package dev.portalonboarding.portal;

import java.net.URI;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code onboarding.branding.*}: how the invitee's pages look. The organisation's name stays
 * {@code onboarding.organisation-name}, the one the emails use too. Every value ends up in markup or
 * CSS, so each is held to a shape that cannot break out of it: a hex colour, a plain file name, an
 * email address, an https or same-site link.
 */
@Validated
@ConfigurationProperties("onboarding.branding")
public record PortalBranding(
        /**
         * The logo's file name, served by this app under {@code /branding/} (from {@code static/branding/}
         * of any static location, see README); none shows the organisation's name instead. Never from
         * another site: the pages' CSP stays {@code img-src 'self'}, and no third party learns who opens
         * an invitation.
         */
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}\\.(png|svg|jpg|jpeg|webp|gif)",
                message = "must be a file name such as logo.svg (png, svg, jpg, jpeg, webp or gif)") String logo,
        /** Buttons, links and the header's line, as a CSS hex colour; white text must read well on it. */
        @NotNull @Pattern(regexp = "#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", message = "must be a CSS hex colour such as #0b5cad")
        @DefaultValue("#0b5cad") String primaryColour,
        /** Shown in every page's footer as a mailto link; none shows no support line. */
        @Email @Pattern(regexp = "[^\\s<>\"'()\\\\,;:]+@[^\\s<>\"'()\\\\,;:@]+", message = "must be a plain email address")
        String supportEmail,
        /** The privacy notice, linked in every page's footer: an https URL or a path on this site. */
        URI privacyUrl) {

    @AssertTrue(message = "privacy-url must be an https URL or a path on this site such as /privacy")
    public boolean isPrivacyUrlSafe() {
        return privacyUrl == null || isHttps(privacyUrl) || isSamePath(privacyUrl);
    }

    /** The logo's path on this site, or null. */
    public String logoPath() {
        return logo == null ? null : "/branding/" + logo;
    }

    private static boolean isHttps(URI url) {
        return "https".equalsIgnoreCase(url.getScheme()) && url.getHost() != null && url.getRawUserInfo() == null;
    }

    /** A path such as /privacy: no scheme, no host (//other.example is another site; URI refuses backslashes). */
    private static boolean isSamePath(URI url) {
        String raw = url.toString();
        return url.getScheme() == null && url.getRawAuthority() == null && raw.startsWith("/") && !raw.startsWith("//");
    }
}
