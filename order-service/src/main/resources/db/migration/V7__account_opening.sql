-- The balance an account was opened with, never changed afterwards. With it the money's books can be audited
-- (./platform audit): opening - balance - frozen must equal the totals of the user's CONFIRMED orders.
-- Accounts that exist already are assumed balanced at this point: their debited payments are added back.
alter table account add column opening_cents bigint;
update account a set opening_cents = a.balance_cents + a.frozen_cents
    + coalesce((select sum(p.amount_cents) from payment p where p.user_id = a.user_id and p.status = 'DEBITED'), 0);
alter table account alter column opening_cents set not null;
