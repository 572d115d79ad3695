#!/usr/bin/env bash
# The platform's books, audited: reads PostgreSQL (databases orders, inventory, scheduler) and Kafka
# (orders.events) and prints PASS or FAIL per invariant, with the offending rows under each FAIL.
# `./platform audit` runs this script; e2e/chaos.sh runs it after every scenario; e2e/audit-test.sh breaks a row
# per invariant and expects it to fail. One implementation for all three.
#
#   e2e/audit.sh [--settle SECONDS] [--only NAME[,NAME...]]
#
# --settle (default 30): how long the platform had to finish what was in flight. Prepared transactions,
#   undo-log rows and unpublished outbox rows younger than this, and PENDING orders younger than the global
#   transaction timeout (30 s) plus this, are in flight, not left behind.
# --only: run only these invariants (names as printed: stock, money, orders-settled, prepared-xacts,
#   idle-transactions, undo-log, seata-sessions, outbox, events, scheduler-fires, scheduler-gaps, scheduler-overdue, scheduler-ledger,
#   cache-products).
# Exit status: 0 every invariant holds, 1 at least one fails, 2 the audit could not read the books.
# Needs psql, curl, jq and a JDK (the Kafka reader runs with Java's source launcher on the dev stack's kafka-clients).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

SETTLE=30
ONLY=""
while (($#)); do
  case "$1" in
    --settle) SETTLE="${2:?--settle needs seconds}"; shift 2 ;;
    --only) ONLY="${2:?--only needs names}"; shift 2 ;;
    *) echo "usage: e2e/audit.sh [--settle SECONDS] [--only NAME,...]" >&2; exit 2 ;;
  esac
done
[[ "$SETTLE" =~ ^[0-9]+$ ]] || { echo "audit: --settle takes whole seconds" >&2; exit 2; }
# the global transactions' timeout (config/application.yml seata.client.tm.default-global-transaction-timeout)
TX_TIMEOUT=30
# a transaction with nothing running for this long is left open, not between two statements of a live request
IDLE_TX=10

# The running dev stack's coordinates, if ./platform up wrote them; else the local mode's defaults.
if [[ -f "$ROOT/.platform/run/devstack.env" ]]; then set -a; source "$ROOT/.platform/run/devstack.env"; set +a; fi
export PGHOST="${POSTGRES_HOST:-localhost}" PGPORT="${POSTGRES_PORT:-15432}" PGUSER="${POSTGRES_USER:-postgres}"
[[ -n "${POSTGRES_PASSWORD:-}" ]] && export PGPASSWORD="$POSTGRES_PASSWORD"
export PGCONNECT_TIMEOUT=5 PGAPPNAME=platform-audit
KAFKA="${KAFKA_BOOTSTRAP_SERVERS:-localhost:19092}"
TOPIC="${ORDERS_EVENTS_TOPIC:-orders.events}"

command -v psql >/dev/null || { echo "audit: psql is needed (Debian: postgresql-client)" >&2; exit 2; }
command -v jq >/dev/null || { echo "audit: jq is needed (Debian: jq)" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

failed=()
passed=0

# psql on one database, rows tab-separated with a header line; the script comes on stdin
sql() { local db="$1"; shift; psql -X -q -v ON_ERROR_STOP=1 -d "$db" -A -F $'\t' -P footer=off -v settle="$SETTLE" "$@"; }
# one value
value() { psql -X -q -v ON_ERROR_STOP=1 -d "$1" -At -c "$2"; }

wanted() { [[ -z "$ONLY" || ",$ONLY," == *",$1,"* ]]; }

# report <name> <statement of the invariant> <what was checked> <file with a header line and the offending rows>
report() {
  local name="$1" statement="$2" scope="$3" rows="$4" count
  count=$(($(wc -l <"$rows") - 1))
  ((count < 0)) && count=0
  if ((count == 0)); then
    printf 'PASS %-17s %s (%s)\n' "$name" "$statement" "$scope"
    passed=$((passed + 1))
  else
    printf 'FAIL %-17s %s (%s; %d offending)\n' "$name" "$statement" "$scope" "$count"
    head -n 21 "$rows" | sed 's/^/       /' | tr '\t' ' '
    ((count > 20)) && echo "       ... $((count - 20)) more"
    failed+=("$name")
  fi
  return 0
}

# Reachable at all? Otherwise nothing below means anything.
if ! value postgres "select 1" >/dev/null 2>"$WORK/err"; then
  echo "audit: cannot reach PostgreSQL at $PGHOST:$PGPORT: $(head -n1 "$WORK/err")" >&2
  exit 2
fi

# --- stock: received (initial + restocks) - available - reserved = units in CONFIRMED orders, per product ---
if wanted stock; then
  value orders "select i.sku || E'\t' || sum(i.quantity) from order_item i join orders o on o.id = i.order_id
                where o.status = 'CONFIRMED' group by i.sku" >"$WORK/confirmed-units"
  { cat <<'SQL'
create temp table confirmed (sku varchar(64) primary key, units bigint not null);
\copy confirmed from stdin
SQL
    cat "$WORK/confirmed-units"
    cat <<'SQL'
\.
select coalesce(p.sku, c.sku) as sku, p.received, p.available, p.reserved, p.sold,
       p.received - p.available - p.reserved as taken, coalesce(c.units, 0) as confirmed_units
from product p full join confirmed c on c.sku = p.sku
where p.sku is null or p.received - p.available - p.reserved <> coalesce(c.units, 0)
order by 1;
SQL
  } | sql inventory >"$WORK/stock"
  report stock "received - available - reserved = units in CONFIRMED orders" \
    "$(value inventory "select count(*) from product") products" "$WORK/stock"
fi

# --- money: opening - balance - frozen = totals of CONFIRMED orders, per account ---
if wanted money; then
  sql orders >"$WORK/money" <<'SQL'
with confirmed as (select user_id, sum(total_cents) as total from orders where status = 'CONFIRMED' group by user_id)
select coalesce(a.user_id, c.user_id) as user_id, a.opening_cents, a.balance_cents, a.frozen_cents,
       a.opening_cents - a.balance_cents - a.frozen_cents as spent, coalesce(c.total, 0) as confirmed_total
from account a full join confirmed c on c.user_id = a.user_id
where (a.user_id is null and c.total <> 0)
   or (a.user_id is not null and a.opening_cents - a.balance_cents - a.frozen_cents <> coalesce(c.total, 0))
order by 1;
SQL
  report money "opening - balance - frozen = totals of CONFIRMED orders" \
    "$(value orders "select count(*) from account") accounts" "$WORK/money"
fi

# --- orders-settled: no order PENDING beyond the global transaction timeout ---
if wanted orders-settled; then
  sql orders >"$WORK/pending" <<SQL
select id, user_id, mode, status, created_at, updated_at from orders
where status = 'PENDING' and updated_at < now() - interval '$((TX_TIMEOUT + SETTLE)) seconds' order by created_at;
SQL
  report orders-settled "no order PENDING for longer than ${TX_TIMEOUT} s + ${SETTLE} s" \
    "$(value orders "select count(*) from orders") orders" "$WORK/pending"
fi

# --- prepared-xacts: no XA branch left prepared (pg_prepared_xacts covers every database of the server) ---
if wanted prepared-xacts; then
  sql postgres >"$WORK/prepared" <<SQL
select gid, database, owner, prepared from pg_prepared_xacts
where prepared < now() - interval '$SETTLE seconds' order by prepared;
SQL
  report prepared-xacts "no prepared transaction older than ${SETTLE} s" "the whole server" "$WORK/prepared"
fi

# --- idle-transactions: no session left inside a transaction with nothing running ---
# Such a transaction holds its row locks, and its writes wait for whatever next commits on that connection: a
# pooled connection given back in its transaction (an XA branch the coordinator ended before it prepared did
# exactly that) commits them with the next borrower's work.
if wanted idle-transactions; then
  sql postgres >"$WORK/idle" <<SQL
select pid, datname as database, application_name, state, date_trunc('second', now() - state_change) as idle_for,
       left(regexp_replace(query, '\s+', ' ', 'g'), 60) as last_statement
from pg_stat_activity
where state like 'idle in transaction%' and state_change < now() - interval '$((IDLE_TX + SETTLE)) seconds'
order by state_change;
SQL
  report idle-transactions "no session idle inside a transaction for longer than ${IDLE_TX} s + ${SETTLE} s" \
    "the whole server" "$WORK/idle"
fi

# --- undo-log: no AT branch left between its two phases ---
# An undo log older than the settle time belongs either to a branch that neither committed nor rolled back (FAIL:
# its data may be wrong), or to a global transaction that committed but whose participant died between
# acknowledging phase two and deleting the log (AT phase two deletes undo logs asynchronously, after the
# acknowledgement, and nothing deletes them after a crash until Seata's log-save-days purge). The second kind is
# told apart by the order that carries the same XID: CONFIRMED means the transaction committed. It is counted
# and not failed: the data is right; what it can hold back (the outbox waits for the orders database's undo logs
# of its XID) is caught by the outbox and events invariants. Rows with log_status 1 are not undo logs but the
# markers a rollback writes when it overtakes its branch's phase one (so that the late phase one fails): counted
# with the others, not failed.
if wanted undo-log; then
  value orders "select xid from orders where status = 'CONFIRMED' and xid is not null" >"$WORK/committed-xids"
  stale=0
  : >"$WORK/undo"
  for db in orders inventory; do
    { cat <<'SQL'
create temp table committed (xid varchar(128) primary key);
\copy committed from stdin
SQL
      cat "$WORK/committed-xids"
      cat <<SQL
\.
select '$db' as database, u.xid, u.branch_id, u.log_status, u.log_created, c.xid is not null as committed
from undo_log u left join committed c on c.xid = u.xid
where u.log_created < localtimestamp - interval '$SETTLE seconds' order by u.log_created;
SQL
    } | sql "$db" >"$WORK/undo-$db"
    stale=$((stale + $(awk -F'\t' 'NR > 1 && ($6 == "t" || $4 == 1)' "$WORK/undo-$db" | wc -l)))
    if [[ ! -s "$WORK/undo" ]]; then head -n1 "$WORK/undo-$db" >"$WORK/undo"; fi
    awk -F'\t' 'NR > 1 && $6 != "t" && $4 != 1' "$WORK/undo-$db" >>"$WORK/undo"
  done
  report undo-log "no undo_log row older than ${SETTLE} s of a transaction that did not commit" \
    "databases orders, inventory; $stale left by committed transactions or rollback markers" "$WORK/undo"
fi

# --- outbox: every event left the outbox (published_at set) ---
if wanted outbox; then
  sql orders >"$WORK/outbox" <<SQL
select event_id, aggregate_id as order_id, type, xid, created_at from outbox
where published_at is null and created_at < now() - interval '$SETTLE seconds' order by id;
SQL
  report outbox "no event held in the outbox for longer than ${SETTLE} s" \
    "$(value orders "select count(*) from outbox") events" "$WORK/outbox"
fi

# --- seata-sessions: no global transaction left open at the coordinator ---
# Read from the coordinator's console API (log in, then list the global sessions it holds). A session older than
# the transaction timeout plus the settle time is one the coordinator could not finish: a branch it cannot reach,
# a Saga it cannot compensate.
if wanted seata-sessions; then
  console="${SEATA_CONSOLE_ADDRESS:-localhost:17091}"
  credentials="$(jq -cn --arg u "${SEATA_CONSOLE_USER:-seata}" --arg p "${SEATA_CONSOLE_PASSWORD:-seata}" '{username: $u, password: $p}')"
  token="$(curl -sf -m 5 -H 'Content-Type: application/json' -d "$credentials" "http://$console/api/v1/auth/login" |
    jq -r '.data // empty')" || token=""
  [[ -n "$token" ]] || { echo "audit: cannot log in to the Seata coordinator's console at $console" >&2; exit 2; }
  if ! curl -sf -m 10 -H "Authorization: $token" \
      "http://$console/api/v1/console/globalSession/query?pageNum=1&pageSize=100000&withBranch=false" >"$WORK/sessions.json"; then
    echo "audit: cannot list the global sessions at $console" >&2
    exit 2
  fi
  cutoff_ms=$((($(date +%s) - TX_TIMEOUT - SETTLE) * 1000))
  { printf 'xid\tstatus\ttransaction_name\tapplication_id\tbegin_time\n'
    jq -r --argjson cutoff "$cutoff_ms" '
      ["UnKnown","Begin","Committing","CommitRetrying","Rollbacking","RollbackRetrying","TimeoutRollbacking",
       "TimeoutRollbackRetrying","AsyncCommitting","Committed","CommitFailed","Rollbacked","RollbackFailed",
       "TimeoutRollbacked","TimeoutRollbackFailed","Finished"] as $names
      | .data[] | select(.beginTime < $cutoff)
      | [.xid, ($names[.status] // (.status | tostring)), .transactionName, .applicationId, (.beginTime / 1000 | floor | todate)]
      | @tsv' "$WORK/sessions.json"; } >"$WORK/sessions"
  report seata-sessions "no global transaction open at the coordinator for longer than ${TX_TIMEOUT} s + ${SETTLE} s" \
    "$(jq -r '.data | length' "$WORK/sessions.json") open now" "$WORK/sessions"
fi

# --- events: exactly one OrderPlaced per CONFIRMED order on orders.events (by event id), none for any other ---
if wanted events; then
  classpath="$ROOT/devstack/target/classes/META-INF/devstack/classpath.txt"
  [[ -f "$classpath" ]] || { echo "audit: $classpath missing: build first (./mvnw -B -q package -DskipTests)" >&2; exit 2; }
  kafka_cp="$(tr ':' '\n' <"$classpath" | grep -E '/(kafka-clients|slf4j-api)-[^/]*\.jar$' | paste -sd:)"
  java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  if ! "$java_bin" -Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dslf4j.internal.verbosity=ERROR \
      -cp "$kafka_cp" "$ROOT/e2e/audit/OrderEvents.java" "$KAFKA" "$TOPIC" >"$WORK/kafka" 2>"$WORK/kafka-err"; then
    echo "audit: cannot read $TOPIC from $KAFKA: $(grep -v SLF4J "$WORK/kafka-err" | head -n3)" >&2
    exit 2
  fi
  { cat <<'SQL'
create temp table event (order_id text, event_id text, event_type text);
\copy event from stdin
SQL
    cat "$WORK/kafka"
    cat <<'SQL'
\.
-- per order: distinct OrderPlaced event ids seen, and records seen (a redelivered event id counts once)
create temp table placed as
  select order_id, count(distinct event_id) as events, count(*) as records from event
  where event_type = 'OrderPlaced' group by order_id;
select coalesce(o.id::text, p.order_id) as order_id, o.status, o.mode, coalesce(p.events, 0) as order_placed_events
from orders o full join placed p on p.order_id = o.id::text
where (o.status = 'CONFIRMED' and coalesce(p.events, 0) <> 1
       -- confirmed moments ago, its event still on its way out of the outbox: in flight
       and not exists (select 1 from outbox x where x.aggregate_id = o.id and x.published_at is null
                       and x.created_at >= now() - interval '1 second' * :settle))
   or (p.order_id is not null and (o.id is null or o.status <> 'CONFIRMED'))
order by 1;
SQL
  } | sql orders >"$WORK/events"
  records="$(wc -l <"$WORK/kafka")"
  redelivered="$(awk -F'\t' '$3 == "OrderPlaced" { n[$2]++ } END { d = 0; for (k in n) if (n[k] > 1) d += n[k] - 1; print d }' "$WORK/kafka")"
  report events "one OrderPlaced per CONFIRMED order, none for any other order" \
    "$records records on $TOPIC, $redelivered redelivered (same event id, dropped by consumers)" "$WORK/events"
fi

# --- scheduler: a (schedule, fire time) fired once, and its ledger written once ---
if wanted scheduler-fires; then
  sql scheduler >"$WORK/fires" <<'SQL'
select schedule_id, fire_time, count(*) as runs from run group by schedule_id, fire_time having count(*) > 1 order by 2;
SQL
  report scheduler-fires "no (schedule, fire_time) fired twice" "$(value scheduler "select count(*) from run") runs" "$WORK/fires"
fi
# Every fire time of a fixed-rate schedule is on record, as a run or as a SKIPPED run (the misfire policies record
# what they skip), except in the periods the schedule was paused: a longer step between two recorded fires is a
# lost fire. Cron schedules are left to scheduler-overdue (their fire times are not arithmetic in SQL).
if wanted scheduler-gaps; then
  sql scheduler >"$WORK/gaps" <<'SQL'
with fires as (
  select r.schedule_id, s.name, s.fixed_rate_ms, r.fire_time,
         lead(r.fire_time) over (partition by r.schedule_id order by r.fire_time) as next_recorded
  from run r join schedule s on s.id = r.schedule_id where s.fixed_rate_ms is not null)
select schedule_id, name, fire_time, next_recorded,
       round(extract(epoch from next_recorded - fire_time) * 1000 / fixed_rate_ms)::bigint - 1 as fires_missing
from fires f
where next_recorded - fire_time > fixed_rate_ms * interval '1 millisecond'
  and not exists (select 1 from schedule_pause p where p.schedule_id = f.schedule_id
                  and p.paused_at < f.next_recorded and coalesce(p.resumed_at, 'infinity') > f.fire_time)
order by fire_time;
SQL
  report scheduler-gaps "every fire time of a fixed-rate schedule recorded (run or SKIPPED), pauses aside" \
    "$(value scheduler "select count(*) from schedule where fixed_rate_ms is not null") fixed-rate schedules" "$WORK/gaps"
fi
# A fire later than the scheduler's misfire threshold (5 s) is a misfire by the scheduler's own measure; anything
# below it is ordinary lateness of a leader at work, not a leader gone.
if wanted scheduler-overdue; then
  MISFIRE_THRESHOLD=5
  sql scheduler >"$WORK/overdue" <<SQL
select id, name, next_fire_at, last_fire_at from schedule
where state = 'ACTIVE' and next_fire_at < now() - interval '$((MISFIRE_THRESHOLD + SETTLE)) seconds' order by next_fire_at;
SQL
  report scheduler-overdue "no active schedule overdue by more than the misfire threshold ${MISFIRE_THRESHOLD} s + ${SETTLE} s" \
    "$(value scheduler "select count(*) from schedule where state = 'ACTIVE'") active schedules" "$WORK/overdue"
fi
if wanted scheduler-ledger; then
  sql scheduler >"$WORK/ledger" <<'SQL'
select schedule_id, fire_time, count(*) as ledger_rows, string_agg(fencing_token::text, ',') as fencing_tokens
from ledger group by schedule_id, fire_time having count(*) > 1 order by 2;
SQL
  report scheduler-ledger "no (schedule, fire_time) written twice to the ledger" \
    "$(value scheduler "select count(*) from ledger") ledger rows" "$WORK/ledger"
fi

# --- cache-products: no cache instance serves a product older than inventory's, beyond the cache's bound ---
# Every product read through each cache-service instance (straight, not through the gateway) against inventory's
# current version. A change's invalidation can take up to the L1 cap (5 s) to reach an instance whatever is lost,
# so a product served older is read again after that bound, and only a second stale answer fails.
if wanted cache-products; then
  read -r -a instances <<<"${CACHE_INSTANCES:-localhost:8086 localhost:8087}"
  cache_read() { # <instance> <sku>: "sku<TAB>instance<TAB>version<TAB>X-Cache"
    local body="$WORK/body" head="$WORK/head" source version
    curl -s -m 5 -D "$head" -o "$body" "http://$1/api/cache/products/$2" 2>/dev/null || : >"$body"
    source="$(tr -d '\r' <"$head" 2>/dev/null | awk -F': ' 'tolower($1)=="x-cache" {print $2}')"
    version="$(jq -r '.version // "none"' "$body" 2>/dev/null)" || version=none
    rm -f "$head" "$body"
    printf '%s\t%s\t%s\t%s\n' "$2" "$1" "${version:-none}" "$source"
  }
  value inventory "select sku || E'\t' || version from product order by sku" >"$WORK/versions"
  stale_pass() { # <file of sku TAB version>: the stale answers, "sku instance cached inventory x_cache"
    while IFS=$'\t' read -r sku version; do
      for instance in "${instances[@]}"; do
        IFS=$'\t' read -r _ _ cached source < <(cache_read "$instance" "$sku")
        if [[ "$cached" != "$version" ]]; then printf '%s\t%s\t%s\t%s\t%s\n' "$sku" "$instance" "$cached" "$version" "$source"; fi
      done
    done <"$1"
  }
  stale_pass "$WORK/versions" >"$WORK/stale-1"
  { printf 'sku\tinstance\tcached_version\tinventory_version\tx_cache\n'
    if [[ -s "$WORK/stale-1" ]]; then
      sleep 6
      cut -f1 "$WORK/stale-1" | sort -u | while read -r sku; do
        value inventory "select sku || E'\t' || version from product where sku = '$sku'"
      done >"$WORK/recheck"
      stale_pass "$WORK/recheck"
    fi; } >"$WORK/cache"
  report cache-products "every cache instance serves each product at inventory's version, 5 s (the L1 cap) after a change" \
    "$(wc -l <"$WORK/versions") products x ${#instances[@]} instances; $(wc -l <"$WORK/stale-1") older answers seen at first" "$WORK/cache"
fi

if ((${#failed[@]})); then
  echo "audit: FAIL (${failed[*]}); $passed passed"
  exit 1
fi
echo "audit: PASS ($passed invariants)"
