#!/usr/bin/env bash
# Tests of the audit (e2e/audit.sh) on a running local platform: the platform as it is passes; then, one invariant
# at a time, a deliberately broken row is written straight into PostgreSQL, the audit must FAIL that invariant and
# name the row, the row is removed, and the audit passes again. Every row it writes is tagged "audit-test" and
# removed on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -f .platform/run/devstack.env ]]; then set -a; source .platform/run/devstack.env; set +a; fi
export PGHOST="${POSTGRES_HOST:-localhost}" PGPORT="${POSTGRES_PORT:-15432}" PGUSER="${POSTGRES_USER:-postgres}"
tag="audit-test-$(date +%s)-$$"
order_id="$(cat /proc/sys/kernel/random/uuid)"
schedule_id="$(cat /proc/sys/kernel/random/uuid)"
failures=0

psql_do() { psql -X -q -v ON_ERROR_STOP=1 -d "$1" -c "$2" >/dev/null; }

cleanup() {
  psql -X -q -d inventory -c "delete from product where sku = upper('$tag')" >/dev/null 2>&1 || true
  psql -X -q -d inventory -c "delete from undo_log where xid = '$tag'" >/dev/null 2>&1 || true
  psql -X -q -d orders -c "delete from account where user_id = '$tag'; delete from orders where id = '$order_id'" >/dev/null 2>&1 || true
  psql -X -q -d scheduler -c "delete from ledger where schedule_id = '$schedule_id'; delete from run where schedule_id = '$schedule_id';
    delete from schedule_pause where schedule_id = '$schedule_id'; delete from schedule where id = '$schedule_id'" >/dev/null 2>&1 || true
  ./platform kill scheduler-service-1 --signal CONT >/dev/null 2>&1 || true
  ./platform kill scheduler-service-2 --signal CONT >/dev/null 2>&1 || true
  psql -X -q -d scheduler -c "rollback prepared '$tag'" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# expect <PASS|FAIL> <invariant> <text the report must contain> [audit options...]
expect() {
  local want="$1" name="$2" text="$3" out rc=0
  shift 3
  out="$(e2e/audit.sh --only "$name" "$@" 2>&1)" || rc=$?
  if [[ "$want" == PASS && "$rc" == 0 && "$out" == *"PASS $name"* ]] \
    || [[ "$want" == FAIL && "$rc" == 1 && "$out" == *"FAIL $name"* && "$out" == *"$text"* ]]; then
    echo "ok   $name: $want${text:+ naming $text}"
  else
    echo "FAIL $name: wanted $want${text:+ naming $text}, got exit $rc:"
    sed 's/^/     /' <<<"$out"
    failures=$((failures + 1))
  fi
}

echo "== the platform as it is passes every invariant"
out="$(e2e/audit.sh 2>&1)" && echo "ok   audit: PASS" || { echo "FAIL the platform as it is does not pass:"; sed 's/^/     /' <<<"$out"; failures=$((failures + 1)); }

sku="${tag^^}"
echo "== stock: a product that lost 3 units that no order took"
psql_do inventory "insert into product (sku, name, price_cents, available, received) values ('$sku', 'audit test', 100, 7, 10)"
expect FAIL stock "$sku"
psql_do inventory "update product set available = 10 where sku = '$sku'"
expect PASS stock ""

echo "== cache-products: a product changed behind the cache's back (no event), so both instances keep the old version"
for instance in localhost:8086 localhost:8087; do
  curl -s -m 5 -o /dev/null "http://$instance/api/cache/products/$sku"   # cached at its current version
done
psql_do inventory "update product set version = version + 1 where sku = '$sku'"
expect FAIL cache-products "$sku"
psql_do inventory "update product set version = version - 1 where sku = '$sku'"
expect PASS cache-products ""

echo "== money: an account charged 500 cents for no order"
psql_do orders "insert into account (user_id, balance_cents, opening_cents) values ('$tag', 500, 1000)"
expect FAIL money "$tag"
psql_do orders "update account set balance_cents = 1000 where user_id = '$tag'"
expect PASS money ""

echo "== orders-settled: an order PENDING for an hour"
psql_do orders "insert into orders (id, user_id, status, mode, total_cents, created_at, updated_at)
                values ('$order_id', '$tag', 'PENDING', 'AT', 0, now() - interval '1 hour', now() - interval '1 hour')"
expect FAIL orders-settled "$order_id"

echo "== events: the same order CONFIRMED without its OrderPlaced event"
psql_do orders "update orders set status = 'CONFIRMED' where id = '$order_id'"
expect PASS orders-settled ""
expect FAIL events "$order_id"
psql_do orders "delete from orders where id = '$order_id'"
expect PASS events ""

echo "== prepared-xacts: an XA branch left prepared"
psql -X -q -v ON_ERROR_STOP=1 -d scheduler >/dev/null <<SQL
begin;
select txid_current();
prepare transaction '$tag';
SQL
expect FAIL prepared-xacts "$tag" --settle 0
psql_do scheduler "rollback prepared '$tag'"
expect PASS prepared-xacts "" --settle 0

echo "== idle-transactions: a session gone idle inside its transaction"
coproc idle_session { psql -X -q -d scheduler -v ON_ERROR_STOP=1 >/dev/null 2>&1; }
# bash unsets a coprocess's variables as soon as it exits: keep its pid and input now
idle_pid=$idle_session_PID
idle_in=${idle_session[1]}
echo "begin; set application_name = '$tag'; select txid_current();" >&"$idle_in"
# the audit counts a transaction idle for over 10 s (+ settle) as left open
for _ in $(seq 60); do
  [[ "$(psql -X -At -d postgres -c "select count(*) from pg_stat_activity where application_name = '$tag'
        and state like 'idle in transaction%' and state_change < now() - interval '11 seconds'")" == 1 ]] && break
  sleep 1
done
expect FAIL idle-transactions "$tag" --settle 0
echo "rollback;" >&"$idle_in"
exec {idle_in}>&-
wait "$idle_pid" 2>/dev/null || true
expect PASS idle-transactions "" --settle 0

echo "== undo-log: an AT undo log an hour old"
# its XID is deliberately not shaped like Seata's (host:port:id): platform-starter's SettledUndoLogs leaves such rows alone
psql_do inventory "insert into undo_log (branch_id, xid, context, rollback_info, log_status, log_created, log_modified)
                   values (1, '$tag', 'serializer=jackson', '\\x00', 0, localtimestamp - interval '1 hour', localtimestamp)"
expect FAIL undo-log "$tag"
psql_do inventory "delete from undo_log where xid = '$tag'"
expect PASS undo-log ""

echo "== scheduler-ledger: one fire written twice to the ledger"
psql_do scheduler "insert into ledger (run_id, schedule_id, fire_time, fencing_token, worker) values
                   (gen_random_uuid(), '$schedule_id', '2030-01-01T00:00:00Z', 1, '$tag'),
                   (gen_random_uuid(), '$schedule_id', '2030-01-01T00:00:00Z', 2, '$tag')"
expect FAIL scheduler-ledger "$schedule_id"
psql_do scheduler "delete from ledger where schedule_id = '$schedule_id'"
expect PASS scheduler-ledger ""

echo "== scheduler-gaps: a fixed-rate schedule with two fires missing between its runs"
psql_do scheduler "insert into schedule (id, name, task, fixed_rate_ms, max_attempts, backoff_ms, misfire, concurrency,
                                         timeout_ms, state)
                   values ('$schedule_id', '$tag', 'noop', 1000, 1, 0, 'FIRE_ONCE', 'ALLOW', 1000, 'DELETED');
                   insert into run (id, schedule_id, fire_time, status, fencing_token) values
                   (gen_random_uuid(), '$schedule_id', '2030-01-01T00:00:00Z', 'SUCCEEDED', 1),
                   (gen_random_uuid(), '$schedule_id', '2030-01-01T00:00:03Z', 'SUCCEEDED', 1)"
expect FAIL scheduler-gaps "$schedule_id"
psql_do scheduler "insert into schedule_pause (schedule_id, paused_at, resumed_at)
                   values ('$schedule_id', '2030-01-01T00:00:00.5Z', '2030-01-01T00:00:02.5Z')"
expect PASS scheduler-gaps ""

echo "== scheduler-overdue: an active schedule due an hour ago while both schedulers are frozen"
./platform kill scheduler-service-1 --signal STOP >/dev/null
./platform kill scheduler-service-2 --signal STOP >/dev/null
psql_do scheduler "update schedule set state = 'ACTIVE', next_fire_at = now() - interval '1 hour' where id = '$schedule_id'"
expect FAIL scheduler-overdue "$schedule_id"
psql_do scheduler "update schedule set state = 'DELETED', next_fire_at = null where id = '$schedule_id'"
./platform kill scheduler-service-1 --signal CONT >/dev/null
./platform kill scheduler-service-2 --signal CONT >/dev/null
expect PASS scheduler-overdue ""

echo "== scheduler-fires: the database itself refuses a second run of one (schedule, fire_time)"
if psql -X -q -d scheduler -c "select conname from pg_constraint where conname = 'run_fired_once'" -At | grep -q run_fired_once; then
  echo "ok   scheduler-fires: run_fired_once unique constraint present (the audit checks it anyway)"
else
  echo "FAIL scheduler-fires: constraint run_fired_once missing"; failures=$((failures + 1))
fi

if ((failures)); then echo "$failures audit test(s) failed"; exit 1; fi
echo "all audit tests passed"
