-- The REST API's Idempotency-Key: a client's retried write gets the first answer, from any node.
-- A key is claimed in the transaction of the write it guards, so a concurrent retry waits on the
-- primary key and then reads the answer; kept 24 hours (api.IdempotencyKeys).
create table api_idempotency_key (
    client_id        varchar(255) not null,
    idempotency_key  varchar(255) not null,
    -- SHA-256 (hex) of the operation and its normalised request: the same key with another body is refused
    request_hash     varchar(64)  not null,
    response_status  integer      not null,
    response_body    text         not null,
    response_location varchar(2000),
    created_at       timestamp with time zone not null,
    primary key (client_id, idempotency_key)
);

create index api_idempotency_key_created_idx on api_idempotency_key (created_at);
