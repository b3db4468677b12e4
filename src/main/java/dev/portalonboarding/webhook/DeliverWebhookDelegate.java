package dev.portalonboarding.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.portalonboarding.webhook.WebhookDeliveries.Delivery;
import dev.portalonboarding.webhook.WebhookProperties.Subscription;

/**
 * Deliver webhook (asynchronous; a failure is retried at the configured intervals, then an incident).
 * POSTs the stored body, byte for byte the same on every attempt (unless its contact was erased in
 * between: WebhookErasure cuts it to ids), with the event id as webhook-id and a fresh timestamp and
 * signature. Only the configured URL is called and a redirect is a failure, never
 * followed. A 2xx marks the delivery done; anything else fails the attempt.
 */
@Component
public class DeliverWebhookDelegate implements JavaDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(DeliverWebhookDelegate.class);

    private final WebhookDeliveries deliveries;
    private final WebhookProperties properties;
    private final Clock clock;
    private final HttpClient http;

    public DeliverWebhookDelegate(WebhookDeliveries deliveries, WebhookProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.webhookDelivery().connectTimeout())
                .build();
    }

    @Override
    public void execute(DelegateExecution execution) throws IOException, InterruptedException {
        UUID deliveryId = UUID.fromString((String) execution.getVariable(WebhookDeliveryProcess.Variables.DELIVERY_ID));
        Delivery delivery = deliveries.find(deliveryId).orElseThrow();
        if (delivery.delivered()) {
            return;
        }
        Optional<Subscription> subscription = properties.webhooks().stream()
                .filter(candidate -> candidate.url().toString().equals(delivery.subscription()))
                .findFirst();
        if (subscription.isEmpty()) {
            // Unsubscribed since: the URL is no longer one we may call
            LOG.warn("Webhook delivery {} of {} dropped: {} is no longer subscribed", deliveryId, delivery.eventType(),
                    delivery.subscription());
            return;
        }
        String id = delivery.eventId().toString();
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(subscription.get().url())
                .timeout(properties.webhookDelivery().readTimeout())
                .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(subscription.get().key(), id, timestamp, delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new WebhookRefusedException(delivery, response.statusCode());
        }
        deliveries.markDelivered(deliveryId, clock.instant());
    }

    /** The receiver answered, but not with 2xx (a 3xx included: redirects are not followed). */
    static class WebhookRefusedException extends RuntimeException {
        WebhookRefusedException(Delivery delivery, int status) {
            super("Webhook " + delivery.subscription() + " answered " + status + " to " + delivery.eventType()
                    + " " + delivery.eventId());
        }
    }
}
