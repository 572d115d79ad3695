-- Everything a product ever received: its initial stock plus every restock. With it the stock's books can be
-- audited (./platform audit): received - available - reserved must equal the units of CONFIRMED orders.
-- Rows that exist already are assumed balanced at this point: received starts as available + reserved + sold.
alter table product add column received integer;
update product set received = available + reserved + sold;
alter table product alter column received set not null;
alter table product add constraint product_received_non_negative check (received >= 0);
