package dev.portalonboarding.staffview;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code onboarding.staff-view.*}: what the staff's Onboardings view shows. */
@ConfigurationProperties("onboarding.staff-view")
public record StaffViewProperties(
        /**
         * Show the IP address and user agent of a link opened or accepted. Off by default: staff need
         * to know that the link was opened, not from where; auditors read the rest in Cockpit.
         */
        @DefaultValue("false") boolean showClientDetails) {
}
