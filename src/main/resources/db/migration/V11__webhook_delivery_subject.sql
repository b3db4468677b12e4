-- The event's subject (the id of the onboarding it is about), so that an erasure finds the undelivered
-- events about the erased contact's onboardings without reading every body.
alter table webhook_delivery add column subject varchar(64);
update webhook_delivery set subject = body::jsonb ->> 'subject' where body is not null;
create index webhook_delivery_undelivered_subject on webhook_delivery (subject) where delivered_at is null;
