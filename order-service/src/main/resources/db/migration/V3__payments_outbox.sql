alter table orders add column xid varchar(128);
alter table orders add column request_hash varchar(64);
alter table orders add column failure_code varchar(64);

-- The accounts ledger: frozen_cents holds what TCC tries reserved and their confirm has not spent yet.
create table account (
    user_id      varchar(64) primary key,
    balance_cents bigint     not null check (balance_cents >= 0),
    frozen_cents bigint      not null default 0 check (frozen_cents >= 0),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);

-- One payment per order: makes debit and refund idempotent and shows what each mode did.
create table payment (
    order_id     uuid        primary key,
    user_id      varchar(64) not null references account (user_id),
    amount_cents bigint      not null check (amount_cents >= 0),
    status       varchar(16) not null,
    xid          varchar(128),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);

-- Transactional outbox: written in the same local transaction as the order's confirmation and relayed to
-- Kafka (orders.events) afterwards, at least once, each event with a unique id for consumers to de-duplicate.
create table outbox (
    id           bigserial    primary key,
    event_id     uuid         not null unique,
    aggregate_id uuid         not null,
    type         varchar(64)  not null,
    payload      text         not null,
    xid          varchar(128),
    created_at   timestamptz  not null default now(),
    published_at timestamptz
);
create index ix_outbox_unpublished on outbox (id) where published_at is null;
