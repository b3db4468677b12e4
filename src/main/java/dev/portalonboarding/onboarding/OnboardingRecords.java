package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.CONTACT_ID;
import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.INVITATION_ID;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationRepository;

/** The contact and invitation an onboarding's variables point to. */
@Component
class OnboardingRecords {

    private final ContactRepository contacts;
    private final InvitationRepository invitations;

    OnboardingRecords(ContactRepository contacts, InvitationRepository invitations) {
        this.contacts = contacts;
        this.invitations = invitations;
    }

    Contact contact(VariableScope variables) {
        UUID id = UUID.fromString((String) variables.getVariable(CONTACT_ID));
        return contacts.findById(id).orElseThrow(() -> new IllegalStateException("Contact " + id + " is missing"));
    }

    Invitation invitation(VariableScope variables) {
        UUID id = invitationId(variables);
        return invitations.findById(id)
                .orElseThrow(() -> new IllegalStateException("Invitation " + id + " is missing"));
    }

    /** For steps that only name the invitation (events, Message-IDs): no need to read it. */
    static UUID invitationId(VariableScope variables) {
        return UUID.fromString((String) variables.getVariable(INVITATION_ID));
    }
}
