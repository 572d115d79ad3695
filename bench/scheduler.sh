#!/usr/bin/env bash
# scheduler-service figures, each beside a ceiling or a target measured in the same run on the same machine:
#
#   dispatch  one-shot noop runs per second from fire to SUCCEEDED (recorded, published, consumed, run, ended),
#             beside Kafka's own kafka-producer-perf-test on the same broker with the same record size
#   failover  SIGKILL of the leader -> first fire by the new leader, five trials, median and max, against the TTL
#   lock      acquire+release pairs per second of platform-starter's lock, beside redis-benchmark of the same
#             two scripts on the same Redis (the ceiling of one round trip each)
#   lateness  fire lateness p50/p99 while 1,000 schedules are active on one leader (100 fires/s)
#
#   bench/scheduler.sh [dispatch] [failover] [lock] [lateness]       (default: all four)
#
# Needs the local platform (started, and stopped at the end, if none runs), psql and redis-benchmark (Debian
# postgresql-client, redis-tools: installed if missing). Lateness and dispatch are read from the database
# (queued_at, the fire transaction's time, against fire_time; finished_at), not from client clocks.
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a SCENARIOS <<<"${*:-dispatch failover lock lateness}"
PGPORT="${POSTGRES_PORT:-15432}"
REDIS_PORT_1="${REDIS_PORT:-16379}"
KAFKA="${KAFKA_BOOTSTRAP_SERVERS:-localhost:19092}"
DISPATCH_RUNS="${BENCH_DISPATCH_RUNS:-3000}"
TRIALS="${BENCH_FAILOVER_TRIALS:-5}"
LATENESS_SECONDS="${BENCH_LATENESS_SECONDS:-40}"
SCHEDULER_PORTS=("${SCHEDULER_SERVICE_PORT_1:-8084}" "${SCHEDULER_SERVICE_PORT_2:-8085}")
WORK="$(mktemp -d)"
started_platform=0

need=()
command -v psql >/dev/null || need+=(postgresql-client)
command -v redis-benchmark >/dev/null || need+=(redis-tools)
if ((${#need[@]})); then echo "installing ${need[*]}"; apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi

cleanup() {
  rm -rf "$WORK"
  if ((started_platform)); then ./platform down >/dev/null; fi
}
trap cleanup EXIT

if ! curl -fsS -m 2 -o /dev/null "http://localhost:${SCHEDULER_PORTS[0]}/actuator/health/readiness"; then
  echo "starting the local platform"
  ./platform up >/dev/null
  started_platform=1
fi

sql() { psql -h localhost -p "$PGPORT" -U postgres -d scheduler -qtAX -v ON_ERROR_STOP=1 -c "$1"; }
leader() { curl -fsS -m 2 "http://localhost:$1/api/scheduler/leader" 2>/dev/null || true; }
json_field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p"; }
any_scheduler_port() {
  local port
  for port in "${SCHEDULER_PORTS[@]}"; do
    curl -fsS -m 2 -o /dev/null "http://localhost:$port/actuator/health/readiness" && { echo "$port"; return; }
  done
  return 1
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }

# kafka-producer-perf-test is org.apache.kafka.tools.ProducerPerformance in kafka-tools (same version as the broker)
kafka_tools() {
  local dir=".platform/bench/kafka-tools" version
  version="$(tr ':' '\n' <devstack/target/classes/META-INF/devstack/classpath.txt | sed -n 's#.*/kafka-clients/\([^/]*\)/.*#\1#p' | head -n1)"
  if [[ ! -f "$dir/.complete-$version" ]]; then
    mkdir -p "$dir"
    cat >"$WORK/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>kafka-tools</artifactId><version>1</version>
  <dependencies><dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$version</version></dependency>
  <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-nop</artifactId><version>2.0.17</version></dependency></dependencies>
</project>
POM
    ./mvnw -B -q -f "$WORK/pom.xml" dependency:copy-dependencies -DoutputDirectory="$(pwd)/$dir" >/dev/null
    touch "$dir/.complete-$version"
  fi
  echo "$dir"
}

bench_dispatch() {
  echo "== dispatch: $DISPATCH_RUNS one-shot noop runs, fire -> SUCCEEDED"
  local batch; batch="bench-dispatch-$(date +%s)"
  sql "insert into schedule (id, name, task, payload, run_at, zone, max_attempts, backoff_ms, misfire, concurrency,
         timeout_ms, state, next_fire_at)
       select gen_random_uuid(), '$batch', 'noop', '{}', t, 'UTC', 3, 1000, 'FIRE_ONCE', 'ALLOW', 60000, 'ACTIVE', t
       from (select date_trunc('second', now()) + interval '3 seconds' as t) due, generate_series(1, $DISPATCH_RUNS)"
  local done=0 deadline=$((SECONDS + 600))
  while ((done < DISPATCH_RUNS)); do
    ((SECONDS < deadline)) || { echo "dispatch: only $done of $DISPATCH_RUNS runs finished in 10 minutes" >&2; return 1; }
    sleep 1
    done="$(sql "select count(*) from run r join schedule s on s.id = r.schedule_id where s.name = '$batch' and r.status = 'SUCCEEDED'")"
  done
  local figures seconds rate p99
  figures="$(sql "select extract(epoch from max(r.finished_at) - min(r.fire_time)),
                         percentile_cont(0.99) within group (order by extract(epoch from r.finished_at - r.fire_time))
                  from run r join schedule s on s.id = r.schedule_id where s.name = '$batch'")"
  seconds="${figures%%|*}"; p99="${figures##*|}"
  rate="$(awk -v n="$DISPATCH_RUNS" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')"
  sql "update schedule set state = 'DELETED', next_fire_at = null where name = '$batch'"

  local tools ceiling
  tools="$(kafka_tools)"
  ceiling="$(java -Xmx256m -cp "$tools/*" org.apache.kafka.tools.ProducerPerformance --topic bench.ceiling \
    --num-records 300000 --record-size 36 --throughput -1 \
    --producer-props bootstrap.servers="$KAFKA" acks=all linger.ms=2 2>/dev/null | tail -n1 | sed -n 's/.*records sent, \([0-9.]*\) records\/sec.*/\1/p')"
  printf '%-44s %10s runs/s  (last run ended %.2f s after its fire time, p99 %.2f s)\n' \
    "scheduler: fire -> SUCCEEDED" "$rate" "$seconds" "$p99"
  printf '%-44s %10.0f records/s (36-byte records, acks=all)\n' "kafka-producer-perf-test, same broker" "$ceiling"
  echo "ratio to Kafka's producer ceiling: $(ratio "$rate" "$ceiling")   (db-scheduler publishes 2,000-11,000 executions/s on 4 cores)"
}

bench_failover() {
  echo "== failover: SIGKILL of the leader -> first fire by the new leader ($TRIALS trials)"
  local port; port="$(any_scheduler_port)"
  sql "insert into schedule (id, name, task, payload, fixed_rate_ms, zone, max_attempts, backoff_ms, misfire, concurrency,
         timeout_ms, state, next_fire_at)
       values (gen_random_uuid(), 'bench-failover', 'noop', '{}', 200, 'UTC', 1, 0, 'FIRE_ONCE', 'ALLOW', 60000, 'ACTIVE', now())"
  local ttl trial view name token killed first times=()
  ttl="${SCHEDULER_LEADER_LEASE:-10s}"
  for ((trial = 1; trial <= TRIALS; trial++)); do
    until view="$(leader "$port")" && [[ -n "$view" ]]; do sleep 0.2; done
    name="$(json_field instance <<<"$view")"; token="$(json_field fencingToken <<<"$view")"
    killed="$(date +%s.%N)"
    ./platform kill "$name" >/dev/null
    first=""
    until [[ -n "$first" ]]; do
      sleep 0.1
      first="$(sql "select extract(epoch from min(queued_at)) from run where fencing_token > $token")"
    done
    times+=("$(awk -v a="$first" -v b="$killed" 'BEGIN { printf "%.2f", a - b }')")
    echo "  trial $trial: killed $name (token $token), first fire by the new leader after ${times[-1]} s"
    ./platform start "$name" >/dev/null
    port="$(any_scheduler_port)"
  done
  sql "update schedule set state = 'DELETED', next_fire_at = null where name = 'bench-failover'"
  printf '%s\n' "${times[@]}" | sort -n | awk -v ttl="${ttl:-10s}" '{ t[NR] = $1 } END {
    printf "failover: median %.2f s, max %.2f s over %d trials (lease TTL %s; target: TTL + 1 s every time)\n", t[int((NR + 1) / 2)], t[NR], NR, ttl }'
}

bench_lock() {
  echo "== lock: acquire+release pairs per second, 8 threads, no contention"
  local classpath pairs acquire release ceiling
  if [[ ! -f "$WORK/classpath" ]]; then
    ./mvnw -B -q -pl scheduler-service -am compile dependency:build-classpath -Dmdep.outputFile="$WORK/deps" \
      -Dmdep.includeScope=runtime >/dev/null
    echo "$(pwd)/platform-starter/target/classes:$(cat "$WORK/deps")" >"$WORK/classpath"
  fi
  classpath="$(cat "$WORK/classpath")"
  pairs="$(java -Xmx256m -cp "$classpath" bench/LockBench.java localhost "$REDIS_PORT_1" 8 10 2>/dev/null | tail -n1)"
  local acquire_script release_script
  acquire_script="$(grep -v '^--' platform-starter/src/main/resources/io/microplatform/starter/lock/acquire.lua)"
  release_script="$(grep -v '^--' platform-starter/src/main/resources/io/microplatform/starter/lock/release.lua)"
  acquire="$(redis-benchmark -p "$REDIS_PORT_1" -c 8 -n 200000 -r 1000000000 -q eval "$acquire_script" 2 \
    'bench-rb:{__rand_int__}' 'bench-rb:{__rand_int__}:fence' owner 10000 | sed -n 's/.*: \([0-9.]*\) requests per second.*/\1/p' | tail -n1)"
  release="$(redis-benchmark -p "$REDIS_PORT_1" -c 8 -n 200000 -r 1000000000 -q eval "$release_script" 1 \
    'bench-rb:{__rand_int__}' owner | sed -n 's/.*: \([0-9.]*\) requests per second.*/\1/p' | tail -n1)"
  ceiling="$(awk -v a="$acquire" -v r="$release" 'BEGIN { printf "%.0f", 1 / (1 / a + 1 / r) }')"
  redis-cli -p "$REDIS_PORT_1" --scan --pattern 'bench-rb:*' 2>/dev/null | xargs -r -n 500 redis-cli -p "$REDIS_PORT_1" del >/dev/null 2>&1 || true
  printf '%-44s %10s pairs/s\n' "DistributedLocks tryLock + close" "$pairs"
  printf '%-44s %10s pairs/s (acquire %s/s, release %s/s)\n' "redis-benchmark, the same two scripts" "$ceiling" "$acquire" "$release"
  echo "ratio to the ceiling: $(ratio "$pairs" "$ceiling")   (target >= 0.5)"
}

bench_lateness() {
  echo "== lateness: 1,000 fixed-rate schedules (every 10 s, spread over the period) for $LATENESS_SECONDS s"
  local batch; batch="bench-lateness-$(date +%s)"
  sql "insert into schedule (id, name, task, payload, fixed_rate_ms, zone, max_attempts, backoff_ms, misfire, concurrency,
         timeout_ms, state, next_fire_at)
       select gen_random_uuid(), '$batch', 'noop', '{}', 10000, 'UTC', 1, 0, 'FIRE_ONCE', 'ALLOW', 60000, 'ACTIVE',
              date_trunc('second', now()) + interval '2 seconds' + (i * 10) * interval '1 millisecond'
       from generate_series(0, 999) i"
  sleep "$((LATENESS_SECONDS + 2))"
  sql "update schedule set state = 'DELETED', next_fire_at = null where name = '$batch'"
  sql "select count(*), round(percentile_cont(0.5) within group (order by ms)::numeric, 1),
              round(percentile_cont(0.99) within group (order by ms)::numeric, 1), round(max(ms)::numeric, 1)
       from (select extract(epoch from r.queued_at - r.fire_time) * 1000 as ms
             from run r join schedule s on s.id = r.schedule_id where s.name = '$batch') l" |
    awk -F'|' '{ printf "lateness: %d fires, p50 %s ms, p99 %s ms, max %s ms (target p99 <= 100 ms)\n", $1, $2, $3, $4 }'
}

for scenario in "${SCENARIOS[@]}"; do
  case "$scenario" in
    dispatch|failover|lock|lateness) "bench_$scenario" ;;
    *) echo "unknown scenario $scenario (dispatch, failover, lock, lateness)" >&2; exit 2 ;;
  esac
done
