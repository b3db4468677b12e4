package dev.portalonboarding.onboarding;

import java.util.Collection;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.ContactIdentity;

/** The portal's HTTP sessions (Spring Session, in the shared database) of a contact's identities. */
@Component
class PortalSessions {

    private final FindByIndexNameSessionRepository<?> sessions;

    PortalSessions(FindByIndexNameSessionRepository<?> sessions) {
        this.sessions = sessions;
    }

    /**
     * Ends them at once, on every node. Spring Session indexes a session by the OIDC user's name, the
     * sub claim, which is the identity's subject (Entra's oid: application-entra.yml names it the
     * user-name-attribute).
     */
    void end(Collection<ContactIdentity> identities) {
        for (ContactIdentity identity : identities) {
            sessions.findByPrincipalName(identity.subject()).keySet().forEach(sessions::deleteById);
        }
    }
}
