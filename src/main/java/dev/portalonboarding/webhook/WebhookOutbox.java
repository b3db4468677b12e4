package dev.portalonboarding.webhook;

import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_ALREADY_ACTIVE;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_ALREADY_RUNNING;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_CLOSED;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_ONBOARDED;
import static dev.portalonboarding.onboarding.OnboardingProcess.Elements.END_REVOKED;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationEventRecorded;
import dev.portalonboarding.invitation.InvitationRepository;
import dev.portalonboarding.onboarding.OnboardingProcess;
import dev.portalonboarding.webhook.WebhookDeliveries.Delivery;
import dev.portalonboarding.webhook.WebhookProperties.Subscription;

/**
 * Turns what the audit trail records, and the start and end of each onboarding, into CloudEvents: a
 * webhook_delivery row and a deliver-webhook process instance (whose first step is an asynchronous job)
 * per subscription that wants the event, written in the event's own transaction. If the event rolls
 * back, nothing is sent; once it commits, nothing is lost.
 */
@Component
class WebhookOutbox {

    private static final String EMAIL = "email";
    private static final String FIRST_NAME = "firstName";
    private static final String LAST_NAME = "lastName";
    private static final String COMPANY = "company";
    /** The fields of an event's data only subscriptions with include-personal-data get (WebhookErasure removes them). */
    static final List<String> PERSONAL_DATA = List.of(EMAIL, FIRST_NAME, LAST_NAME, COMPANY);

    private final WebhookProperties properties;
    private final WebhookDeliveries deliveries;
    private final InvitationRepository invitations;
    private final ContactRepository contacts;
    private final ProcessEngine engine;
    private final ObjectMapper json;
    private final Clock clock;
    private final String source;

    WebhookOutbox(WebhookProperties properties, WebhookDeliveries deliveries, InvitationRepository invitations,
            ContactRepository contacts, ProcessEngine engine, ObjectMapper json, Clock clock, OnboardingProperties onboarding) {
        this.properties = properties;
        this.deliveries = deliveries;
        this.invitations = invitations;
        this.contacts = contacts;
        this.engine = engine;
        this.json = json;
        this.clock = clock;
        this.source = onboarding.publicBaseUrl().toString();
    }

    @EventListener
    void invitationEvent(InvitationEventRecorded recorded) {
        WebhookEventType.of(recorded.type()).filter(this::anyoneWants).ifPresent(type -> {
            Invitation invitation = invitations.findById(recorded.invitationId()).orElseThrow();
            Contact contact = contacts.findById(invitation.contactId()).orElseThrow();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("onboardingId", invitation.processInstanceId());
            data.put("invitationId", invitation.id().toString());
            data.put("invitationStatus", invitation.status().name());
            data.put("expiresAt", invitation.expiresAt().toString());
            data.put("contactId", contact.id().toString());
            data.put("contactStatus", contact.status().name());
            Map<String, Object> personal = new LinkedHashMap<>();
            personal.put(EMAIL, contact.email());
            personal.put(FIRST_NAME, contact.firstName());
            personal.put(LAST_NAME, contact.lastName());
            personal.put(COMPANY, contact.company());
            enqueue(type, invitation.processInstanceId(), recorded.occurredAt(), data, personal);
        });
    }

    /** The engine publishes its history events (camunda.bpm.eventing.history) inside the command that makes them. */
    @EventListener
    void onboardingStartedOrEnded(HistoricProcessInstanceEventEntity event) {
        if (!OnboardingProcess.PROCESS_KEY.equals(event.getProcessDefinitionKey())) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("onboardingId", event.getProcessInstanceId());
        if (HistoryEventTypes.PROCESS_INSTANCE_START.getEventName().equals(event.getEventType())) {
            if (anyoneWants(WebhookEventType.ONBOARDING_STARTED)) {
                enqueue(WebhookEventType.ONBOARDING_STARTED, event.getProcessInstanceId(), event.getStartTime().toInstant(),
                        data, Map.of());
            }
        } else if (HistoryEventTypes.PROCESS_INSTANCE_END.getEventName().equals(event.getEventType())
                && anyoneWants(WebhookEventType.ONBOARDING_COMPLETED)) {
            data.put("outcome", outcome(event.getEndActivityId()));
            enqueue(WebhookEventType.ONBOARDING_COMPLETED, event.getProcessInstanceId(), event.getEndTime().toInstant(),
                    data, Map.of());
        }
    }

    private static String outcome(String endActivityId) {
        if (endActivityId == null) {
            return "cancelled";
        }
        return switch (endActivityId) {
            case END_ONBOARDED -> "onboarded";
            case END_CLOSED -> "closed";
            case END_REVOKED -> "revoked";
            case END_ALREADY_ACTIVE -> "already-active";
            case END_ALREADY_RUNNING -> "already-running";
            default -> "cancelled";
        };
    }

    private boolean anyoneWants(WebhookEventType type) {
        return properties.webhooks().stream().anyMatch(subscription -> subscription.wants(type));
    }

    private void enqueue(WebhookEventType type, String onboardingId, Instant time, Map<String, Object> data,
            Map<String, Object> personalData) {
        UUID eventId = UUID.randomUUID();
        for (Subscription subscription : properties.webhooks()) {
            if (!subscription.wants(type)) {
                continue;
            }
            Map<String, Object> eventData = new LinkedHashMap<>(data);
            if (subscription.includePersonalData()) {
                eventData.putAll(personalData);
            }
            UUID deliveryId = UUID.randomUUID();
            deliveries.insert(new Delivery(deliveryId, eventId, subscription.url().toString(), type.type(), onboardingId,
                    cloudEvent(eventId, type, onboardingId, time, eventData), false), clock.instant());
            startDelivery(deliveryId);
        }
    }

    private String cloudEvent(UUID id, WebhookEventType type, String subject, Instant time, Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id.toString());
        event.put("source", source);
        event.put("type", type.type());
        event.put("subject", subject);
        event.put("time", time.toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings always serializes", e);
        }
    }

    /**
     * As the engine itself, not as whoever caused the event (staff in Tasklist hold no grant on this
     * process); inside an engine command this joins it, otherwise it joins the Spring transaction.
     */
    private void startDelivery(UUID deliveryId) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        configuration.getCommandExecutorTxRequired().execute(commandContext -> commandContext.runWithoutAuthorization(() ->
                engine.getRuntimeService().createProcessInstanceByKey(WebhookDeliveryProcess.PROCESS_KEY)
                        .businessKey(deliveryId.toString())
                        .setVariable(WebhookDeliveryProcess.Variables.DELIVERY_ID, deliveryId.toString())
                        .setVariable(WebhookDeliveryProcess.Variables.RETRY_INTERVALS,
                                properties.webhookDelivery().retryIntervals())
                        .execute()));
    }
}
