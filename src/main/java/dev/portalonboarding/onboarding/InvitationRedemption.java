package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.INVITATION_ID;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.portalonboarding.identity.VerifiedIdentity;
import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationCode;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.invitation.InvitationStatus;
import dev.portalonboarding.onboarding.OnboardingProcess.Messages;

/**
 * Redeems an invitation code for a verified identity: one conditional update decides the single
 * winner, and the waiting onboarding receives {@code InvitationRedeemed} in the same transaction, so
 * either both happen or neither does.
 */
@Service
public class InvitationRedemption {

    public enum Outcome {
        REDEEMED,
        /** This invitation was redeemed before: the user should simply sign in. */
        ALREADY_REDEEMED,
        /** Unknown, malformed, expired or revoked: callers answer all of these alike. */
        INVALID
    }

    private final InvitationRepository invitations;
    private final InvitationEvents events;
    private final RuntimeService runtimeService;
    private final Clock clock;

    public InvitationRedemption(InvitationRepository invitations, InvitationEvents events,
            RuntimeService runtimeService, Clock clock) {
        this.invitations = invitations;
        this.events = events;
        this.runtimeService = runtimeService;
        this.clock = clock;
    }

    /** The invitation a code belongs to, whatever its state; empty for unknown or malformed codes. */
    public Optional<Invitation> find(String code) {
        return InvitationCode.isWellFormed(code)
                ? invitations.findByCodeHash(InvitationCode.hash(code))
                : Optional.empty();
    }

    /**
     * Redeems the invitation a user accepted earlier in this browser session: one read, then the
     * conditional update; only a refused update reads again, to tell a used invitation from a dead one.
     */
    @Transactional
    public Outcome redeem(UUID invitationId, VerifiedIdentity identity) {
        Optional<Invitation> found = invitations.findById(invitationId);
        if (found.isEmpty()) {
            return Outcome.INVALID;
        }
        Invitation invitation = found.get();
        if (!invitations.redeem(invitation.id(), identity.issuer(), identity.subject(), clock.instant())) {
            InvitationStatus now = invitations.findById(invitation.id()).orElseThrow().status();
            return now == InvitationStatus.REDEEMED ? Outcome.ALREADY_REDEEMED : Outcome.INVALID;
        }
        events.record(invitation.id(), InvitationEventType.REDEEMED, InvitationEvents.INVITEE,
                identity.issuer());
        // The message carries nothing: Link account reads the identity from the invitation just redeemed
        runtimeService.createMessageCorrelation(Messages.INVITATION_REDEEMED)
                .processInstanceId(invitation.processInstanceId())
                .processInstanceVariableEquals(INVITATION_ID, invitation.id().toString())
                .correlateWithResult();
        return Outcome.REDEEMED;
    }
}
