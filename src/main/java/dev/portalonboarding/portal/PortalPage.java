package dev.portalonboarding.portal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactIdentity;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.contact.ContactStatus;
import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationRepository;

/**
 * Stands in for the customer's real portal: a signed-in user sees their contact. The portal is
 * invite-only: an identity linked to no contact is politely refused, and so is an offboarded contact,
 * from the request after the offboarding on (also through a new onboarding, until it activates them).
 */
@Controller
public class PortalPage {

    private final ContactRepository contacts;
    private final InvitationRepository invitations;
    private final OnboardingProperties properties;

    public PortalPage(ContactRepository contacts, InvitationRepository invitations, OnboardingProperties properties) {
        this.contacts = contacts;
        this.invitations = invitations;
        this.properties = properties;
    }

    @GetMapping("/portal")
    String portal(@AuthenticationPrincipal VerifiedOidcUser user, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        if (user == null) {
            // A session signed in before the identity travelled with the principal (nodes share sessions
            // across an upgrade): sign in again
            request.getSession().invalidate();
            return "redirect:/portal";
        }
        VerifiedIdentity identity = user.identity();
        Optional<Contact> contact = contactOf(identity);
        if (contact.isEmpty()) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("email", identity.email());
            return "portal/not-invited";
        }
        PageLocaleResolver.use(request, contact.get().language());
        if (contact.get().status() == ContactStatus.OFFBOARDED) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            return "portal/offboarded";
        }
        model.addAttribute("contact", contact.get());
        model.addAttribute("roles", roleLabels(contact.get().roles(), contact.get().locale()));
        return "portal/portal";
    }

    @GetMapping("/portal/signed-out")
    String signedOut() {
        return "portal/signed-out";
    }

    /** Linked by issuer and subject; right after redemption, Link account may still be on its way. */
    private Optional<Contact> contactOf(VerifiedIdentity identity) {
        return contacts.findIdentity(identity.issuer(), identity.subject()).map(ContactIdentity::contactId)
                .or(() -> invitations.findRedeemedBy(identity.issuer(), identity.subject()).map(Invitation::contactId))
                .flatMap(contacts::findById);
    }

    /** The roles as the catalogue names them; a role since dropped from the catalogue keeps its id. */
    private List<String> roleLabels(List<String> roleIds, Locale locale) {
        Map<String, String> labels = properties.roles().stream()
                .collect(Collectors.toMap(OnboardingProperties.Role::id, role -> role.label(locale)));
        return roleIds.stream().map(id -> labels.getOrDefault(id, id)).toList();
    }
}
