create table orders (
    id              uuid         primary key,
    user_id         varchar(64)  not null,
    status          varchar(16)  not null,
    mode            varchar(8)   not null,
    total_cents     bigint       not null check (total_cents >= 0),
    failure_reason  varchar(500),
    idempotency_key varchar(128) unique,
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now()
);
create index ix_orders_user on orders (user_id, created_at desc);

create table order_item (
    order_id    uuid        not null references orders (id),
    sku         varchar(64) not null,
    quantity    integer     not null check (quantity > 0),
    price_cents bigint      not null check (price_cents >= 0),
    primary key (order_id, sku)
);
