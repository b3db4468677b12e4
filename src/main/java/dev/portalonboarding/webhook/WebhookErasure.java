package dev.portalonboarding.webhook;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.portalonboarding.onboarding.ContactErased;
import dev.portalonboarding.webhook.WebhookDeliveries.Delivery;

/**
 * Cuts the undelivered events about an erased contact's processes down to ids, in the erasure's
 * transaction (a synchronous listener): the email, names and company a subscription with
 * include-personal-data was to get leave the stored body; the delivery itself stays and goes on.
 * <p>
 * Not deleted, with their deliver-webhook instances ended: receivers would silently miss events they
 * keep in step with (an invitation.revoked or contact.offboarded withdrawing access on their side), and
 * operators would see no incident for it. The ids-only body is what a subscription without personal
 * data gets for the same event, under the same event id: receivers handle it already, and one that got
 * an earlier attempt drops it as a duplicate. Each attempt signs the stored body, so the new one is
 * signed as any. The deliver-webhook instances never held a body (their variables are the delivery id
 * and the retry intervals; their failures name the URL, status, type and event id): nothing to erase there.
 */
@Component
class WebhookErasure {

    private final WebhookDeliveries deliveries;
    private final ObjectMapper json;

    WebhookErasure(WebhookDeliveries deliveries, ObjectMapper json) {
        this.deliveries = deliveries;
        this.json = json;
    }

    @EventListener
    void on(ContactErased erased) {
        for (Delivery delivery : deliveries.findUndeliveredAbout(erased.processInstanceIds())) {
            ObjectNode event = parse(delivery);
            if (event.get("data") instanceof ObjectNode data
                    && WebhookOutbox.PERSONAL_DATA.stream().anyMatch(data::has)) {
                data.remove(WebhookOutbox.PERSONAL_DATA);
                deliveries.replaceUndeliveredBody(delivery.id(), write(event));
            }
        }
    }

    private ObjectNode parse(Delivery delivery) {
        try {
            return (ObjectNode) json.readTree(delivery.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The outbox writes each body as a JSON object", e);
        }
    }

    private String write(ObjectNode event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serializes", e);
        }
    }
}
