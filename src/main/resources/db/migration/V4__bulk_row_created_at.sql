-- When the dry run stored the row: rows of finished bulks go after onboarding.history-time-to-live
-- (BulkRowRetention). Rows from before this column count from the migration.
alter table bulk_row add column created_at timestamp with time zone default current_timestamp not null;
