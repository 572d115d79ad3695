#!/usr/bin/env bash
# cache-service benchmark, in one run so that every figure is a ratio against a baseline measured side by side:
#   1. an entry read through cache-service's L2 path (HTTP → the ring → the key's first owner: one Lua round trip)
#      against redis-benchmark GET of the same key on the same Redis node (the ceiling of a one-round-trip read);
#      wrk and redis-benchmark with the same concurrency, two rounds (the second in reverse order): throughput, p99
#   2. the same L2 read while one of the key's owners is killed: what a node loss costs once it is out of service
#   3. an L1 hit inside the service (bench/L1Bench.java: a timed loop over NearCache.get, against a HashMap get)
#   4. bench/catalog.sh on the local platform: the catalog through the gateway from L1, from L2 and with no cache,
#      and the invalidation lag from inventory's commit to the other instance (takes the platform lock; skipped
#      with BENCH_SKIP_PLATFORM=1)
#
#   flock /tmp/microplatform-bench.lock bench/cache.sh    (the lock keeps two benchmarks from overlapping)
#
# Parts 1-2 start their own processes on 127.0.0.1 ports 28086 and 28381-28383, stopped by PID when it ends.
# Needs cache-service/target/cache-service.jar (built if missing), wrk, redis-server and redis-benchmark (Debian
# packages wrk, redis-server, redis-tools; installed if missing), a JDK 17+.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCK=/tmp/microplatform-bench.lock
if ! ps -o args= -p "$PPID" | grep -q "flock.*$LOCK"; then
  exec flock "$LOCK" "$0" "$@"
fi

DURATION="${BENCH_DURATION:-10}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
SERVICE_PORT=28086
REDIS_PORTS=(28381 28382 28383)
SERVICE_JAVA_OPTS="${BENCH_SERVICE_JAVA_OPTS:--Xms128m -Xmx256m -XX:+UseSerialGC}"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')"
WORK="$(mktemp -d /tmp/microplatform-bench.XXXXXX)"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; done
  rm -rf "$WORK"
}
trap cleanup EXIT
die() { echo "bench: $*" >&2; exit 1; }

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v redis-server >/dev/null || need+=(redis-server)
command -v redis-benchmark >/dev/null || need+=(redis-tools)
if ((${#need[@]})); then
  echo "installing ${need[*]}"
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi
for port in $SERVICE_PORT "${REDIS_PORTS[@]}"; do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && die "port $port is in use"
done
JAR="$ROOT/cache-service/target/cache-service.jar"
if [[ ! -f "$JAR" ]]; then
  echo "building cache-service (./mvnw package)..."
  (cd "$ROOT" && ./mvnw -B -q -pl cache-service -am package -DskipTests)
fi

await_http() {
  local url="$1" what="$2" deadline=$((SECONDS + 120))
  until curl -fsS -m 2 -o /dev/null "$url" 2>/dev/null; do
    ((SECONDS < deadline)) || die "$what did not answer at $url; logs in $WORK"
    sleep 0.5
  done
}

echo "== starting three Redis nodes and cache-service (logs in $WORK)"
declare -A REDIS_PID
nodes=()
for i in 0 1 2; do
  port=${REDIS_PORTS[$i]}
  redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no >"$WORK/redis-$((i + 1)).log" 2>&1 &
  PIDS+=($!)
  REDIS_PID[redis-$((i + 1))]=$!
  nodes+=("redis-$((i + 1))=127.0.0.1:$port")
done
for port in "${REDIS_PORTS[@]}"; do
  until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.1; done
done
# shellcheck disable=SC2086
REDIS_NODES="$(IFS=,; echo "${nodes[*]}")" REDIS_HOST=127.0.0.1 REDIS_PORT=${REDIS_PORTS[0]} SERVER_PORT=$SERVICE_PORT \
  PLATFORM_CONFIG_DIR="$ROOT/config" PLATFORM_RUN_DIR="$WORK" \
  java $SERVICE_JAVA_OPTS -jar "$JAR" --spring.profiles.active=local --logging.level.root=WARN >"$WORK/cache-service.log" 2>&1 &
PIDS+=($!)
await_http "http://127.0.0.1:$SERVICE_PORT/actuator/health/readiness" cache-service

KEY=bench
VALUE="$(head -c 100 /dev/zero | tr '\0' 'v')"
curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/json' -d "{\"value\":\"$VALUE\",\"ttlSeconds\":3600}" \
  "http://127.0.0.1:$SERVICE_PORT/api/cache/entries/$KEY"
OWNERS="$(curl -fsS "http://127.0.0.1:$SERVICE_PORT/api/cache/ring/owners/$KEY")"
PRIMARY="$(sed -E 's/.*"owners":\["([^"]+)".*/\1/' <<<"$OWNERS")"
SECONDARY="$(sed -E 's/.*"owners":\["[^"]+","([^"]+)".*/\1/' <<<"$OWNERS")"
port_of() { local n="${1#redis-}"; echo "${REDIS_PORTS[$((n - 1))]}"; }
echo "key '$KEY' on $PRIMARY (primary) and $SECONDARY"

URL="http://127.0.0.1:$SERVICE_PORT/api/cache/entries/$KEY"
echo "== warm-up ($DURATION s)"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "$URL" >/dev/null

# wrk: requests/s and p99 in ms
service_run() {
  local out rps p99
  out="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$URL")"
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")"
  echo "$rps $p99"
}
# redis-benchmark: the same key, the same concurrency, as many requests as the service answered in its run
redis_run() {
  local port="$1" requests="$2" out
  out="$(redis-benchmark -h 127.0.0.1 -p "$port" -c "$CONNECTIONS" -n "$requests" --csv GET "cache:$KEY" | tail -1)"
  # "GET cache:bench","rps","avg","min","p50","p95","p99","max"
  awk -F, '{gsub(/"/, ""); print $2, $7}' <<<"$out"
}

declare -a S_RPS S_P99 R_RPS R_P99
for round in 1 2; do
  if ((round == 1)); then
    read -r s_rps s_p99 < <(service_run)
    read -r r_rps r_p99 < <(redis_run "$(port_of "$PRIMARY")" 200000)
  else
    read -r r_rps r_p99 < <(redis_run "$(port_of "$PRIMARY")" 200000)
    read -r s_rps s_p99 < <(service_run)
  fi
  S_RPS+=("$s_rps"); S_P99+=("$s_p99"); R_RPS+=("$r_rps"); R_P99+=("$r_p99")
  echo "round $round: cache-service L2 read $s_rps req/s p99 $s_p99 ms; redis-benchmark GET $r_rps req/s p99 $r_p99 ms"
done

echo "== killing $PRIMARY, the key's primary owner"
kill -KILL "${REDIS_PID[$PRIMARY]}"
curl -fsS -o /dev/null "$URL" || die "the entry is not readable with $PRIMARY dead"
read -r k_rps k_p99 < <(service_run)
echo "with $PRIMARY dead: cache-service L2 read $k_rps req/s p99 $k_p99 ms (from $SECONDARY)"

avg() { awk '{s=0; for (i=1;i<=NF;i++) s+=$i; printf "%.1f", s/NF}' <<<"$*"; }
SR="$(avg "${S_RPS[@]}")"; SP="$(avg "${S_P99[@]}")"; RR="$(avg "${R_RPS[@]}")"; RP="$(avg "${R_P99[@]}")"
echo
echo "== figures (load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/'); 2 shared cores)"
printf '%-58s %12s %10s\n' "path" "req/s" "p99 ms"
printf '%-58s %12s %10s\n' "redis-benchmark GET, same node, c=$CONNECTIONS" "$RR" "$RP"
printf '%-58s %12s %10s\n' "cache-service L2 read (HTTP + ring + Lua GET/TTL)" "$SR" "$SP"
printf '%-58s %12s %10s\n' "cache-service L2 read, primary owner killed" "$k_rps" "$k_p99"
awk -v s="$SR" -v r="$RR" -v k="$k_rps" 'BEGIN {
  printf "L2 read / redis-benchmark GET throughput: %.2f\n", s / r
  printf "L2 read with the primary dead / with it alive: %.2f\n", k / s }'

echo
echo "== L1 hit inside the service (timed loop, one thread)"
kill -TERM "${PIDS[@]}" 2>/dev/null || true
(cd "$ROOT" && ./mvnw -B -q -pl cache-service -am compile dependency:build-classpath -Dmdep.outputFile="$WORK/deps" >/dev/null)
read -r L1_NS MAP_NS < <(java -Xmx128m -cp "$ROOT/cache-service/target/classes:$(cat "$WORK/deps")" \
  "$ROOT/bench/L1Bench.java" 5 2>/dev/null | tail -n1)
awk -v l="$L1_NS" -v m="$MAP_NS" 'BEGIN {
  printf "L1 hit (NearCache.get, Caffeine): %.1f ns; HashMap.get of the same keys: %.1f ns; ratio %.1f (target: L1 < 1 us)\n", l, m, l / m }'

if [[ "${BENCH_SKIP_PLATFORM:-0}" != 1 ]]; then
  echo
  "$ROOT/bench/catalog.sh"
fi
