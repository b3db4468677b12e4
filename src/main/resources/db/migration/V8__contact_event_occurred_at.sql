-- The daily retention deletes contact events by age (onboarding/AuditTrailRetention).
create index contact_event_occurred_at_idx on contact_event (occurred_at);
