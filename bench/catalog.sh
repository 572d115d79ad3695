#!/usr/bin/env bash
# The catalog through the gateway on the LOCAL PLATFORM (./platform up), in one run so that every figure is a ratio
# against a baseline measured side by side:
#   1. GET /api/cache/products/{sku} answered from L1, an entry read from L2 (the entries API on the ring: the L2
#      path without L1), and no cache (GET /api/inventory/products/{sku}, straight to inventory): wrk through the
#      gateway, and again straight to one instance (the gateway caps all three on a small machine); same
#      concurrency, two rounds (the second in reverse order): throughput and p99
#   2. invalidation lag: inventory's commit of a price change to the OTHER cache instance serving it (p50, p99)
#
#   bench/catalog.sh     (called by bench/cache.sh; takes the platform lock /tmp/platform-in-use, brings the local
#                         platform up and down again unless it finds it up under its own lock)
# Each wrk request carries its own X-API-Key (one of 10,000), so the gateway's per-key rate limit (200/s) never
# refuses the benchmark: every request still pays the limiter's Redis call. The gateway is restarted with the
# inventory route keyed by API key too (it is per client IP in config/gateway.yml).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${BENCH_DURATION:-10}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
LAG_ROUNDS="${BENCH_LAG_ROUNDS:-300}"
GATEWAY=http://127.0.0.1:8080
die() { echo "bench: $*" >&2; exit 1; }

OWNED=0
if [[ "${BENCH_PLATFORM_UP:-0}" != 1 ]]; then
  until mkdir /tmp/platform-in-use 2>/dev/null; do
    echo "the local platform is in use by $(cat /tmp/platform-in-use/owner 2>/dev/null); waiting..."
    sleep 30
  done
  echo "bench/catalog.sh ($(whoami), $$)" >/tmp/platform-in-use/owner
  OWNED=1
  trap '"$ROOT/platform" down >/dev/null 2>&1 || true; rm -rf /tmp/platform-in-use' EXIT
  "$ROOT/platform" up
  # the inventory route is limited per client IP (200/s): keyed by API key for this run, like the cache route, so
  # that the no-cache baseline passes the same filters (JWT, a Redis rate-limit call, breaker) without refusals
  "$ROOT/platform" kill gateway >/dev/null
  SPRING_APPLICATION_JSON='{"microplatform.gateway.rate-limit.routes.inventory.key":"api-key"}' \
    "$ROOT/platform" start gateway >/dev/null
  until curl -fsS -m 2 -o /dev/null http://127.0.0.1:8080/actuator/health/readiness 2>/dev/null; do sleep 1; done
fi

TOKEN="$("$ROOT/platform" token bench-user)"
AUTH="Authorization: Bearer $TOKEN"
WORK="$(mktemp -d /tmp/microplatform-catalog.XXXXXX)"
cat >"$WORK/keys.lua" <<LUA
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, { ["Authorization"] = "Bearer $TOKEN", ["X-API-Key"] = "bench-" .. (n % 10000) })
end
LUA

SKU=KB-001
curl -fsS -o /dev/null -H "$AUTH" "$GATEWAY/api/cache/products/$SKU" || die "the catalog does not answer through the gateway"
BODY="$(curl -fsS -H "$AUTH" "$GATEWAY/api/inventory/products/$SKU")"
python3 -c 'import json,sys; print(json.dumps({"value": sys.argv[1], "ttlSeconds": 3600}))' "$BODY" \
  | curl -fsS -o /dev/null -H "$AUTH" -X PUT -H 'Content-Type: application/json' -d @- "$GATEWAY/api/cache/entries/bench-product"
[[ "$(curl -fsS -D - -o /dev/null -H "$AUTH" "$GATEWAY/api/cache/products/$SKU" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache" {print $2}')" == L1 ]] \
  || die "the second read of $SKU was not an L1 hit"

declare -A URL=(
  [l1]="$GATEWAY/api/cache/products/$SKU"
  [l2]="$GATEWAY/api/cache/entries/bench-product"
  [none]="$GATEWAY/api/inventory/products/$SKU"
  [l1d]="http://127.0.0.1:8086/api/cache/products/$SKU"
  [l2d]="http://127.0.0.1:8086/api/cache/entries/bench-product"
  [noned]="http://127.0.0.1:8082/api/inventory/products/$SKU"
)
declare -A LABEL=(
  [l1]="gateway: catalog read, L1 hit"
  [l2]="gateway: L2 read of the same product (entries API on the ring)"
  [none]="gateway: no cache (inventory-service, PostgreSQL)"
  [l1d]="direct to cache-service-1: catalog read, L1 hit"
  [l2d]="direct to cache-service-1: L2 read (entries API)"
  [noned]="direct to inventory-service-1: no cache"
)
PATHS=(l1 l2 none l1d l2d noned)
curl -fsS -o /dev/null "${URL[l1d]}"
run() {
  local out rps p99 non2xx
  out="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/keys.lua" "${URL[$1]}")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
  [[ -z "$non2xx" ]] || echo "  ($1: $non2xx non-2xx answers)" >&2
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")"
  echo "$rps $p99"
}
echo "== warm-up ($DURATION s each)"
for k in "${PATHS[@]}"; do run "$k" >/dev/null; done
declare -A RPS P99
for round in 1 2; do
  order=("${PATHS[@]}"); ((round == 2)) && order=(noned l2d l1d none l2 l1)
  for k in "${order[@]}"; do
    read -r r p < <(run "$k")
    RPS[$k]="${RPS[$k]:-} $r"; P99[$k]="${P99[$k]:-} $p"
    echo "round $round: ${LABEL[$k]}: $r req/s, p99 $p ms"
  done
done
avg() { awk '{s=0; for (i=1;i<=NF;i++) s+=$i; printf "%.1f", s/NF}' <<<"$*"; }

echo "== invalidation lag ($LAG_ROUNDS changes of $SKU through inventory-service-1, read through cache-service-2)"
read -r LAG50 LAG99 LAGMAX < <(python3 "$ROOT/bench/catalog_lag.py" 8082 8087 "$SKU" "$LAG_ROUNDS")

echo
echo "== catalog figures (load average $(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/'); 2 shared cores; c=$CONNECTIONS)"
printf '%-66s %10s %9s\n' "path" "req/s" "p99 ms"
for k in none l2 l1 noned l2d l1d; do printf '%-66s %10s %9s\n' "${LABEL[$k]}" "$(avg ${RPS[$k]})" "$(avg ${P99[$k]})"; done
ratios() {
  awk -v l1="$(avg ${RPS[$1]})" -v l2="$(avg ${RPS[$2]})" -v n="$(avg ${RPS[$3]})" \
      -v p1="$(avg ${P99[$1]})" -v p2="$(avg ${P99[$2]})" -v pn="$(avg ${P99[$3]})" -v what="$4" 'BEGIN {
    printf "%s: throughput L1 / no cache %.2f, L2 / no cache %.2f, L1 / L2 %.2f; p99 L1 / no cache %.2f, L2 / no cache %.2f\n",
      what, l1 / n, l2 / n, l1 / l2, p1 / pn, p2 / pn }'
}
ratios l1 l2 none "through the gateway"
ratios l1d l2d noned "direct"
echo "invalidation lag, inventory commit -> the other instance serving the change: p50 $LAG50 ms, p99 $LAG99 ms, max $LAGMAX ms (bound: L1 cap 5 s after the event)"
rm -rf "$WORK"
