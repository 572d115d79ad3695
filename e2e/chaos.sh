#!/usr/bin/env bash
# Faults under load, with the books audited afterwards, on a running local platform (./platform up).
#
#   e2e/chaos.sh [--short] [scenario...]        (default: every scenario, in this order)
#
#   inventory-kill    SIGKILL inventory-service-2, start it again
#   order-kill        SIGKILL order-service-1 with orders of every mode in flight, start it again
#   tc-restart        SIGKILL the Seata coordinator, start it again on its surviving file store
#   kafka-restart     SIGKILL the Kafka broker, down for 20 s (--short: 8 s), start it again
#   postgres-restart  SIGKILL PostgreSQL, down for 10 s (--short: 5 s), start it again
#   redis-kill        SIGKILL redis-1 (rate limits, kept responses, the scheduler's lease), down 20 s (8 s), start
#   leader-pause      SIGSTOP the scheduler's leader for 15 s, past its 10 s lease, then SIGCONT
#
# Each scenario: a mixed load through the gateway (catalog reads, from inventory and through the cache; orders in
# AT, TCC, XA and SAGA, each with an Idempotency-Key and retried with the same key on 5xx, 409, 429 or no answer,
# as a real client does; a quarter of them for a user without money, so their transactions roll back; scheduler
# jobs; and, for the whole run, a fixed-rate schedule writing the scheduler's ledger), the fault, the heal, more
# load, then a wait until nothing is in flight (no PENDING order, undo log, prepared transaction, unpublished
# event or overdue schedule) and the audit (e2e/audit.sh).
# One line of figures per scenario:
#   requests      attempts sent (a retried order counts once per attempt)
#   errors        attempts answered with a status other than 2xx or 402 (the moneyless user's refusals), by
#                 status (000: no answer, e.g. connection refused or the client's 12 s timeout), and per kind
#   window        the longest stretch during which one kind of request kept failing: from the end of its first
#                 failed attempt to the end of its next successful one
#   recovered     from the heal (the restarted process ready, or the paused one resumed) to the end of the last
#                 failed attempt; 0 when nothing failed after the heal
#   audit         PASS or FAIL (the audit's output is kept under .platform/chaos/<run>/)
# --short runs every scenario with short phases (CI); the full durations are the README's figures.
# Exit status: 1 if an audit failed or a fault could not be injected or healed.
set -uo pipefail
cd "$(dirname "$0")/.."

ALL=(inventory-kill order-kill tc-restart kafka-restart postgres-restart redis-kill leader-pause)
SHORT=0
scenarios=()
for arg in "$@"; do
  case "$arg" in
    --short) SHORT=1 ;;
    -h | --help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) [[ " ${ALL[*]} " == *" $arg "* ]] || { echo "unknown scenario '$arg'; known: ${ALL[*]}" >&2; exit 2; }
       scenarios+=("$arg") ;;
  esac
done
((${#scenarios[@]})) || scenarios=("${ALL[@]}")

if ((SHORT)); then WARM=4; AFTER=15; DOWN_LONG=8; DOWN_SHORT=5; SETTLE_TIMEOUT=60
else WARM=15; AFTER=30; DOWN_LONG=20; DOWN_SHORT=10; SETTLE_TIMEOUT=120; fi
PAUSE=15          # the scheduler's lease is 10 s (SCHEDULER_LEADER_LEASE): a pause past it
GATEWAY="${GATEWAY_URL:-http://localhost:${GATEWAY_PORT:-8080}}"
RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)"
OUT=".platform/chaos/$RUN_ID"
mkdir -p "$OUT"
if [[ -f .platform/run/devstack.env ]]; then set -a; source .platform/run/devstack.env; set +a; fi
export PGHOST="${POSTGRES_HOST:-localhost}" PGPORT="${POSTGRES_PORT:-15432}" PGUSER="${POSTGRES_USER:-postgres}" PGCONNECT_TIMEOUT=3

command -v psql >/dev/null || { echo "chaos: psql is needed (Debian: postgresql-client)" >&2; exit 2; }
curl -fsS -m 5 -o /dev/null "$GATEWAY/actuator/health" || { echo "chaos: no platform at $GATEWAY (./platform up)" >&2; exit 2; }

now() { echo "$EPOCHREALTIME"; }
log() { printf '%s chaos: %s\n' "$(date -u +%T)" "$*" | tee -a "$OUT/chaos.log" >&2; }

# --- the workload's accounts, products and schedule, made once per run through the gateway ---
tag="chaos-$(date +%s)"
ADMIN="Authorization: Bearer $(./platform token chaos-admin admin)"
users=("$tag-1" "$tag-2" "$tag-3" "$tag-poor")
declare -A TOKEN
for u in "${users[@]}"; do TOKEN[$u]="$(./platform token "$u")"; done
skus=("${tag^^}-1" "${tag^^}-2" "${tag^^}-3" "KB-001")

admin_post() {
  local status attempt
  for attempt in $(seq 20); do
    status="$(curl -s -m 10 -o "$OUT/setup.body" -w '%{http_code}' -H "$ADMIN" -H 'Content-Type: application/json' \
      -X POST -d "$2" "$GATEWAY$1")" || true
    [[ "$status" == 2* ]] && return 0
    sleep 1
  done
  echo "chaos: POST $1 answered $status: $(cat "$OUT/setup.body")" >&2
  exit 2
}
for sku in "${skus[@]:0:3}"; do
  admin_post /api/inventory/products "{\"sku\":\"$sku\",\"name\":\"chaos item\",\"priceCents\":100,\"available\":1000000}"
done
admin_post /api/inventory/products/KB-001/restock '{"quantity":1000}'
for u in "${users[@]:0:3}"; do admin_post /api/payments/accounts "{\"userId\":\"$u\",\"balanceCents\":100000000000}"; done
admin_post /api/payments/accounts "{\"userId\":\"$tag-poor\",\"balanceCents\":0}"
schedule="$(curl -s -m 10 -H "Authorization: Bearer ${TOKEN[$tag-1]}" -H 'Content-Type: application/json' \
  -d "{\"name\":\"$tag-ledger\",\"task\":\"ledger\",\"fixedRate\":\"PT1S\"}" "$GATEWAY/api/scheduler/schedules")"
schedule_id="$(sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' <<<"$schedule")"
[[ -n "$schedule_id" ]] || { echo "chaos: could not create the ledger schedule: $schedule" >&2; exit 2; }

finish() {
  [[ -n "${schedule_id:-}" ]] && curl -s -m 10 -o /dev/null -X DELETE -H "Authorization: Bearer ${TOKEN[$tag-1]}" \
    "$GATEWAY/api/scheduler/schedules/$schedule_id"
  stop_load 2>/dev/null || true
}
trap finish EXIT

# --- the load: one background loop per kind, each attempt logged as "start end kind status" ---
# record <file> <kind> <curl args...>: one attempt; prints its status
record() {
  local file="$1" kind="$2" start status
  shift 2
  start="$(now)"
  status="$(curl -s -m 12 -o /dev/null -w '%{http_code}' "$@" 2>/dev/null)" || true
  [[ -n "$status" ]] || status=000
  echo "$start $(now) $kind $status" >>"$file"
  echo "$status"
}

reader() {
  local file="$1" n=0
  until [[ -f "$STOP" ]]; do
    if ((n % 4 == 0)); then record "$file" read "$GATEWAY/api/inventory/products" >/dev/null
    else record "$file" read "$GATEWAY/api/inventory/products/${skus[n % 4]}" >/dev/null; fi
    record "$file" cache -H "Authorization: Bearer ${TOKEN[$tag-2]}" "$GATEWAY/api/cache/products/${skus[n % 4]}" >/dev/null
    n=$((n + 1))
    sleep 0.2
  done
}

orderer() {
  local file="$1" worker="$2" n=0 modes=(AT TCC XA SAGA) mode user key status deadline
  until [[ -f "$STOP" ]]; do
    mode="${modes[n % 4]}"
    if (((n + worker) % 4 == 3)); then user="$tag-poor"; else user="${users[(n + worker) % 3]}"; fi
    key="$tag-$SCENARIO-$worker-$n"
    deadline=$((SECONDS + 90))
    while true; do
      status="$(record "$file" order -X POST -H "Authorization: Bearer ${TOKEN[$user]}" \
        -H 'Content-Type: application/json' -H "Idempotency-Key: $key" \
        -d "{\"userId\":\"$user\",\"mode\":\"$mode\",\"items\":[{\"sku\":\"${skus[n % 4]}\",\"quantity\":1}]}" \
        "$GATEWAY/api/orders")"
      case "$status" in 000 | 5?? | 409 | 429) ;; *) break ;; esac
      ((SECONDS < deadline)) && [[ ! -f "$STOP" ]] || break
      sleep 1
    done
    n=$((n + 1))
    sleep 0.3
  done
}

jobber() {
  local file="$1" n=0 status deadline
  until [[ -f "$STOP" ]]; do
    # a job not answered is sent again under its key, as a client should: it is still made once
    deadline=$((SECONDS + 30))
    while true; do
      status="$(record "$file" job -X POST -H "Authorization: Bearer ${TOKEN[$tag-2]}" \
        -H 'Content-Type: application/json' -H "Idempotency-Key: $tag-$SCENARIO-job-$n" \
        -d '{"name":"chaos.tick"}' "$GATEWAY/api/scheduler/jobs")"
      case "$status" in 000 | 5?? | 429) ;; *) break ;; esac
      ((SECONDS < deadline)) && [[ ! -f "$STOP" ]] || break
      sleep 1
    done
    n=$((n + 1))
    sleep 1
  done
}

LOAD_PIDS=()
start_load() {
  SCENARIO_START="$(now)"
  STOP="$DIR/stop"
  rm -f "$STOP"
  reader "$DIR/read.log" & LOAD_PIDS+=($!)
  orderer "$DIR/order-1.log" 1 & LOAD_PIDS+=($!)
  orderer "$DIR/order-2.log" 2 & LOAD_PIDS+=($!)
  jobber "$DIR/job.log" & LOAD_PIDS+=($!)
}
stop_load() {
  [[ -n "${STOP:-}" ]] && touch "$STOP"
  local pid
  for pid in "${LOAD_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  LOAD_PIDS=()
}

# --- settling: nothing in flight any more, or SETTLE_TIMEOUT ---
in_flight() {
  local orders undo prepared overdue
  # only what this scenario started: something an earlier scenario left behind is that scenario's finding (its
  # audit failed), and waiting for it again would only repeat the timeout
  orders="$(psql -X -At -d orders -c "select (select count(*) from orders where status = 'PENDING'
        and created_at >= to_timestamp($SCENARIO_START))
      + (select count(*) from outbox where published_at is null and created_at >= to_timestamp($SCENARIO_START))" \
      2>/dev/null)" || orders=x
  prepared="$(psql -X -At -d postgres -c "select count(*) from pg_prepared_xacts" 2>/dev/null)" || prepared=x
  # a scheduler without a leader for a moment (the lease changing hands) is in flight too: its fires are due
  overdue="$(psql -X -At -d scheduler -c "select count(*) from schedule where state = 'ACTIVE'
        and next_fire_at < now() - interval '1 second'" 2>/dev/null)" || overdue=x
  # undo logs of committed transactions whose participant died before deleting them never go away by themselves:
  # the audit's own check tells them from branches still between their phases
  e2e/audit.sh --only undo-log --settle 0 >/dev/null 2>&1 && undo=0 || undo=x
  echo "pending-orders+outbox=$orders undo-logs-in-flight=$undo prepared=$prepared overdue-schedules=$overdue"
  [[ "$orders" == 0 && "$undo" == 0 && "$prepared" == 0 && "$overdue" == 0 ]] && return 1
  return 0
}
settle() {
  local deadline=$((SECONDS + SETTLE_TIMEOUT)) state
  while state="$(in_flight)"; do
    if ((SECONDS >= deadline)); then log "not settled after ${SETTLE_TIMEOUT} s: $state"; return 1; fi
    sleep 1
  done
  return 0
}

# --- the faults ---
fault() {
  case "$SCENARIO" in
    inventory-kill) ./platform kill inventory-service-2 ;;
    order-kill) ./platform kill order-service-1 ;;
    tc-restart) ./platform kill seata-tc ;;
    kafka-restart) ./platform kill kafka ;;
    postgres-restart) ./platform kill postgresql ;;
    redis-kill) ./platform kill redis-1 ;;
    leader-pause)
      LEADER="$(curl -s -m 5 -H "Authorization: Bearer ${TOKEN[$tag-1]}" "$GATEWAY/api/scheduler/leader" |
        sed -n 's/.*"instance":"\([^"]*\)".*/\1/p')"
      [[ -n "$LEADER" ]] || { log "no scheduler leader to pause"; return 1; }
      ./platform kill "$LEADER" --signal STOP ;;
  esac
}
hold() {
  case "$SCENARIO" in
    kafka-restart | redis-kill) sleep "$DOWN_LONG" ;;
    postgres-restart) sleep "$DOWN_SHORT" ;;
    leader-pause) sleep "$PAUSE" ;;
  esac
}
# port_closed <port>: nothing listens there any more. A SIGKILLed JVM's threads can outlive the moment its main
# thread is reaped, with its sockets still open, so a restart right after the kill can find the port taken.
port_closed() {
  local deadline=$((SECONDS + 30))
  while (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do ((SECONDS < deadline)) || return 1; sleep 0.2; done
}
heal() {
  case "$SCENARIO" in
    inventory-kill) port_closed "${INVENTORY_SERVICE_PORT_2:-8083}" && ./platform start inventory-service-2 ;;
    order-kill) port_closed "${ORDER_SERVICE_PORT:-8081}" && ./platform start order-service-1 ;;
    tc-restart) ./platform start seata-tc ;;
    kafka-restart) ./platform start kafka ;;
    postgres-restart) ./platform start postgresql ;;
    redis-kill) ./platform start redis-1 ;;
    leader-pause) ./platform kill "$LEADER" --signal CONT ;;
  esac
}

# figures <dir> <fault time> <heal time>: the scenario's line of figures from its attempt logs
figures() {
  cat "$1"/*.log 2>/dev/null | sort -n -k2 | awk -v fault="$2" -v heal="$3" '
    function failed(s) { return !(s ~ /^2/ || s == "402") }
    {
      start = $1; end = $2; kind = $3; status = $4; requests++
      if (failed(status)) {
        errors++; by_status[status]++; by_kind[kind]++
        if (!(kind in open)) open[kind] = end
        if (end > last_failure) last_failure = end
      } else if (kind in open) {
        w = end - open[kind]; if (w > window) { window = w; window_kind = kind }
        delete open[kind]
      }
      if (end > last_end) last_end = end
    }
    END {
      for (k in open) { w = last_end - open[k]; if (w > window) { window = w; window_kind = k " (never recovered)" } }
      s = ""; for (k in by_status) s = s (s == "" ? "" : " ") k "x" by_status[k]
      kinds = ""; n = split("read cache order job", order, " ")
      for (i = 1; i <= n; i++) kinds = kinds (i > 1 ? ", " : "") order[i] " " (by_kind[order[i]] + 0)
      recovered = last_failure > heal ? sprintf("%.1f s after heal", last_failure - heal) : "0 s after heal"
      for (k in open) recovered = "not by the end of the load (" k ")"
      printf "requests %d | errors %d [%s] (%s) | window %.1f s%s | recovered %s (fault lasted %.1f s)",
        requests, errors, (s == "" ? "none" : s), kinds, window, (window_kind == "" ? "" : " " window_kind),
        recovered, heal - fault
    }'
}

results=()
failures=0
# the books before the run: offending rows already there are not any scenario's doing
mkdir -p "$OUT/before"
if e2e/audit.sh --settle 0 >"$OUT/before/audit.txt" 2>&1; then log "audit before the run: PASS"
else log "audit before the run: $(tail -n1 "$OUT/before/audit.txt")"; fi
grep '^       ' "$OUT/before/audit.txt" | sort >"$OUT/before/offending.txt"
PREVIOUS="$OUT/before"
log "run $RUN_ID: ${scenarios[*]}$( ((SHORT)) && echo ' (short)'); output under $OUT"
for SCENARIO in "${scenarios[@]}"; do
  DIR="$OUT/$SCENARIO"
  mkdir -p "$DIR"
  log "$SCENARIO: load for ${WARM} s"
  start_load
  sleep "$WARM"
  t_fault="$(now)"
  log "$SCENARIO: fault"
  if ! fault >>"$DIR/fault.txt" 2>&1; then
    stop_load
    results+=("$(printf '%-17s fault could not be injected: %s' "$SCENARIO" "$(tail -n1 "$DIR/fault.txt")")")
    failures=$((failures + 1)); continue
  fi
  hold
  log "$SCENARIO: heal"
  if ! heal >>"$DIR/fault.txt" 2>&1; then
    stop_load
    results+=("$(printf '%-17s heal failed: %s' "$SCENARIO" "$(tail -n1 "$DIR/fault.txt")")")
    failures=$((failures + 1))
    log "$SCENARIO: heal failed, the platform is not whole: stopping here"; break
  fi
  t_heal="$(now)"
  log "$SCENARIO: load for ${AFTER} s after the heal"
  sleep "$AFTER"
  stop_load
  log "$SCENARIO: waiting until nothing is in flight"
  settle || true
  if e2e/audit.sh --settle 0 >"$DIR/audit.txt" 2>&1; then audit=PASS
  else
    audit="FAIL ($(sed -n 's/^FAIL \([a-z-]*\).*/\1/p' "$DIR/audit.txt" | paste -sd' '))"
    failures=$((failures + 1))
    # offending rows (the indented lines) that the previous scenario's audit listed already are not this one's
    grep '^       ' "$DIR/audit.txt" | sort >"$DIR/offending.txt"
    if [[ -n "${PREVIOUS:-}" && -f "$PREVIOUS/offending.txt" ]] && [[ -z "$(comm -13 "$PREVIOUS/offending.txt" "$DIR/offending.txt")" ]]; then
      audit="$audit; every offending row already listed by the audit ${PREVIOUS##*/}"
    fi
  fi
  PREVIOUS="$DIR"
  line="$(printf '%-17s %s | audit %s' "$SCENARIO" "$(figures "$DIR" "$t_fault" "$t_heal")" "$audit")"
  results+=("$line")
  echo "$line" | tee -a "$OUT/summary.txt"
  [[ "$audit" == PASS ]] || sed 's/^/    /' "$DIR/audit.txt"
done

echo
echo "== chaos run $RUN_ID$( ((SHORT)) && echo ' (short)')"
printf '%s\n' "${results[@]}"
((failures == 0)) || { echo "$failures scenario(s) failed"; exit 1; }
echo "every scenario passed its audit"
