package dev.portalonboarding.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code onboarding.webhooks[n].*} (the subscriptions) and {@code onboarding.webhook-delivery.*}. Only
 * these URLs are ever called; production refuses any that is not https (ProductionSettingsCheck).
 */
@Validated
@ConfigurationProperties("onboarding")
public record WebhookProperties(
        @Valid @NotNull @DefaultValue List<Subscription> webhooks,
        @Valid @NotNull @DefaultValue Delivery webhookDelivery) {

    public WebhookProperties {
        Set<URI> urls = webhooks.stream().map(Subscription::url).collect(Collectors.toSet());
        if (urls.size() < webhooks.size()) {
            // The URL identifies a subscription in the delivery table
            throw new IllegalArgumentException("onboarding.webhooks: each url may be subscribed once");
        }
    }

    public record Subscription(
            /** Where events are POSTed; http or https, no user info. */
            @NotNull URI url,
            /** Standard Webhooks secret: {@code whsec_} and the base64 of at least 24 random bytes. */
            @NotBlank @Pattern(regexp = "whsec_[A-Za-z0-9+/]{32,}={0,2}", message = "must be whsec_ followed by the base64 of at least 24 bytes") String secret,
            /** CloudEvents types, e.g. {@code invitation.sent}; see WebhookEventType. */
            @NotEmpty List<String> events,
            /** Email, names and company in the events' data; off by default. */
            @DefaultValue("false") boolean includePersonalData) {

        public Subscription {
            if (url != null && (!url.isAbsolute() || url.getHost() == null || url.getRawUserInfo() != null
                    || !Set.of("http", "https").contains(url.getScheme()))) {
                throw new IllegalArgumentException("onboarding.webhooks url must be an absolute http(s) URL without user info: " + url);
            }
            if (events != null) {
                events.stream().filter(type -> WebhookEventType.parse(type).isEmpty()).findFirst().ifPresent(type -> {
                    throw new IllegalArgumentException("onboarding.webhooks events: unknown type '" + type + "'; known: "
                            + Arrays.stream(WebhookEventType.values()).map(WebhookEventType::type).toList());
                });
            }
        }

        boolean wants(WebhookEventType type) {
            return events.contains(type.type());
        }

        /** The HMAC key: the bytes the base64 after {@code whsec_} stands for. */
        byte[] key() {
            return Base64.getDecoder().decode(secret.substring("whsec_".length()));
        }
    }

    public record Delivery(
            /**
             * Camunda retry intervals of the delivery job: after the first failed attempt the next comes
             * after the first interval, and so on; when they are used up the delivery is an incident.
             */
            @NotBlank @DefaultValue("PT1M,PT2M,PT5M,PT10M,PT30M,PT1H,PT2H,PT4H,PT8H,PT8H") String retryIntervals,
            @NotNull @DefaultValue("5s") Duration connectTimeout,
            /** The whole answer must arrive within this time. */
            @NotNull @DefaultValue("10s") Duration readTimeout) {
    }
}
