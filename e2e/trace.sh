#!/usr/bin/env bash
# End-to-end check of tracing on a running local platform (./platform up): an AT order and a job through the
# gateway, each with a W3C traceparent made here, must each come back from Zipkin as one trace — the order's
# with spans of the gateway, order-service, inventory-service (tagged with the order's Seata XID) and the outbox
# relay's Kafka send; the job's down to the worker's Kafka receive — and `./platform logs --trace` must find
# the services' log lines of that trace. Prints both trees (./platform trace).
# Needs psql (the order's XID is read from the orders database), like e2e/audit.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
GATEWAY="${GATEWAY_URL:-http://localhost:${GATEWAY_PORT:-8080}}"
ZIPKIN="${ZIPKIN_URL:-http://localhost:19411}"
if [[ -f .platform/run/devstack.env ]]; then set -a; source .platform/run/devstack.env; set +a; fi
export PGHOST="${POSTGRES_HOST:-localhost}" PGPORT="${POSTGRES_PORT:-15432}" PGUSER="${POSTGRES_USER:-postgres}"
[[ -n "${POSTGRES_PASSWORD:-}" ]] && export PGPASSWORD="$POSTGRES_PASSWORD"
failures=0
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# await_trace <traceId> <text>...: polls Zipkin until the trace's JSON contains every text (60 s at most)
await_trace() {
  local id="$1" json=""; shift
  for _ in $(seq 1 120); do
    json="$(curl -fsS -m 5 "$ZIPKIN/api/v2/trace/$id" 2>/dev/null || true)"
    local missing=0 text
    for text in "$@"; do [[ "$json" == *"$text"* ]] || missing=1; done
    ((missing)) || { printf '%s' "$json"; return 0; }
    sleep 0.5
  done
  printf '%s' "$json"
  return 1
}

ADMIN="Authorization: Bearer $(./platform token trace-admin admin)"
user="trace-$(date +%s%N)"
USER_AUTH="Authorization: Bearer $(./platform token "$user")"
curl -fsS -m 15 -o /dev/null -X POST -H "$ADMIN" -H 'Content-Type: application/json' \
  -d "{\"userId\":\"$user\",\"balanceCents\":100000}" "$GATEWAY/api/payments/accounts"

# --- an AT order -------------------------------------------------------------------------------------------
trace="$(hex 16)"; parent="$(hex 8)"
order=""
for _ in $(seq 1 10); do   # the first order after start-up may outlast the gateway's budget: retried with its key
  order="$(curl -s -m 15 -X POST -H "$USER_AUTH" -H 'Content-Type: application/json' -H "Idempotency-Key: $trace" \
    -H "traceparent: 00-$trace-$parent-01" \
    -d "{\"userId\":\"$user\",\"mode\":\"AT\",\"items\":[{\"sku\":\"CB-005\",\"quantity\":1}]}" "$GATEWAY/api/orders")"
  [[ "$order" == *'"status":"CONFIRMED"'* ]] && break
  sleep 2
done
order_id="$(sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' <<<"$order" | head -n1)"
if [[ -z "$order_id" ]]; then
  fail "order: not placed: $order"
else
  xid="$(psql -X -q -d orders -At -c "select xid from orders where id = '$order_id'")"
  if json="$(await_trace "$trace" '"serviceName":"gateway"' '"serviceName":"order-service"' \
      '"serviceName":"inventory-service"' "\"seata.xid\":\"$xid\"" '"kind":"PRODUCER"')"; then
    ok "order $order_id: one trace $trace through gateway, order-service, inventory-service (seata.xid $xid) and the Kafka send"
  else
    fail "order $order_id: trace $trace incomplete in Zipkin: ${json:0:400}"
  fi
  ./platform trace "$trace" || fail "./platform trace $trace"
  lines="$(./platform logs --trace "$trace" || true)"
  if [[ "$lines" == *"order $order_id confirmed"* && "$lines" == *"stock deducted for order $order_id"* ]]; then
    ok "logs: order-service's and inventory-service's lines carry trace $trace"
  else
    fail "logs: no confirmed/deducted line with trace $trace: ${lines:0:400}"
  fi
fi

# --- a job: gateway -> scheduler (leader) -> Kafka -> worker -------------------------------------------------
trace="$(hex 16)"; parent="$(hex 8)"
job="$(curl -s -m 15 -X POST -H "$USER_AUTH" -H 'Content-Type: application/json' -H "traceparent: 00-$trace-$parent-01" \
  -d '{"name":"trace.check"}' "$GATEWAY/api/scheduler/jobs")"
job_id="$(sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' <<<"$job" | head -n1)"
if [[ -z "$job_id" ]]; then
  fail "job: not submitted: $job"
elif json="$(await_trace "$trace" '"serviceName":"gateway"' '"serviceName":"scheduler-service"' \
    '"name":"scheduler fire"' '"kind":"PRODUCER"' '"kind":"CONSUMER"')"; then
  ok "job $job_id: one trace $trace from the gateway to the worker's receive"
  ./platform trace "$trace" || fail "./platform trace $trace"
else
  fail "job $job_id: trace $trace incomplete in Zipkin: ${json:0:400}"
fi

if ((failures)); then echo "$failures trace check(s) failed"; exit 1; fi
echo "all trace checks passed"
