package dev.portalonboarding.webhook;

/** The names {@code processes/deliver-webhook.bpmn}, its delegate and tests share. */
public final class WebhookDeliveryProcess {

    public static final String PROCESS_KEY = "deliver-webhook";

    public static final class Elements {
        public static final String START = "webhookEventRecorded";
        /** Asynchronous, retried at the configured intervals, then an incident. */
        public static final String DELIVER = "deliverWebhook";
        public static final String END_DELIVERED = "webhookDelivered";

        private Elements() {
        }
    }

    public static final class Variables {
        /** The webhook_delivery row, also the business key. */
        public static final String DELIVERY_ID = "deliveryId";
        /** The retry intervals in force when the event happened (onboarding.webhook-delivery.retry-intervals). */
        public static final String RETRY_INTERVALS = "retryIntervals";

        private Variables() {
        }
    }

    private WebhookDeliveryProcess() {
    }
}
