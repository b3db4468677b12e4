-- Bulk onboarding: one row per data line of an uploaded CSV, with its dry-run verdict and its result.
-- Rows are the only per-row state; the bulk process keeps counts, never rows, in its variables.

create table bulk_row (
    -- process instance id of the bulk onboarding
    bulk_id        varchar(64)   not null,
    -- line in the uploaded file; the header is line 1
    line_number    integer       not null,
    -- the values as given (trimmed, email lower-cased), cut to the column size for the reports
    email          varchar(1000) not null,
    first_name     varchar(1000) not null,
    last_name      varchar(1000) not null,
    company        varchar(1000) not null,
    language       varchar(1000) not null,
    roles          varchar(1000) not null,
    -- BulkVerdict: VALID rows are started, the others are skipped with the reason in detail
    verdict        varchar(32)   not null,
    -- BulkRowStatus: PENDING until a batch starts it (STARTED or SKIPPED) or staff cancel (CANCELLED)
    status         varchar(16)   not null,
    detail         varchar(2000),
    onboarding_process_instance_id varchar(64),
    primary key (bulk_id, line_number)
);

create index bulk_row_status_idx on bulk_row (bulk_id, status);

-- The shared pace of invitation emails across nodes (onboarding.mail.max-invitations-per-second)
create table mail_pace (
    id          integer primary key,
    next_send_at timestamp with time zone not null
);

insert into mail_pace (id, next_send_at) values (1, current_timestamp);
