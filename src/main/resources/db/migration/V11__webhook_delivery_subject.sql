-- The event's subject (the id of the onboarding it is about), so that an erasure finds the undelivered
-- events about the erased contact's onboardings without reading every body. Plain SQL: the embedded
-- profile runs these migrations on H2 too. Deliveries written before this column (V7 landed with it) have
-- none to fill.
alter table webhook_delivery add column subject varchar(64);
create index webhook_delivery_subject on webhook_delivery (subject);
