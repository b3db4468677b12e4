package dev.portalonboarding.webhook;

import java.util.Arrays;
import java.util.Optional;

import dev.portalonboarding.invitation.InvitationEventType;

/** The CloudEvents types subscriptions choose from (the README's event catalogue). */
public enum WebhookEventType {
    ONBOARDING_STARTED("onboarding.started", null),
    INVITATION_SENT("invitation.sent", InvitationEventType.SENT),
    INVITATION_OPENED("invitation.opened", InvitationEventType.OPENED),
    INVITATION_REDEEMED("invitation.redeemed", InvitationEventType.REDEEMED),
    ACCOUNT_LINKED("account.linked", InvitationEventType.LINKED),
    ONBOARDING_COMPLETED("onboarding.completed", null),
    INVITATION_EXPIRED("invitation.expired", InvitationEventType.EXPIRED),
    INVITATION_REVOKED("invitation.revoked", InvitationEventType.REVOKED),
    /** Offboarding is recorded on the contact's latest invitation (InvitationEventType.OFFBOARDED). */
    CONTACT_OFFBOARDED("contact.offboarded", InvitationEventType.OFFBOARDED);

    private final String type;
    private final InvitationEventType trailEntry;

    WebhookEventType(String type, InvitationEventType trailEntry) {
        this.type = type;
        this.trailEntry = trailEntry;
    }

    /** The CloudEvents {@code type}, e.g. {@code invitation.sent}. */
    public String type() {
        return type;
    }

    static Optional<WebhookEventType> of(InvitationEventType trailEntry) {
        return Arrays.stream(values()).filter(value -> value.trailEntry == trailEntry).findFirst();
    }

    static Optional<WebhookEventType> parse(String type) {
        return Arrays.stream(values()).filter(value -> value.type.equals(type)).findFirst();
    }
}
