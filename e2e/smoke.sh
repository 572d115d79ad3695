#!/usr/bin/env bash
# Black-box smoke test of a running local platform (./platform up), through the gateway only:
# one endpoint of every service, authentication (401/403 problems), an unknown route (404 problem), a stopped
# service (503 problem).
# Stops both cache-service instances on the way (a service with no instance left) and starts them again at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
GATEWAY="${GATEWAY_URL:-http://localhost:${GATEWAY_PORT:-8080}}"
failures=0
# a user's bearer token, signed like the gateway expects (./platform token)
AUTH="Authorization: Bearer $(./platform token smoke-user)"

# check <description> <expected status> <expected text in body> <curl args...>; errors must be problem+json.
# RETRY_ON="<status>..." sends the same request again (up to 10 times, 2 s apart) while it answers one of those.
check() {
  local what="$1" want_status="$2" want_text="$3"; shift 3
  local out status body attempt
  for attempt in $(seq 10); do
    out="$(curl -s -m 15 -w $'\n%{http_code} %{content_type}' "$@")" || true
    status="$(tail -n1 <<<"$out")"
    [[ " ${RETRY_ON:-} " == *" ${status%% *} "* && "$attempt" -lt 10 ]] || break
    echo "     $what: ${status%% *} on attempt $attempt, the same request again in 2 s"
    sleep 2
  done
  body="$(sed '$d' <<<"$out")"
  local content_type_ok=1
  # every error is RFC 9457 problem+json
  [[ "$want_status" -ge 400 && "${status#* }" != application/problem+json* ]] && content_type_ok=0
  if [[ "${status%% *}" == "$want_status" && "$body" == *"$want_text"* && "$content_type_ok" == 1 ]]; then
    echo "ok   $what -> ${status%% *}"
  else
    echo "FAIL $what: wanted $want_status with '$want_text', got '$status': ${body:0:300}"
    failures=$((failures + 1))
  fi
}

check "inventory: catalog, one page (public)" 200 '"totalElements":' "$GATEWAY/api/inventory/products"
check "inventory: one product (public)" 200 '"name":"Mechanical keyboard"' "$GATEWAY/api/inventory/products/KB-001"
check "orders: no token is a 401 problem" 401 '"type":"urn:microplatform:problem:unauthorized"' \
  "$GATEWAY/api/orders?userId=smoke"
check "inventory: admin endpoint with a user token is a 403 problem" 403 '"type":"urn:microplatform:problem:forbidden"' \
  -X POST -H "$AUTH" -H 'Content-Type: application/json' -d '{}' "$GATEWAY/api/inventory/products"
check "orders: missing order is a problem" 404 '"type":"urn:microplatform:problem:not-found"' -H "$AUTH" \
  "$GATEWAY/api/orders/00000000-0000-0000-0000-000000000000"
check "orders: page of the caller's orders" 200 '"content":[' -H "$AUTH" "$GATEWAY/api/orders"
check "orders: someone else's orders are a 403 problem" 403 '"type":"urn:microplatform:problem:forbidden"' -H "$AUTH" \
  "$GATEWAY/api/orders?userId=someone-else"
check "cache: write an entry" 200 '"value":"hello"' -X PUT -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"value":"hello","ttlSeconds":60}' "$GATEWAY/api/cache/entries/smoke"
check "cache: read it back" 200 '"value":"hello"' -H "$AUTH" "$GATEWAY/api/cache/entries/smoke"
limit="$(curl -s -m 15 -o /dev/null -D - "$GATEWAY/api/inventory/products" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-ratelimit-remaining" {print $2}')"
if [[ -n "$limit" ]]; then echo "ok   rate limit headers: X-RateLimit-Remaining $limit"; else echo "FAIL no X-RateLimit-Remaining on the catalog"; failures=$((failures + 1)); fi

user="smoke-$(date +%s%N)"
ADMIN="Authorization: Bearer $(./platform token smoke-admin admin)"
USER_AUTH="Authorization: Bearer $(./platform token "$user")"
check "payments: open an account" 201 "\"userId\":\"$user\"" -X POST -H "$ADMIN" -H 'Content-Type: application/json' \
  -d "{\"userId\":\"$user\",\"balanceCents\":100000}" "$GATEWAY/api/payments/accounts"
# As a client should: with an Idempotency-Key, and the same request again while the answer is 503 (the first
# order after start-up can outlast the gateway's 3 s per attempt on two busy cores) or 409 (that first request is
# still being processed), until it answers; then it is placed once.
for mode in AT TCC XA SAGA; do
  RETRY_ON="503 409" check "orders: place an order in $mode" 201 '"status":"CONFIRMED"' -X POST -H "$USER_AUTH" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: $user-$mode" \
    -d "{\"userId\":\"$user\",\"mode\":\"$mode\",\"items\":[{\"sku\":\"CB-005\",\"quantity\":1}]}" "$GATEWAY/api/orders"
done
check "payments: charged four times" 200 '"balanceCents":96400' -H "$USER_AUTH" "$GATEWAY/api/payments/accounts/$user"
check "orders: insufficient balance is a 402 problem" 402 '"type":"urn:microplatform:problem:insufficient-balance"' \
  -X POST -H "$USER_AUTH" -H 'Content-Type: application/json' \
  -d "{\"userId\":\"$user\",\"mode\":\"AT\",\"items\":[{\"sku\":\"MN-003\",\"quantity\":4}]}" "$GATEWAY/api/orders"

# run_job <description> <job JSON>: submits a job through the gateway and checks that a worker ran it
run_job() {
  local what="$1" body="$2" job job_id status=""
  job="$(curl -s -m 15 -X POST -H "$AUTH" -H 'Content-Type: application/json' -d "$body" "$GATEWAY/api/scheduler/jobs")"
  job_id="$(sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' <<<"$job")"
  if [[ -z "$job_id" ]]; then
    echo "FAIL $what: submit a job: $job"; failures=$((failures + 1)); return
  fi
  for _ in $(seq 1 60); do
    status="$(curl -s -m 5 -H "$AUTH" "$GATEWAY/api/scheduler/jobs/$job_id")"
    [[ "$status" == *'"status":"SUCCEEDED"'* || "$status" == *'"status":"DEAD"'* ]] && break
    sleep 0.5
  done
  check "$what" 200 '"status":"SUCCEEDED"' -H "$AUTH" "$GATEWAY/api/scheduler/jobs/$job_id"
}

check "scheduler: one instance leads, with a fencing token" 200 '"instance":"scheduler-service-' -H "$AUTH" \
  "$GATEWAY/api/scheduler/leader"
run_job "scheduler: a job fired by the leader ran through Kafka" '{"name":"smoke.check"}'
run_job "scheduler: an http task reached inventory-service through discovery" \
  '{"name":"smoke.catalog","task":"http","payload":{"method":"GET","service":"inventory-service","path":"/api/inventory/products"}}'

check "bad input is a 400 problem" 400 '"type":"urn:microplatform:problem:invalid-request"' -X POST -H "$AUTH" \
  -H 'Content-Type: application/json' -d '{"name":"NOT VALID"}' "$GATEWAY/api/scheduler/jobs"
check "unknown route is a 404 problem" 404 '"type":"urn:microplatform:problem:not-found"' -H "$AUTH" "$GATEWAY/api/no-such-area"

for instance in cache-service-1 cache-service-2; do ./platform kill "$instance" --signal TERM >/dev/null; done
check "stopped service is a 503 problem" 503 '"type":"urn:microplatform:problem:service-unavailable"' -H "$AUTH" \
  "$GATEWAY/api/cache/entries/smoke"
retry_after="$(curl -s -m 15 -o /dev/null -D - -H "$AUTH" "$GATEWAY/api/cache/entries/smoke" | tr -d '\r' | awk -F': ' 'tolower($1)=="retry-after" {print $2}')"
if [[ -n "$retry_after" ]]; then echo "ok   503 carries Retry-After: $retry_after"; else echo "FAIL 503 without Retry-After"; failures=$((failures + 1)); fi

for instance in cache-service-1 cache-service-2; do ./platform start "$instance" >/dev/null; done

if ((failures)); then echo "$failures check(s) failed"; exit 1; fi
echo "all smoke checks passed"
