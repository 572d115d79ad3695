-- Every change of a product raises its version (the cache's entries carry it and refuse to go back to an older
-- one). last_xid is the global transaction of the last AT write: while that transaction still has undo-log
-- entries here, the row may yet be restored by Seata, so reads mark it as not cacheable.
alter table product add column version bigint not null default 1;
alter table product add column last_xid varchar(128);

-- Transactional outbox of product events (ProductChanged), written in the transaction that changes the product
-- and relayed to Kafka (inventory.events) once that transaction's outcome is final here.
create table outbox (
    id           bigserial    primary key,
    event_id     uuid         not null unique,
    aggregate_id varchar(64)  not null,
    type         varchar(64)  not null,
    payload      text         not null,
    xid          varchar(128),
    created_at   timestamptz  not null default now(),
    published_at timestamptz
);
create index ix_outbox_unpublished on outbox (id) where published_at is null;
