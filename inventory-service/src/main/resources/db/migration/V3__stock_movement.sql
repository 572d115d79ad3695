-- Every change of stock made for an order, with the global transaction (XID) it belonged to. It makes the
-- Saga steps idempotent (one deduction, one release per order and sku), lets TCC confirm/cancel find what
-- their try reserved, and shows that the XID crossed the HTTP call from order-service.
create table stock_movement (
    id         bigserial    primary key,
    order_id   uuid         not null,
    xid        varchar(128),
    kind       varchar(16)  not null,
    sku        varchar(64)  not null references product (sku),
    quantity   integer      not null check (quantity > 0),
    created_at timestamptz  not null default now(),
    constraint ux_stock_movement unique (order_id, kind, sku)
);
create index ix_stock_movement_xid on stock_movement (xid);
