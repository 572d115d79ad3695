-- Stock counters are never negative: the database refuses an oversell even if the code had a bug.
create table product (
    sku         varchar(64)  primary key,
    name        varchar(200) not null,
    price_cents bigint       not null check (price_cents >= 0),
    available   integer      not null check (available >= 0),
    reserved    integer      not null default 0 check (reserved >= 0),
    sold        integer      not null default 0 check (sold >= 0),
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now()
);

insert into product (sku, name, price_cents, available) values
    ('KB-001', 'Mechanical keyboard', 8900, 100),
    ('MS-002', 'Wireless mouse', 2900, 250),
    ('MN-003', '27-inch monitor', 27900, 40),
    ('HD-004', 'Noise-cancelling headphones', 19900, 60),
    ('CB-005', 'USB-C cable', 900, 1000);
