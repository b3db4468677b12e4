-- The REQUESTED entry: who asked to onboard the contact with which names, company, language and roles,
-- recorded by Create contact instead of keeping the start form's fields as process variables. It belongs
-- to one onboarding; entries about the contact as a whole (an erasure) have none.
alter table contact_event add column process_instance_id varchar(64);
alter table contact_event add column detail varchar(2000);
