#!/usr/bin/env bash
# Plughub cluster benchmark: the detail, search and download rows of run.sh against PostgreSQL + S3,
# first on one node and then on two nodes sharing the same database and bucket, with the load split
# between them (one wrk per node, half the connections each). Prints a Markdown table. Needs no
# Docker: PostgreSQL (embedded, fsync off) and S3 (S3Proxy over a folder) run on this machine too,
# so on a small machine every process shares the same cores; read the table with that in mind.
#
#   bench/cluster.sh                # 2,000 plugins × 3 versions, 10 s per wrk run
#   QUICK=1 bench/cluster.sh        # 300 plugins, 3 s per wrk run
#   CLUSTER=1 bench/run.sh          # the same (run.sh hands over to this script)
#
# Environment: PLUGINS, DURATION, WARMUP, CONNECTIONS, SEED_CONCURRENCY, KEEP_DATA=1, RESULTS (also
# write the table there), PLUGHUB_JAVA_HOME (a JDK 21+; default: the newest under /usr/lib/jvm).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
if [[ "${QUICK:-0}" == 1 ]]; then
  PLUGINS="${PLUGINS:-300}" DURATION="${DURATION:-3s}" WARMUP="${WARMUP:-2s}"
fi
PLUGINS="${PLUGINS:-2000}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-3s}"
CONNECTIONS="${CONNECTIONS:-32}"
SEED_CONCURRENCY="${SEED_CONCURRENCY:-6}"
target="target-cluster-bench"   # a build folder of its own, beside the ones others use

log() { echo "cluster-bench: $*" >&2; }
die() { log "$*"; exit 1; }

java_home="${PLUGHUB_JAVA_HOME:-}"
if [[ -z "$java_home" ]]; then
  for dir in /usr/lib/jvm/*; do
    v="$("$dir/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' || true)"
    [[ "${v%%.*}" =~ ^[0-9]+$ ]] && (( ${v%%.*} >= 21 )) && java_home="$dir"
  done
fi
[[ -n "$java_home" ]] || die "no JDK 21 or newer found; set PLUGHUB_JAVA_HOME"
java="$java_home/bin/java"
command -v wrk >/dev/null 2>&1 || die "wrk is missing (apt-get install wrk, or run bench/run.sh once)"

work="$(mktemp -d -t plughub-cluster-bench.XXXXXX)"
pids=()
cleanup() {
  local status=$? p
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [[ "${KEEP_DATA:-0}" == 1 ]]; then log "kept $work"; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "building the server and bench jars into */$target ..."
(cd "$root" && JAVA_HOME="$java_home" ./mvnw -q -B -o -Dplughub.target="$target" -DskipTests -Dmaven.test.skip=true \
    package -pl cli,bench -am >&2)
(cd "$root" && JAVA_HOME="$java_home" ./mvnw -q -B -o -Dplughub.target="$target" -pl registry \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/backends.classpath" >&2)
server_jar="$root/cli/$target/plughub.jar"
bench_jar="$root/bench/$target/plughub-bench.jar"

# --- PostgreSQL and S3 ---
"$java" -Dlogback.configurationFile="$bench/cluster/logback.xml" -cp "$(cat "$work/backends.classpath")" \
    "$bench/cluster/ClusterBackends.java" "$work/backends" >"$work/backends.env" 2>"$work/backends.log" &
pids+=($!)
for _ in $(seq 1 1200); do grep -q '^READY$' "$work/backends.env" && break; sleep 0.1; done
grep -q '^READY$' "$work/backends.env" || { cat "$work/backends.log" >&2; die "the back ends did not start"; }
backend_env=(); while IFS= read -r line; do [[ "$line" == *=* ]] && backend_env+=("$line"); done <"$work/backends.env"
log "back ends: $(grep -v SECRET "$work/backends.env" | grep = | tr '\n' ' ')"

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$(( 20000 + RANDOM % 30000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  die "no free port found"
}
api_key="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
start_node() { # start_node NAME -> the node's base URL on stdout
  local name="$1" port; port="$(free_port)"
  env "${backend_env[@]}" PLUGHUB_API_KEY="$api_key" PLUGHUB_MAX_PACKAGE_MB=64 PLUGHUB_RATE_QUERIES_PER_MIN=0 \
      PLUGHUB_RATE_UPLOADS_PER_HOUR=0 PLUGHUB_RATE_DOWNLOADS_PER_MIN=0 PLUGHUB_RATE_RATINGS_PER_HOUR=0 \
      "$java" --enable-native-access=ALL-UNNAMED -Xmx512m -cp "$server_jar" dev.plughub.registry.RegistryServer \
      --host 127.0.0.1 --port "$port" --data-dir "$work/$name" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/api/v1/health" || true)" == 200 ]] \
        && { echo "http://127.0.0.1:$port"; return; }
    sleep 0.1
  done
  tail -n 20 "$work/$name.log" >&2; die "node $name did not start"
}
node1="$(start_node node1)"
log "node 1: $node1"

# --- the catalogue, published through node 1 into PostgreSQL + S3 ---
"$java" -cp "$bench_jar" dev.plughub.bench.Seeder --registry "$node1" --api-key "$api_key" \
    --plugins "$PLUGINS" --versions 3 --concurrency "$SEED_CONCURRENCY" >"$work/seed.log" 2>&1 \
    || { tail -n 20 "$work/seed.log" >&2; die "seeding failed"; }
node2="$(start_node node2)"
log "node 2: $node2"

detail_path="/api/v1/plugins/$(printf 'bench-plugin-%05d' $(( (PLUGINS + 1) / 2 )))"
d20k_path="/api/v1/plugins/bench-download-20k/download?version=1.0.0"
cat "$bench/wrk/search.lua" "$bench/wrk/report.lua" >"$work/search.lua"
cp "$bench/wrk/report.lua" "$work/report.lua"

wrk_rps() { # wrk_rps CONNECTIONS DURATION SCRIPT URL OUT -> req/s (non-2xx and socket errors make it "errors")
  wrk -t1 -c"$1" -d"$2" --latency -s "$3" "$4" >"$5" 2>&1 || true
  awk '/^BENCH / { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
       err = v["connect"] + v["read"] + v["write"] + v["status"] + v["timeout"]
       if (err > 0) print "errors"; else printf "%.0f\n", v["requests"] / (v["duration_us"] / 1e6) }' "$5"
}
declare -A one two
measure() { # measure NAME PATH SCRIPT
  local name="$1" path="$2" script="$3" a b
  wrk_rps "$CONNECTIONS" "$WARMUP" "$script" "$node1$path" "$work/$name-warm1.txt" >/dev/null
  wrk_rps "$CONNECTIONS" "$WARMUP" "$script" "$node2$path" "$work/$name-warm2.txt" >/dev/null
  one[$name]="$(wrk_rps "$CONNECTIONS" "$DURATION" "$script" "$node1$path" "$work/$name-one.txt")"
  wrk_rps $(( CONNECTIONS / 2 )) "$DURATION" "$script" "$node1$path" "$work/$name-two-a.txt" >"$work/$name-a" &
  local wa=$!
  wrk_rps $(( CONNECTIONS / 2 )) "$DURATION" "$script" "$node2$path" "$work/$name-two-b.txt" >"$work/$name-b"
  wait "$wa"
  a="$(cat "$work/$name-a")"; b="$(cat "$work/$name-b")"
  if [[ "$a" == errors || "$b" == errors ]]; then two[$name]="errors"; else two[$name]=$(( a + b )); fi
  log "$name: one node ${one[$name]} req/s; two nodes $a + $b = ${two[$name]} req/s"
}
measure detail "$detail_path" "$work/report.lua"
measure search "/api/v1/plugins" "$work/search.lua"
measure d20k "$d20k_path" "$work/report.lua"

table() {
  echo "Plughub cluster benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $("$java" -version 2>&1 | head -1);"
  echo "PostgreSQL 14 (embedded, fsync off) + S3Proxy on the same machine; $PLUGINS plugins × 3 versions;"
  echo "wrk -t1 -c$CONNECTIONS -d$DURATION against one node, then two wrk -c$(( CONNECTIONS / 2 )) at once, one per node."
  echo
  echo "| Row | One node | Two nodes (sum) | Two / one |"
  echo "|---|---|---|---|"
  local row label
  for row in detail search d20k; do
    case "$row" in
      detail) label="Plugin detail \`$detail_path\`" ;;
      search) label="List with search (40 words × 5 pages)" ;;
      d20k) label="20 KB download (streamed from S3)" ;;
    esac
    local ratio="—"
    [[ "${one[$row]}" =~ ^[0-9]+$ && "${two[$row]}" =~ ^[0-9]+$ && "${one[$row]}" -gt 0 ]] \
        && ratio="$(awk -v a="${two[$row]}" -v b="${one[$row]}" 'BEGIN { printf "%.2f", a / b }')"
    echo "| $label | ${one[$row]} req/s | ${two[$row]} req/s | $ratio |"
  done
  echo
  echo "Every process (the nodes, PostgreSQL, S3Proxy, wrk) shares this machine's $(nproc) cores: a second node"
  echo "adds no CPU here, so \"two / one\" near 1 means the design adds no cluster-wide bottleneck; growth needs"
  echo "nodes on machines of their own."
}
table | tee ${RESULTS:+"$RESULTS"}
