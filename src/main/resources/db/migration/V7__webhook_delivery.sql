-- Webhook deliveries (webhook package): the outbox. A row is written in the transaction of the event it
-- announces, with the exact body every attempt sends; one asynchronous engine job per row delivers it.
create table webhook_delivery (
    id            uuid primary key,
    -- the CloudEvents id and webhook-id header, the same on every attempt
    event_id      uuid          not null,
    -- the subscription, by its configured URL
    subscription  varchar(2000) not null,
    event_type    varchar(64)   not null,
    -- the signed JSON body; emptied once delivered, since it may carry personal data
    body          text,
    created_at    timestamp with time zone not null,
    delivered_at  timestamp with time zone,
    constraint webhook_delivery_event_subscription_unique unique (event_id, subscription)
);
