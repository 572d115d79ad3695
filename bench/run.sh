#!/usr/bin/env bash
# Gateway benchmark: the same small backend endpoint driven with wrk directly, through nginx (a plain reverse
# proxy), through a bare Reactor Netty proxy (bench/BareProxy.java: the gateway's HTTP stack without Spring, the
# floor any gateway on it can reach), through a vanilla Spring Cloud Gateway of the same versions (bench/
# vanilla-gateway: one lb:// route, default settings, no security: what peers ship) and through the gateway, in
# one run, and the gateway with each of its filters, so that every figure is a ratio against a baseline measured
# side by side. Tracing: the gateway above
# runs with tracing off; two more gateways, identical but sampling 10 % and 100 % of requests and reporting to a
# real Zipkin server, give its cost on the plain route.
#
#   flock /tmp/microplatform-bench.lock bench/run.sh      (the lock keeps two benchmarks from overlapping)
#
# 1. saturation: wrk -t2 -c${BENCH_CONNECTIONS:-64} for ${BENCH_DURATION:-15}s per target, in ${BENCH_ROUNDS:-4} rounds
#    (every other one in reverse order) after a warm-up (${BENCH_WARMUP:-60}s of load per JVM): throughput, p99
#    and the CPU time the serving process spends per request (robust where other work shares the cores), averaged
# 2. half saturation: the gateway's saturation rate (all filters) halved, offered to every target by paced
#    connections (bench/paced.lua: wrk waits between a response and the next request, so this is a closed
#    loop at a fixed offered rate, not wrk2's constant arrival rate); p99 per target, and what the gateway adds
#
# Knobs (environment): BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_ROUNDS (even); for quick A/B trials BENCH_TARGETS (a
# subset, e.g. "bare vanilla gateway full gatewayb fullb") and BENCH_B_ARGS / BENCH_B_JAR / BENCH_B_JAVA_OPTS /
# BENCH_B_TRACING (tracing options in place of "off"): a second gateway ("b") with extra arguments, another jar or
# other JVM options, measured beside the first. Final figures come from full runs (all targets). BENCH_JFR (a
# directory): every measured JVM records a flight recording (JFR's profile settings) over the saturation rounds,
# one file per JVM named after its first target (add -XX:FlightRecorderOptions:stackdepth=1024 to
# BENCH_GATEWAY_JAVA_OPTS to see whole reactive stacks); bench/JfrTop.java sums the samples.
#
# Everything it starts listens on 127.0.0.1, ports 28000-28999, and is stopped by PID when it ends. Needs a
# built gateway (target/gateway.jar; built if missing), nginx, wrk and redis-server (Debian packages; installed
# if missing), a JDK 17+.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCK=/tmp/microplatform-bench.lock

# never overlap another benchmark of this machine: run under the lock, taking it if the caller has not
if ! ps -o args= -p "$PPID" | grep -q "flock.*$LOCK"; then
  exec flock "$LOCK" "$0" "$@"
fi

DURATION="${BENCH_DURATION:-15}"
WARMUP="${BENCH_WARMUP:-60}"
ROUNDS="${BENCH_ROUNDS:-4}"
((ROUNDS >= 2 && ROUNDS % 2 == 0)) || { echo "bench: BENCH_ROUNDS must be even (as many rounds in each order)" >&2; exit 1; }
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
BACKEND_PORT=28081
NGINX_PORT=28082
BARE_PORT=28083
GATEWAY_PORT=28080
MANAGEMENT_PORT=28090
REDIS_PORT=28379
TRACED10_PORT=28084
TRACED100_PORT=28085
ZIPKIN_PORT=28411
VANILLA_PORT=28086
B_PORT=28087
GATEWAY_JAVA_OPTS="${BENCH_GATEWAY_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseSerialGC}"
BACKEND_JAVA_OPTS="-Xms64m -Xmx128m -XX:+UseSerialGC"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')"
WORK="$(mktemp -d /tmp/microplatform-bench.XXXXXX)"
PIDS=()
declare -A PROC   # target -> the process that serves it (its CPU time per request is measured)
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

die() { echo "bench: $*" >&2; exit 1; }

need=()
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || need+=(nginx)
command -v wrk >/dev/null || need+=(wrk)
command -v redis-server >/dev/null || need+=(redis-server)
command -v redis-cli >/dev/null || need+=(redis-tools)
if ((${#need[@]})); then
  echo "installing ${need[*]}"
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

for port in $BACKEND_PORT $NGINX_PORT $BARE_PORT $GATEWAY_PORT $MANAGEMENT_PORT $REDIS_PORT $TRACED10_PORT \
    $TRACED100_PORT $((TRACED10_PORT + 10)) $((TRACED100_PORT + 10)) $ZIPKIN_PORT $VANILLA_PORT $B_PORT \
    $((B_PORT + 10)); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && die "port $port is in use"
done

JAR="$ROOT/gateway/target/gateway.jar"
ZIPKIN_JAR_LIST="$ROOT/devstack/target/classes/META-INF/devstack/zipkin-server.txt"
if [[ ! -f "$JAR" || ! -f "$ZIPKIN_JAR_LIST" ]]; then
  echo "building the gateway (./mvnw package)..."
  (cd "$ROOT" && ./mvnw -B -q -pl gateway,devstack -am package -DskipTests)
fi
VANILLA_JAR="$ROOT/bench/vanilla-gateway/target/vanilla-gateway.jar"
if [[ ! -f "$VANILLA_JAR" ]]; then
  echo "building the vanilla Spring Cloud Gateway (bench/vanilla-gateway)..."
  (cd "$ROOT" && ./mvnw -B -q -f bench/vanilla-gateway/pom.xml package)
fi
B_JAR="${BENCH_B_JAR:-$JAR}"
B_JAVA_OPTS="${BENCH_B_JAVA_OPTS:-$GATEWAY_JAVA_OPTS}"
read -r -a B_ARGS <<<"${BENCH_B_ARGS:-}"
wants() { [[ -z "${BENCH_TARGETS:-}" || " $BENCH_TARGETS " == *" $1 "* ]]; }

await_http() {
  local url="$1" what="$2" deadline=$((SECONDS + 240))
  until curl -fsS -m 2 -o /dev/null "$url" 2>/dev/null; do
    ((SECONDS < deadline)) || die "$what did not answer at $url; logs in $WORK"
    sleep 0.5
  done
}

echo "== starting backend, Redis, nginx, bare proxy, gateway (logs in $WORK)"
mkdir -p "$WORK/lib" "$WORK/tmp"
(cd "$WORK/lib" && unzip -q -j "$JAR" 'BOOT-INF/lib/*')
# the peer baseline must run the very versions the gateway runs
versions() { unzip -Z1 "$1" 'BOOT-INF/lib/*' | grep -oE '(spring-cloud-gateway-server-webflux|spring-boot|spring-webflux|reactor-netty-http|netty-codec-http)-[0-9][^/]*\.jar' | sort; }
[[ "$(versions "$VANILLA_JAR")" == "$(versions "$JAR")" ]] \
  || die "bench/vanilla-gateway's versions differ from the gateway's: $(diff <(versions "$VANILLA_JAR") <(versions "$JAR") | tr '\n' ' ')"
# shellcheck disable=SC2086
java $BACKEND_JAVA_OPTS -cp "$WORK/lib/*" "$ROOT/bench/BenchBackend.java" $BACKEND_PORT >"$WORK/backend.log" 2>&1 &
PIDS+=($!); PROC[direct]=$!
# shellcheck disable=SC2086
java $BACKEND_JAVA_OPTS -cp "$WORK/lib/*" "$ROOT/bench/BareProxy.java" $BARE_PORT $BACKEND_PORT >"$WORK/bare.log" 2>&1 &
PIDS+=($!); PROC[bare]=$!
redis-server --bind 127.0.0.1 --port $REDIS_PORT --save '' --appendonly no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
sed -e "s#@DIR@#$WORK#g" -e "s#@BACKEND_PORT@#$BACKEND_PORT#g" -e "s#@NGINX_PORT@#$NGINX_PORT#g" \
  "$ROOT/bench/nginx.conf.template" >"$WORK/nginx.conf"
"$NGINX" -p "$WORK" -c "$WORK/nginx.conf" -g 'daemon off;' >"$WORK/nginx.log" 2>&1 &
PIDS+=($!)

# The real configuration (config/) plus four benchmark routes to the same backend, found by simple discovery:
#   /plain/**         no route policy (what every request pays: security filter chain, global filters, proxying)
#   /limited/**       + Redis rate limit (high enough never to refuse; leased as configured, lease-window)
#   /breaker/**       + circuit breaker and time limiter
#   /api/full/**      everything a real /api route has: JWT, rate limit, circuit breaker, retries (GET)
R=spring.cloud.gateway.server.webflux.routes
MP=microplatform.gateway
# Tracing off: Boot 4 has no switch that removes the tracer (management.tracing.enabled is gone; export.enabled
# only stops exporting and propagating), so the baseline runs without ever sampling and without export.
TRACING_OFF="--management.tracing.export.enabled=false --management.tracing.sampling.probability=0"
# (ports come per gateway below: an option given twice binds as a list of both values)
args=(--logging.level.root=WARN
  --spring.cloud.discovery.client.simple.instances.bench-backend[0].uri=http://127.0.0.1:$BACKEND_PORT)
i=0
for route in plain:/plain/** limited:/limited/** breaker:/breaker/** full:/api/full/**; do
  args+=("--$R[$i].id=${route%%:*}" "--$R[$i].uri=lb://bench-backend" "--$R[$i].predicates[0]=Path=${route#*:}")
  i=$((i + 1))
done
for route in limited full; do
  args+=("--$MP.rate-limit.routes.$route.replenish-rate=1000000" "--$MP.rate-limit.routes.$route.burst-capacity=1000000"
    "--$MP.rate-limit.routes.$route.key=ip")
done
args+=("--$MP.resilience.routes.breaker.retry.max-attempts=1" "--$MP.resilience.routes.full.retry.max-attempts=2")
# shellcheck disable=SC2086
REDIS_HOST=127.0.0.1 REDIS_PORT=$REDIS_PORT PLATFORM_CONFIG_DIR="$ROOT/config" PLATFORM_RUN_DIR="$WORK" \
  java $GATEWAY_JAVA_OPTS -jar "$JAR" "${args[@]}" --server.port=$GATEWAY_PORT --management.server.port=$MANAGEMENT_PORT \
  $TRACING_OFF >"$WORK/gateway.log" 2>&1 &
PIDS+=($!); for t in gateway limited breaker full; do PROC[$t]=$!; done
# the same gateway with tracing at 10 % and 100 %, reporting to a real Zipkin server (the dev stack's jar)
TRACED=""
if wants traced10 || wants traced100; then
TRACED=1
java -Xms32m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -DQUERY_PORT=$ZIPKIN_PORT -DMEM_MAX_SPANS=50000 \
  -jar "$(cat "$ZIPKIN_JAR_LIST")" >"$WORK/zipkin.log" 2>&1 &
PIDS+=($!); ZIPKIN_PID=$!
for traced in "$TRACED10_PORT 0.1 traced10" "$TRACED100_PORT 1.0 traced100"; do
  read -r port probability name <<<"$traced"
  # shellcheck disable=SC2086
  REDIS_HOST=127.0.0.1 REDIS_PORT=$REDIS_PORT PLATFORM_CONFIG_DIR="$ROOT/config" PLATFORM_RUN_DIR="$WORK" \
    ZIPKIN_ENDPOINT="http://127.0.0.1:$ZIPKIN_PORT/api/v2/spans" TRACING_SAMPLING_PROBABILITY=$probability \
    java $GATEWAY_JAVA_OPTS -jar "$JAR" "${args[@]}" --server.port=$port --management.server.port=$((port + 10)) \
    >"$WORK/gateway-$port.log" 2>&1 &
  PIDS+=($!); PROC[$name]=$!
done
fi

# the peer baseline: the same route (lb://, simple discovery) and JVM, Spring Cloud Gateway's defaults otherwise
# shellcheck disable=SC2086
java $GATEWAY_JAVA_OPTS -jar "$VANILLA_JAR" --server.port=$VANILLA_PORT --logging.level.root=WARN \
  --spring.cloud.discovery.client.simple.instances.bench-backend[0].uri=http://127.0.0.1:$BACKEND_PORT \
  "--$R[0].id=plain" "--$R[0].uri=lb://bench-backend" "--$R[0].predicates[0]=Path=/plain/**" \
  >"$WORK/vanilla.log" 2>&1 &
PIDS+=($!); PROC[vanilla]=$!
# the A/B variant, only when a trial asks for it
if [[ -n "${BENCH_TARGETS:-}" ]] && { wants gatewayb || wants fullb; }; then
  # shellcheck disable=SC2086
  REDIS_HOST=127.0.0.1 REDIS_PORT=$REDIS_PORT PLATFORM_CONFIG_DIR="$ROOT/config" PLATFORM_RUN_DIR="$WORK" \
    ZIPKIN_ENDPOINT="http://127.0.0.1:$ZIPKIN_PORT/api/v2/spans" java $B_JAVA_OPTS -jar "$B_JAR" "${args[@]}" --server.port=$B_PORT --management.server.port=$((B_PORT + 10)) \
    ${BENCH_B_TRACING:-$TRACING_OFF} "${B_ARGS[@]}" >"$WORK/gateway-b.log" 2>&1 &
  PIDS+=($!); PROC[gatewayb]=$!; PROC[fullb]=$!
  await_b=1
fi

await_http "http://127.0.0.1:$BACKEND_PORT/" backend
await_http "http://127.0.0.1:$NGINX_PORT/" nginx
await_http "http://127.0.0.1:$BARE_PORT/" "bare proxy"
await_http "http://127.0.0.1:$GATEWAY_PORT/actuator/health/readiness" gateway
await_http "http://127.0.0.1:$VANILLA_PORT/plain/products/KB-001" "vanilla Spring Cloud Gateway"
[[ -z "${await_b:-}" ]] || await_http "http://127.0.0.1:$((B_PORT + 10))/actuator/health/readiness" "gateway B"
if [[ -n "$TRACED" ]]; then
  await_http "http://127.0.0.1:$ZIPKIN_PORT/health" zipkin
  await_http "http://127.0.0.1:$TRACED10_PORT/actuator/health/readiness" "gateway (10 % traced)"
  await_http "http://127.0.0.1:$TRACED100_PORT/actuator/health/readiness" "gateway (100 % traced)"
fi
TOKEN="$("$ROOT/platform" token bench-user)"
AUTH="Authorization: Bearer $TOKEN"
await_http "http://127.0.0.1:$GATEWAY_PORT/plain/products/KB-001" "gateway route"
curl -fsS -o /dev/null -H "$AUTH" "http://127.0.0.1:$GATEWAY_PORT/api/full/products/KB-001" \
  || die "the gateway refuses the benchmark's token"

declare -A URL=(
  [direct]="http://127.0.0.1:$BACKEND_PORT/products/KB-001"
  [nginx]="http://127.0.0.1:$NGINX_PORT/products/KB-001"
  [bare]="http://127.0.0.1:$BARE_PORT/products/KB-001"
  [gateway]="http://127.0.0.1:$GATEWAY_PORT/plain/products/KB-001"
  [limited]="http://127.0.0.1:$GATEWAY_PORT/limited/products/KB-001"
  [breaker]="http://127.0.0.1:$GATEWAY_PORT/breaker/products/KB-001"
  [full]="http://127.0.0.1:$GATEWAY_PORT/api/full/products/KB-001"
  [traced10]="http://127.0.0.1:$TRACED10_PORT/plain/products/KB-001"
  [traced100]="http://127.0.0.1:$TRACED100_PORT/plain/products/KB-001"
  [vanilla]="http://127.0.0.1:$VANILLA_PORT/plain/products/KB-001"
  [gatewayb]="http://127.0.0.1:$B_PORT/plain/products/KB-001"
  [fullb]="http://127.0.0.1:$B_PORT/api/full/products/KB-001"
)
# tracing off, 10 % and 100 % side by side (their ratios are taken round by round), the gateway's routes after it
TARGETS=(direct nginx bare vanilla traced100 traced10 gateway limited breaker full)
[[ -z "${BENCH_TARGETS:-}" ]] || read -r -a TARGETS <<<"$BENCH_TARGETS"

declare -A LABEL=(
  [direct]="direct (backend alone)"
  [nginx]="nginx reverse proxy"
  [bare]="bare Reactor Netty proxy (floor)"
  [gateway]="gateway, plain route"
  [limited]="gateway + rate limit (Redis)"
  [breaker]="gateway + circuit breaker"
  [full]="gateway, all filters + JWT"
  [traced10]="gateway, plain, 10 % traced"
  [traced100]="gateway, plain, 100 % traced"
  [vanilla]="vanilla Spring Cloud Gateway"
  [gatewayb]="gateway B, plain route"
  [fullb]="gateway B, all filters + JWT"
)

# wrk output -> "<requests per second> <p99 in ms> <non-2xx+errors> <requests>"
parse() {
  awk '
    / requests in / { n = $1 }
    /Requests\/sec:/ { rps = $2 }
    /^ +99%/ { v = $2; unit = v; gsub(/[0-9.]/, "", unit); gsub(/[a-z]/, "", v)
               p99 = (unit == "us") ? v / 1000 : (unit == "s") ? v * 1000 : v }
    /Non-2xx or 3xx responses:/ { bad += $5 }
    /Socket errors:/ { bad += 1 }
    END { printf "%.0f %.2f %d %d\n", rps, p99, bad, n }'
}

# CPU time (user + system, clock ticks) a process has used so far
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))
# CPU time of a JVM's JIT compiler threads ("C1/C2 CompilerThread<n>"), one "<thread id> <ticks>" line each.
# 60 s of load do not end compilation: the compiler threads still took 5-15 % of a gateway's CPU in the measured
# windows, unevenly between JVMs and rounds, as much as the tracing cost measured. That is warm-up, not what a
# request costs, so the CPU per request is also given without it. Per thread, since compiler threads come and go.
jit_threads() {
  local task
  for task in /proc/"$1"/task/*; do
    sed -n 's/^\([0-9]*\) (C[12] CompilerThre[^)]*) \(.*\)$/\1 \2/p' "$task/stat" 2>/dev/null
  done | awk '{ print $1, $13 + $14 }'
}

run_wrk() {
  local target="$1" seconds="$2"; shift 2
  local header=()
  [[ "$target" == full || "$target" == fullb ]] && header=(-H "$AUTH")
  local pid="${PROC[$target]:-}" before=0 zipkin_before=0 rps p99 bad n
  [[ -z "$pid" ]] || { before="$(cpu_ticks "$pid")"; jit_threads "$pid" >"$WORK/jit-before"; }
  [[ -z "${ZIPKIN_PID:-}" ]] || zipkin_before="$(cpu_ticks "$ZIPKIN_PID")"
  wrk "$@" -d"${seconds}s" --latency "${header[@]}" "${URL[$target]}" >"$WORK/wrk-$target.txt" 2>&1
  read -r rps p99 bad n < <(parse <"$WORK/wrk-$target.txt")
  # the serving process's CPU per request: robust where other work shares the cores and throughput is noisy
  local cpu=0 jit=0
  if [[ -n "$pid" && "$n" -gt 0 ]]; then
    cpu=$(( ($(cpu_ticks "$pid") - before) * TICK_US / n ))
    jit=$(( $(jit_threads "$pid" | awk 'FILENAME == ARGV[1] { b[$1] = $2; next } { d += $2 - b[$1] } END { print d + 0 }' \
      "$WORK/jit-before" -) * TICK_US / n ))
  fi
  # what the Zipkin server spent meanwhile (it shares the cores: in the throughput, not in the gateway's CPU)
  local zipkin=0
  [[ -z "${ZIPKIN_PID:-}" || "$n" -le 0 ]] || zipkin=$(( ($(cpu_ticks "$ZIPKIN_PID") - zipkin_before) * TICK_US / n ))
  echo "$rps $p99 $bad $cpu $zipkin $jit"
}

# The same warm-up per JVM, shared by the targets it serves (the gateway's four routes, one JVM): a JVM warmed
# for less time still spends CPU compiling during the measurement.
echo "== warm-up (${WARMUP}s of load per JVM, JIT)"
declare -A SHARING
for target in "${TARGETS[@]}"; do
  key="${PROC[$target]:-$target}"; SHARING[$key]=$(( ${SHARING[$key]:-0} + 1 ))
done
for target in "${TARGETS[@]}"; do
  run_wrk "$target" $(( (WARMUP + SHARING[${PROC[$target]:-$target}] - 1) / SHARING[${PROC[$target]:-$target}] )) \
    -t2 -c"$CONNECTIONS" >/dev/null
done

# Rounds in alternating order (every other one reversed), averaged: a JVM still warming up favours whatever is
# measured last, and this way no target is always last; as many rounds in each order, so every target's mean
# position is the same. Within a round each target is measured minutes at most from the others, so a ratio
# taken round by round (paired) is less exposed to the machine's load drifting than the ratio of the means, and
# their median is not moved by one round that other work disturbed (the tracing rows below are such medians: one
# disturbed round of two once made 10 % sampling look like +24 % CPU per request).
limited_requests() {
  curl -fsS "http://127.0.0.1:$MANAGEMENT_PORT/actuator/prometheus" \
    | awk '/^gateway_ratelimit_requests_total/ && /outcome="allowed"/ { n += $2 } END { printf "%d", n }'
}
declare -A RECORDED   # JVM -> the recording's file
if [[ -n "${BENCH_JFR:-}" ]]; then
  mkdir -p "$BENCH_JFR"
  for target in "${TARGETS[@]}"; do
    pid="${PROC[$target]:-}"
    [[ -n "$pid" && -z "${RECORDED[$pid]:-}" ]] || continue
    RECORDED[$pid]="$(cd "$BENCH_JFR" && pwd)/$target.jfr"
    jcmd "$pid" JFR.start name=bench settings=profile >/dev/null
  done
fi
redis-cli -p $REDIS_PORT config resetstat >/dev/null
LIMITED_BEFORE="$(limited_requests)"
echo "== saturation: wrk -t2 -c$CONNECTIONS -d${DURATION}s, $ROUNDS rounds (every other one in reverse order), averaged"
declare -A RPS P99 BAD CPU JIT ZCPU ROUND_RPS ROUND_CPU ROUND_CPUX
order=("${TARGETS[@]}")
for ((round = 1; round <= ROUNDS; round++)); do
  for target in "${order[@]}"; do
    read -r rps p99 bad cpu zipkin jit < <(run_wrk "$target" "$DURATION" -t2 -c"$CONNECTIONS")
    printf '  round %d  %-32s %8s req/s  p99 %7s ms  %5s us CPU/request (JIT %3s)%s\n' "$round" "${LABEL[$target]}" "$rps" "$p99" \
      "$cpu" "$jit" "$([[ $target == traced* || $zipkin -gt 0 ]] && echo "  (Zipkin server: $zipkin us/request)")"
    CPU[$target]=$(( ${CPU[$target]:-0} + cpu ))
    JIT[$target]=$(( ${JIT[$target]:-0} + jit ))
    ZCPU[$target]=$(( ${ZCPU[$target]:-0} + zipkin ))
    ROUND_RPS[$target,$round]=$rps; ROUND_CPU[$target,$round]=$cpu; ROUND_CPUX[$target,$round]=$((cpu - jit))
    [[ "$bad" == 0 ]] || echo "  warning: $bad non-2xx responses or socket errors (see $WORK/wrk-$target.txt)"
    RPS[$target]=$(( ${RPS[$target]:-0} + rps ))
    P99[$target]="$(awk -v a="${P99[$target]:-0}" -v b="$p99" 'BEGIN { printf "%.2f", a + b }')"
  done
  order=($(printf '%s\n' "${order[@]}" | tac))
done
for pid in "${!RECORDED[@]}"; do
  jcmd "$pid" JFR.stop name=bench filename="${RECORDED[$pid]}" >/dev/null
  echo "  flight recording: ${RECORDED[$pid]}"
done
for target in "${TARGETS[@]}"; do
  RPS[$target]=$(( RPS[$target] / ROUNDS ))
  CPU[$target]=$(( CPU[$target] / ROUNDS ))
  JIT[$target]=$(( JIT[$target] / ROUNDS ))
  ZCPU[$target]=$(( ZCPU[$target] / ROUNDS ))
  P99[$target]="$(awk -v a="${P99[$target]}" -v r="$ROUNDS" 'BEGIN { printf "%.2f", a / r }')"
done
# a target against another, round by round: "<median> (<each round's>)", as a cost (throughput) or an excess (CPU,
# cpux: without the JIT compiler threads)
paired() {
  local kind="$1" a="$2" b="$3" r values=()
  for ((r = 1; r <= ROUNDS; r++)); do
    values+=("$(awk -v kind="$kind" -v a="${ROUND_RPS[$a,$r]:-0}" -v b="${ROUND_RPS[$b,$r]:-0}" \
      -v ca="${ROUND_CPU[$a,$r]:-0}" -v cb="${ROUND_CPU[$b,$r]:-0}" \
      -v xa="${ROUND_CPUX[$a,$r]:-0}" -v xb="${ROUND_CPUX[$b,$r]:-0}" 'BEGIN {
        if (kind == "cpux") { ca = xa; cb = xb }
        if (kind == "cost") printf "%.1f", (b > 0) ? (1 - a / b) * 100 : 0
        else printf "%+.1f", (cb > 0) ? (ca / cb - 1) * 100 : 0 }')")
  done
  printf '%s\n' "${values[@]}" | sort -g | awk -v kind="$kind" -v all="${values[*]}" '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf (kind == "cost") ? "%.1f %% (rounds: %s)" : "%+.1f %% (rounds: %s)", m, all }'
}

# Half of the gateway's saturation with all its filters, offered to every target alike: connections * 1000 /
# pause gives the rate, with a 10 ms pause between a response and the next request on each connection.
HALF=$((${RPS[full]:-${RPS[fullb]:-${RPS[gateway]:-2000}}} / 2))
PAUSE=10
PACED_CONNECTIONS=$(((HALF * PAUSE + 500) / 1000))
((PACED_CONNECTIONS >= 1)) || PACED_CONNECTIONS=1
echo "== half saturation: about $HALF req/s offered ($PACED_CONNECTIONS connections, ${PAUSE} ms pause each)"
declare -A HRPS HP99
for target in direct nginx bare vanilla gateway full gatewayb fullb; do
  [[ " ${TARGETS[*]} " == *" $target "* ]] || continue
  read -r HRPS[$target] HP99[$target] _ < <(BENCH_DELAY_MS=$PAUSE run_wrk "$target" "$DURATION" -t1 \
    -c"$PACED_CONNECTIONS" -s "$ROOT/bench/paced.lua")
  printf '  %-32s %8s req/s  p99 %7s ms\n' "${LABEL[$target]}" "${HRPS[$target]}" "${HP99[$target]}"
done

# how often the rate limit asked Redis: token-bucket script calls per rate-limited request (leases, refusals)
SCRIPT_CALLS="$(redis-cli -p $REDIS_PORT info commandstats | awk -F'[:=,]' '/^cmdstat_eval/ { n += $3 } END { print n + 0 }')"
LIMITED_REQUESTS=$(($(limited_requests) - LIMITED_BEFORE))

# targets a trial left out count as 0 (blank in the table)
for target in "${!URL[@]}"; do
  RPS[$target]="${RPS[$target]:-0}"; CPU[$target]="${CPU[$target]:-0}"; P99[$target]="${P99[$target]:-0}"; HP99[$target]="${HP99[$target]:-}"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
cost() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f %%", (b > 0) ? (1 - a / b) * 100 : 0 }'; }
more() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f %%", (b > 0) ? (a / b - 1) * 100 : 0 }'; }
added() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.2f ms", a - b }'; }
# what a proxy adds to p99 at half saturation, as a multiple of what the floor adds
added_ratio() {
  awk -v a="$1" -v b="$2" -v d="$3" 'BEGIN { if (b - d > 0) printf "%.2f", (a - d) / (b - d); else printf "n/a" }'
}

cat <<EOF

== results ($(nproc) cores, load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/'); gateway JVM: $GATEWAY_JAVA_OPTS)
(the run itself keeps about 3-6 threads busy; a load average far above that means other work shared the cores)

| target | throughput at saturation (req/s) | p99 at saturation (ms) | p99 at ~$HALF req/s (ms) | CPU per request of the serving process (µs) |
|---|---:|---:|---:|---:|
EOF
for target in "${TARGETS[@]}"; do
  printf '| %s | %s | %s | %s | %s |\n' "${LABEL[$target]}" "${RPS[$target]}" "${P99[$target]}" "${HP99[$target]:-}" \
    "$([[ -n "${PROC[$target]:-}" ]] && echo "${CPU[$target]}")"
done
cat <<EOF

| ratio | value | target |
|---|---:|---|
| gateway / bare Reactor Netty proxy (the floor), throughput (plain route) | $(ratio "${RPS[gateway]}" "${RPS[bare]}") | >= 0.40 |
| gateway / vanilla Spring Cloud Gateway, throughput (plain route) | $(ratio "${RPS[gateway]}" "${RPS[vanilla]}") | >= 1.0 |
| gateway / floor, throughput (all filters + JWT) | $(ratio "${RPS[full]}" "${RPS[bare]}") | >= 0.30 |
| vanilla Spring Cloud Gateway / floor, throughput | $(ratio "${RPS[vanilla]}" "${RPS[bare]}") | |
| CPU per request: gateway / vanilla Spring Cloud Gateway, plain route (lower is better) | $(ratio "${CPU[gateway]}" "${CPU[vanilla]}") | |
| CPU per request: gateway B / gateway, plain / all filters + JWT (A/B trials) | $(ratio "${CPU[gatewayb]}" "${CPU[gateway]}") / $(ratio "${CPU[fullb]}" "${CPU[full]}") | |
| round by round (median, each round), gateway B vs gateway, plain route: CPU per request without / with the JIT (A/B trials) | $(paired cpux gatewayb gateway) / $(paired cpu gatewayb gateway) | |
| gateway B / floor, throughput, plain / all filters + JWT (A/B trials) | $(ratio "${RPS[gatewayb]:-0}" "${RPS[bare]}") / $(ratio "${RPS[fullb]:-0}" "${RPS[bare]}") | |
| gateway / nginx, throughput (plain route) | $(ratio "${RPS[gateway]}" "${RPS[nginx]}") | |
| gateway / nginx, throughput (all filters + JWT) | $(ratio "${RPS[full]}" "${RPS[nginx]}") | |
| gateway / direct, throughput (plain route) | $(ratio "${RPS[gateway]}" "${RPS[direct]}") | |
| bare Reactor Netty proxy / nginx, throughput (the floor's ratio) | $(ratio "${RPS[bare]}" "${RPS[nginx]}") | |
| p99 added at half saturation: gateway (plain route), as a multiple of what the floor adds | $(added_ratio "${HP99[gateway]}" "${HP99[bare]}" "${HP99[direct]}") | <= 1.5 |
| p99 added by the gateway at half saturation (plain route) | $(added "${HP99[gateway]}" "${HP99[direct]}") | |
| p99 added by the gateway at half saturation (all filters + JWT) | $(added "${HP99[full]}" "${HP99[direct]}") | |
| p99 added by the vanilla Spring Cloud Gateway at half saturation | $(added "${HP99[vanilla]}" "${HP99[direct]}") | |
| p99 added by nginx at half saturation | $(added "${HP99[nginx]}" "${HP99[direct]}") | |
| p99 added by the bare Reactor Netty proxy (the floor) at half saturation | $(added "${HP99[bare]}" "${HP99[direct]}") | |
| throughput cost of the rate limit (limited vs plain) | $(cost "${RPS[limited]}" "${RPS[gateway]}") | <= 15 % |
| Redis script calls per rate-limited request (leases; 1.00 without) | $(ratio "$SCRIPT_CALLS" "$LIMITED_REQUESTS") | |
| throughput cost of the circuit breaker (breaker vs plain) | $(cost "${RPS[breaker]}" "${RPS[gateway]}") | |
| throughput cost of everything (all filters + JWT vs plain) | $(cost "${RPS[full]}" "${RPS[gateway]}") | |
| throughput cost of tracing at 10 % sampling (plain route, vs tracing off; median of the rounds' ratios, each round's) | $(paired cost traced10 gateway) | <= 10 % |
| throughput cost of tracing at 100 % sampling (same) | $(paired cost traced100 gateway) | |
| CPU per request without the JIT compiler threads, 10 % traced vs off (same) | $(paired cpux traced10 gateway) | |
| CPU per request without the JIT compiler threads, 100 % traced vs off (same) | $(paired cpux traced100 gateway) | |
| CPU per request, the JIT's included, 10 % / 100 % traced vs off (same) | $(paired cpu traced10 gateway) / $(paired cpu traced100 gateway) | |
| the same from the means over all rounds (one disturbed round weighs in): throughput cost 10 % / 100 %, CPU per request 10 % / 100 % | $(cost "${RPS[traced10]}" "${RPS[gateway]}") / $(cost "${RPS[traced100]}" "${RPS[gateway]}"), $(more "${CPU[traced10]}" "${CPU[gateway]}") / $(more "${CPU[traced100]}" "${CPU[gateway]}") | |
| the Zipkin server's CPU per traced request, 10 % / 100 % (shares the cores: in the throughput cost, not in the gateway's CPU) | ${ZCPU[traced10]:-0} / ${ZCPU[traced100]:-0} µs | |
| p99 at saturation, 10 % / 100 % traced vs off (plain route) | $(added "${P99[traced10]}" "${P99[gateway]}") / $(added "${P99[traced100]}" "${P99[gateway]}") | |
EOF
echo "spans Zipkin received: $(curl -fsS "http://127.0.0.1:$ZIPKIN_PORT/prometheus" 2>/dev/null | awk '/^zipkin_collector_spans_total/ { n += $2 } END { printf "%d", n }')"
