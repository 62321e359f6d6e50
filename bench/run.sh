#!/usr/bin/env bash
# Plughub benchmark: starts the registry with a fresh data directory, seeds a catalogue, drives it
# with wrk from this machine and prints a Markdown table (measured value, target from issue 2, and
# Verdaccio 6.10's figure on the same machine). See bench/README.md.
#
#   bench/run.sh                 # 10,000 plugins × 3 versions, 10 s per wrk run
#   QUICK=1 bench/run.sh         # smoke run: 500 plugins, 3 s per wrk run, fewer publishes
#
# Environment: PLUGINS, DURATION, WARMUP, THREADS, CONNECTIONS, SEED_CONCURRENCY, PUBLISH_SMALL,
# PUBLISH_LARGE, KEEP_DATA=1 (keep the temporary folder), PROFILE=1 (JFR samples of each load row),
# PLUGHUB_JAVA_OPTS (JVM options of the server, as for ./plughub), SERVER_MAIN, SKIP_BUILD=1 (use the
# jars as they are), RESULTS (also write the table here), CEILING=0 (skip nginx; by default the same
# bytes are also served by nginx, when it is installed, to show this machine's ceiling today).
#
#   CLUSTER=1 bench/run.sh       # PostgreSQL + S3 instead: one node against two (bench/cluster.sh)
set -euo pipefail
[[ "${CLUSTER:-0}" == 1 ]] && exec "$(dirname "${BASH_SOURCE[0]}")/cluster.sh" "$@"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
server_jar="$root/cli/target/plughub.jar"
bench_jar="$root/bench/target/plughub-bench.jar"

if [[ "${QUICK:-0}" == 1 ]]; then
  PLUGINS="${PLUGINS:-500}" DURATION="${DURATION:-3s}" WARMUP="${WARMUP:-2s}"
  PUBLISH_SMALL="${PUBLISH_SMALL:-50}" PUBLISH_LARGE="${PUBLISH_LARGE:-10}"
fi
PLUGINS="${PLUGINS:-10000}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-10s}"
THREADS="${THREADS:-1}"
CONNECTIONS="${CONNECTIONS:-32}"
SEED_CONCURRENCY="${SEED_CONCURRENCY:-6}"
PUBLISH_SMALL="${PUBLISH_SMALL:-200}"
PUBLISH_LARGE="${PUBLISH_LARGE:-30}"
MAX_PACKAGE_MB="${PLUGHUB_MAX_PACKAGE_MB:-64}"
CEILING="${CEILING:-auto}"

log() { echo "bench: $*" >&2; }
die() { log "$*"; exit 1; }

# --- a JDK 21+ (the same search as ./plughub) ---
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1 || echo 0
}
find_java() {
  local candidates=() dir best="" best_v=0 c v
  [[ -n "${PLUGHUB_JAVA_HOME:-}" ]] && candidates+=("$PLUGHUB_JAVA_HOME/bin/java")
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [[ -x "$dir/bin/java" ]] && candidates+=("$dir/bin/java")
  done
  for c in "${candidates[@]}"; do
    v="$(java_major "$c")"
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if (( v >= 21 && v > best_v )); then best="$c"; best_v="$v"; fi
  done
  [[ -n "$best" ]] || die "no JDK 21 or newer found; install one or set PLUGHUB_JAVA_HOME"
  echo "$best"
}
java="$(find_java)"
java_home="$(dirname "$(dirname "$java")")"

# --- the runnable jar and the bench jar, built when missing or older than the sources ---
needs_build() {
  [[ -f "$server_jar" && -f "$bench_jar" ]] || return 0
  [[ "${SKIP_BUILD:-0}" == 1 ]] && return 1
  local older="$server_jar"
  [[ "$bench_jar" -ot "$server_jar" ]] && older="$bench_jar"
  [[ -n "$(find "$root" -path "$root/*/target*" -prune -o -path "$root/.git" -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -type f -newer "$older" -print -quit)" ]]
}
if needs_build; then
  log "building the server and bench jars..."
  (cd "$root" && JAVA_HOME="$java_home" ./mvnw -q -B -DskipTests -Dmaven.test.skip=true package -pl cli,bench -am >&2)
fi

# --- wrk (Debian package) ---
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk..."
  sudo_cmd=(); [[ "$(id -u)" == 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y wrk >&2 || { "${sudo_cmd[@]}" apt-get update >&2 && "${sudo_cmd[@]}" apt-get install -y wrk >&2; }
fi

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$(( 20000 + RANDOM % 30000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  die "no free port found"
}

# --- a fresh server ---
work="$(mktemp -d -t plughub-bench.XXXXXX)"
data="$work/data"
port="$(free_port)"
base="http://127.0.0.1:$port"
api_key="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
pid=""
nginx_bin="$(command -v nginx || { [[ -x /usr/sbin/nginx ]] && echo /usr/sbin/nginx; } || true)"
nginx_conf=""

cleanup() {
  local status=$?
  [[ -z "$nginx_conf" ]] || "$nginx_bin" -c "$nginx_conf" -s stop 2>/dev/null || true
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  if [[ "${KEEP_DATA:-0}" == 1 ]]; then
    log "kept $work (data directory, server log, wrk outputs)"
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# SERVER_MAIN runs a main class of the jar instead of `plughub serve` (same options), e.g.
# dev.plughub.registry.RegistryServer to measure the registry without the CLI around it.
# Without it the server starts through ./plughub, with the JVM options users get.
if [[ -n "${SERVER_MAIN:-}" ]]; then
  launch=("$java" --enable-native-access=ALL-UNNAMED ${PLUGHUB_JAVA_OPTS:-} -cp "$server_jar" "$SERVER_MAIN")
else
  # The jars were built above: a source edited while the benchmark runs must not make a later launch
  # (the restart row) rebuild them on the clock.
  launch=(env PLUGHUB_NO_BUILD=1 PLUGHUB_JAVA_HOME="$java_home" "$root/plughub" serve)
fi
log "server: $java ${launch[*]} --host 127.0.0.1 --port $port --data-dir $data"

# Polls /api/v1/health every 10 ms until the server started as $pid (since $t0) answers 200; fails the
# run, quoting the log, if it exits first or takes a minute.
await_health() {
  local server_log=$1 what=$2 code
  while true; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$base/api/v1/health" || true)"
    [[ "$code" == 200 ]] && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$server_log" >&2; die "the server exited during $what"; }
    (( ($(date +%s%N) - t0) / 1000000 < 60000 )) || die "no 200 from /api/v1/health within 60 s of $what"
    sleep 0.01
  done
}

# The first launch after a build first records the JVM's start-up cache in a training run (./plughub
# keeps one per jar); it is timed on its own, then stopped, so the start-up row shows an ordinary launch.
first_launch_ms=""
if [[ -z "${SERVER_MAIN:-}" ]]; then
  t0=$(date +%s%N)
  env PLUGHUB_RATE_QUERIES_PER_MIN=0 PLUGHUB_AOT_TRAINING=foreground "${launch[@]}" --host 127.0.0.1 --port "$port" \
      --data-dir "$work/first-launch" \
      >"$work/first-launch.log" 2>&1 &
  first_pid=$!
  for _ in $(seq 1 6000); do
    curl -s -o /dev/null --max-time 1 "$base/api/v1/health" && break
    kill -0 "$first_pid" 2>/dev/null || break
    sleep 0.01
  done
  first_launch_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  kill -TERM "$first_pid" 2>/dev/null || true
  wait "$first_pid" 2>/dev/null || true
  rm -rf "$work/first-launch"
  log "first launch after the build (records the start-up cache first): $first_launch_ms ms"
fi

t0=$(date +%s%N)
env -u PLUGHUB_DATA_DIR -u PLUGHUB_DEV -u OKO_STORE_STORAGE_PATH -u OKO_STORE_API_KEY -u OKO_STORE_DEBUG \
    -u OKO_STORE_MAX_PLUGIN_SIZE_MB PLUGHUB_API_KEY="$api_key" PLUGHUB_MAX_PACKAGE_MB="$MAX_PACKAGE_MB" \
    PLUGHUB_RATE_QUERIES_PER_MIN=0 PLUGHUB_RATE_UPLOADS_PER_HOUR=0 PLUGHUB_RATE_DOWNLOADS_PER_MIN=0 \
    PLUGHUB_RATE_RATINGS_PER_HOUR=0 \
    "${launch[@]}" --host 127.0.0.1 --port "$port" --data-dir "$data" >"$work/server.log" 2>&1 &
pid=$!
await_health "$work/server.log" "start-up"
startup_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
startup_cpu_ms=$(( $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }') * 1000 / $(getconf CLK_TCK) ))
log "server up in $startup_ms ms, having used $startup_cpu_ms ms of CPU (pid $pid)"

# --- seed ---
"$java" -cp "$bench_jar" dev.plughub.bench.Seeder --registry "$base" --api-key "$api_key" \
    --plugins "$PLUGINS" --versions 3 --concurrency "$SEED_CONCURRENCY" 2>&1 | tee "$work/seed.log" >&2 \
    || die "seeding failed (server log: KEEP_DATA=1 keeps $work/server.log)"
seed_rate="$(awk '/^SEED / { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "rate") print kv[2] } }' "$work/seed.log")"

# --- load rows ---
detail_id="$(printf 'bench-plugin-%05d' $(( PLUGINS < 5000 ? (PLUGINS + 1) / 2 : 5000 )))"
detail_path="/api/v1/plugins/$detail_id"
search_path="/api/v1/plugins?search=monitor&limit=20"
d20k_path="/api/v1/plugins/bench-download-20k/download?version=1.0.0"
d10m_path="/api/v1/plugins/bench-download-10m/download?version=1.0.0"
cat "$bench/wrk/search.lua" "$bench/wrk/report.lua" >"$work/search.lua"
cp "$bench/wrk/report.lua" "$work/report.lua"

declare -A rps p50 p99 bps errors status_of cpu_us
clk_tck="$(getconf CLK_TCK)"
# user + system CPU of every thread of the server so far, in clock ticks (fields 14 and 15 of stat;
# the command name in field 2 is in parentheses and may hold spaces, so count from after it)
server_cpu_ticks() { sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }'; }
jcmd="$java_home/bin/jcmd"
jfr="$java_home/bin/jfr"

wrk_run() { # wrk_run NAME PATH SCRIPT DURATION [BASE] -> BENCH line on stdout, full output in $work/wrk-NAME.txt
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$4" --latency -s "$3" "${5:-$base}$2" >"$work/wrk-$1.txt" 2>&1 || true
  grep '^BENCH ' "$work/wrk-$1.txt" || true
}

profile_summary() ( # top sampled frames of a JFR recording: self (top of stack) and Plughub code (inclusive)
  set +o pipefail   # head closes its pipe early
  local rec="$1" out="$2"
  "$jfr" print --stack-depth 64 --events jdk.ExecutionSample "$rec" >"$rec.txt" 2>/dev/null || return 0
  {
    echo "## top of stack (self samples)"
    awk '/stackTrace = \[/ { want = 1; next } want && /line:/ { sub(/^[ \t]+/, ""); print; want = 0 }' "$rec.txt" \
      | sed 's/[[:space:]]*line:.*//' | sort | uniq -c | sort -rn | head -25
    echo "## Plughub, Javalin and Jetty frames (inclusive samples)"
    grep -E '^\s+(dev\.plughub|io\.javalin\.http\.servlet|org\.jdbi|org\.sqlite|com\.fasterxml)' "$rec.txt" \
      | sed 's/[[:space:]]*line:.*//; s/^[[:space:]]*//' | sort | uniq -c | sort -rn | head -25
    echo "## in native code (jdk.NativeMethodSample: SQLite, socket writes, fsync), top of stack"
    "$jfr" print --stack-depth 1 --events jdk.NativeMethodSample "$rec" 2>/dev/null \
      | awk '/stackTrace = \[/ { want = 1; next } want { sub(/^[ \t]+/, ""); print; want = 0 }' \
      | sed 's/[[:space:]]*line:.*//' | grep -v 'EPoll.wait' | sort | uniq -c | sort -rn | head -8
  } >"$out"
)

measure() { # measure NAME PATH SCRIPT: a row of the server
  local name="$1" path="$2" script="$3" code line
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$base$path" || true)"
  status_of[$name]="$code"
  if [[ "$code" != 200 ]]; then
    log "$name: GET $path answered HTTP $code; skipping its load run"
    return 0
  fi
  wrk_run "$name-warmup" "$path" "$script" "$WARMUP" >/dev/null
  if [[ "${PROFILE:-0}" == 1 ]]; then
    "$jcmd" "$pid" JFR.start name="$name" settings=profile filename="$work/$name.jfr" >/dev/null 2>&1 || true
  fi
  local cpu_before cpu_after; cpu_before="$(server_cpu_ticks)"
  line="$(wrk_run "$name" "$path" "$script" "$DURATION")"
  cpu_after="$(server_cpu_ticks)"
  if [[ "${PROFILE:-0}" == 1 ]]; then
    "$jcmd" "$pid" JFR.stop name="$name" >/dev/null 2>&1 || true
    profile_summary "$work/$name.jfr" "$work/profile-$name.txt"
    log "profile of $name:"; cat "$work/profile-$name.txt" >&2
  fi
  [[ -n "$line" ]] || { log "$name: wrk printed no result:"; cat "$work/wrk-$name.txt" >&2; status_of[$name]="wrk failed"; return 0; }
  eval "$(echo "$line" | tr ' ' '\n' | grep '=' | sed 's/^/local w_/')"
  local seconds; seconds="$(awk -v d="$w_duration_us" 'BEGIN { printf "%.6f", d / 1e6 }')"
  rps[$name]="$(awk -v r="$w_requests" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }')"
  bps[$name]="$(awk -v b="$w_bytes" -v s="$seconds" 'BEGIN { printf "%.0f", b / s }')"
  p50[$name]="$(awk -v u="$w_p50_us" 'BEGIN { printf "%.2f", u / 1000 }')"
  p99[$name]="$(awk -v u="$w_p99_us" 'BEGIN { printf "%.2f", u / 1000 }')"
  errors[$name]=$(( w_connect + w_read + w_write + w_status + w_timeout ))
  cpu_us[$name]="$(awk -v t=$(( cpu_after - cpu_before )) -v hz="$clk_tck" -v r="$w_requests" 'BEGIN { printf "%.0f", (r > 0 ? t * 1e6 / hz / r : 0) }')"
  log "$name: ${rps[$name]} req/s, p50 ${p50[$name]} ms, p99 ${p99[$name]} ms, ${errors[$name]} errors, server CPU ${cpu_us[$name]} µs/request"
}

log "load: wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after a $WARMUP warm-up per row)"
measure detail "$detail_path" "$work/report.lua"
measure search "/api/v1/plugins" "$work/search.lua"
measure search1 "$search_path" "$work/report.lua"
measure d20k "$d20k_path" "$work/report.lua"
measure d10m "$d10m_path" "$work/report.lua"
# issue 3's rows: statistics and the ratings list of a seeded plugin
measure stats "$detail_path/stats" "$work/report.lua"
measure ratings "$detail_path/ratings" "$work/report.lua"

# --- the ceiling: nginx serving the same bytes as static files, with Debian's defaults ---
ceiling() {
  local www="$work/www" nport nbase name path line
  mkdir -p "$www"
  if ! { curl -sf "$base$detail_path" -o "$www/detail.json" && curl -sf "$base$d20k_path" -o "$www/20k.zip" \
      && curl -sf "$base$d10m_path" -o "$www/10m.zip"; }; then
    log "ceiling: could not fetch the bytes to serve; skipped"; return 0
  fi
  nport="$(free_port)"; nbase="http://127.0.0.1:$nport"
  nginx_conf="$work/nginx.conf"
  cat >"$nginx_conf" <<NGINX
$( [[ "$(id -u)" == 0 ]] && echo "user root;" )
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  types { application/json json; application/zip zip; }
  server { listen 127.0.0.1:$nport; root $www; }
}
NGINX
  if ! "$nginx_bin" -c "$nginx_conf" -e "$work/nginx-error.log" 2>>"$work/nginx-error.log"; then
    log "ceiling: nginx did not start (see KEEP_DATA=1 $work/nginx-error.log); skipped"; nginx_conf=""; return 0
  fi
  nginx_version="$("$nginx_bin" -v 2>&1 | sed 's/^.*nginx\///')"
  log "ceiling: nginx $nginx_version on port $nport serving the same bytes"
  for name in detail d20k d10m; do
    path="/detail.json"; [[ "$name" == d20k ]] && path="/20k.zip"; [[ "$name" == d10m ]] && path="/10m.zip"
    wrk_run "nginx-$name-warmup" "$path" "$work/report.lua" 3s "$nbase" >/dev/null
    line="$(wrk_run "nginx-$name" "$path" "$work/report.lua" "$DURATION" "$nbase")"
    [[ -n "$line" ]] || { log "nginx $name: wrk printed no result"; continue; }
    eval "$(echo "$line" | tr ' ' '\n' | grep '=' | sed 's/^/local w_/')"
    nginx_rps[$name]="$(awk -v r="$w_requests" -v d="$w_duration_us" 'BEGIN { printf "%.0f", r / (d / 1e6) }')"
    nginx_bps[$name]="$(awk -v b="$w_bytes" -v d="$w_duration_us" 'BEGIN { printf "%.0f", b / (d / 1e6) }')"
    log "nginx $name: ${nginx_rps[$name]} req/s, $(( nginx_bps[$name] / 1048576 )) MB/s"
  done
  "$nginx_bin" -c "$nginx_conf" -s stop 2>/dev/null || true
  nginx_conf=""
}
declare -A nginx_rps nginx_bps
nginx_version=""
if [[ "$CEILING" != 0 && -n "$nginx_bin" ]]; then
  ceiling
elif [[ "$CEILING" != 0 ]]; then
  log "ceiling: nginx is not installed (apt-get install nginx-light); skipped"
fi

# --- publish latency ---
log "publish latency: $PUBLISH_SMALL × 20 KiB, $PUBLISH_LARGE × 10 MiB, one at a time"
publish_out="$("$java" -cp "$bench_jar" dev.plughub.bench.PublishLatency --registry "$base" --api-key "$api_key" \
    --small "$PUBLISH_SMALL" --large "$PUBLISH_LARGE" 2>"$work/publish.err" || true)"
cat "$work/publish.err" >&2
echo "$publish_out" >&2
publish_field() { echo "$publish_out" | awk -v size="$1" -v key="$2" '$1 == "PUBLISH" && $2 == "size=" size {
  for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) print kv[2] } }'; }

# --- memory, then a clean stop ---
rss_mb="$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")"
hwm_mb="$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")"
# RssFile is mostly pages of mapped package files: the kernel can drop them at any time
anon_mb="$(awk '/^RssAnon:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")"
file_mb="$(awk '/^RssFile:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")"
"$jcmd" "$pid" GC.heap_info >"$work/heap.txt" 2>&1 || true
# committed and used heap, summed over the generations GC.heap_info lists (Serial: DefNew and Tenured)
heap_line="$(awk '$2 == "total" && $3 ~ /K,$/ && $4 == "used" { c += $3; u += $5 }
  END { if (c) printf "%.0f MB committed, %.0f MB in use", c / 1024, u / 1024 }' "$work/heap.txt")"
if [[ "${PLUGHUB_JAVA_OPTS:-}" == *NativeMemoryTracking* ]]; then
  "$jcmd" "$pid" VM.native_memory summary >"$work/nmt.txt" 2>&1 || true
  log "native memory by category: $work/nmt.txt (KEEP_DATA=1 keeps it)"
fi
log "memory: VmRSS $rss_mb MB (anonymous $anon_mb MB, file-backed $file_mb MB; peak $hwm_mb MB); Java heap: ${heap_line:-unknown}"
t_stop=$(date +%s%N)
kill -TERM "$pid"
stop_status=0; wait "$pid" || stop_status=$?
stop_ms=$(( ($(date +%s%N) - t_stop) / 1000000 ))
pid=""

# --- a restart on the seeded data directory: start-up must not grow with the catalogue ---
t0=$(date +%s%N)
env PLUGHUB_API_KEY="$api_key" "${launch[@]}" --host 127.0.0.1 --port "$port" --data-dir "$data" >"$work/restart.log" 2>&1 &
pid=$!
await_health "$work/restart.log" "the restart"
restart_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
log "restarted on the seeded data directory in $restart_ms ms"
kill -TERM "$pid"; wait "$pid" || true
pid=""

# --- the table ---
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
commas() { printf '%s' "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|[,.]\)/\1,\2\3/; ta'; }
yes_no() { if "$@"; then echo "yes"; else echo "**no**"; fi; }

rate_row() { # rate_row NAME LABEL TARGET VERDACCIO
  local name="$1" label="$2" target="$3" verdaccio="$4" note=""
  if [[ -z "${rps[$name]:-}" ]]; then
    echo "| $label | n/a (${status_of[$name]:-not run}) | | | | ≥ $(commas "$target") req/s | $(commas "$verdaccio") req/s | **no** | **no** |"
    return
  fi
  (( errors[$name] == 0 )) || note=" (${errors[$name]} errors)"
  local met beats
  met="$(yes_no ge "${rps[$name]}" "$target")"; (( errors[$name] == 0 )) || met="**no**"
  beats="$(yes_no ge "${rps[$name]}" "$verdaccio")"
  echo "| $label | $(commas "${rps[$name]}") req/s$note | ${p50[$name]} ms | ${p99[$name]} ms | $(commas "${cpu_us[$name]}") µs | ≥ $(commas "$target") req/s | $(commas "$verdaccio") req/s | $met | $beats |"
}

table() {
  local gib=1073741824 s20 s10 p20 p10 gbps
  echo "Plughub benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'),"
  echo "$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $("$java" -version 2>&1 | head -1),"
  echo "$(commas "$PLUGINS") plugins × 3 versions, wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency after a $WARMUP warm-up;"
  echo "seeded at $(commas "${seed_rate%.*}") uploads/s with $SEED_CONCURRENCY concurrent uploads."
  echo
  echo "| Row | Measured | p50 | p99 | Server CPU per request | Target (issue 2) | Verdaccio 6.10 | Target met | Beats Verdaccio |"
  echo "|---|---|---|---|---|---|---|---|---|"
  echo "| Start-up (launch → first 200 on /api/v1/health) | $(commas "$startup_ms") ms | | | $(commas "$startup_cpu_ms") ms in all | ≤ 1,500 ms | — | $(yes_no le "$startup_ms" 1500) | — |"
  echo "| Restart with the seeded catalogue (launch → first 200) | $(commas "$restart_ms") ms | | | | ≤ 1,500 ms | — | $(yes_no le "$restart_ms" 1500) | — |"
  [[ -z "$first_launch_ms" ]] || echo "| First launch after a build (records the start-up cache first) | $(commas "$first_launch_ms") ms | | | | — | — | — | — |"
  rate_row detail "Plugin detail \`$detail_path\`" 50000 4400
  rate_row search "List with search (40 words × 5 pages, limit 20)" 10000 100
  rate_row search1 "List with search, one URL \`$search_path\`" 10000 100
  rate_row d20k "20 KB download$( [[ "${PLUGHUB_COUNT_DOWNLOADS:-true}" == false ]] && echo ' (counting off)')" 30000 4800
  rate_row stats "Plugin statistics \`$detail_path/stats\` (issue 3)" 10000 0
  rate_row ratings "Ratings list \`$detail_path/ratings\` (issue 3)" 10000 0
  if [[ -n "${bps[d10m]:-}" ]]; then
    gbps="$(awk -v b="${bps[d10m]}" -v g="$gib" 'BEGIN { printf "%.2f", b / g }')"
    local met; met="$(yes_no ge "$gbps" 5)"; (( errors[d10m] == 0 )) || met="**no**"
    echo "| 10 MB download | $gbps GB/s ($(commas "$(( bps[d10m] / 1048576 ))") MB/s, $(commas "${rps[d10m]}") req/s$( (( errors[d10m] == 0 )) || echo ", ${errors[d10m]} errors")) | ${p50[d10m]} ms | ${p99[d10m]} ms | $(commas "${cpu_us[d10m]}") µs | ≥ 5 GB/s | 3.2 GB/s | $met | $(yes_no ge "$gbps" 3.2) |"
  else
    echo "| 10 MB download | n/a (${status_of[d10m]:-not run}) | | | | ≥ 5 GB/s | 3.2 GB/s | **no** | **no** |"
  fi
  p20="$(publish_field 20k p50_ms)"; p10="$(publish_field 10m p50_ms)"
  if [[ -n "$p20" ]]; then
    echo "| Publish 20 KB ($(publish_field 20k n) sequential) | $p20 ms (p50) | $p20 ms | $(publish_field 20k p99_ms) ms | | p50 ≤ 8 ms | 8 ms | $(yes_no le "$p20" 8) | $(yes_no le "$p20" 8) |"
  else
    echo "| Publish 20 KB | n/a (see the log) | | | | p50 ≤ 8 ms | 8 ms | **no** | **no** |"
  fi
  if [[ -n "$p10" ]]; then
    echo "| Publish 10 MB ($(publish_field 10m n) sequential) | $p10 ms (p50) | $p10 ms | $(publish_field 10m p99_ms) ms | | p50 ≤ 80 ms | 78 ms | $(yes_no le "$p10" 80) | $(yes_no le "$p10" 78) |"
  else
    echo "| Publish 10 MB | n/a (see the log) | | | | p50 ≤ 80 ms | 78 ms | **no** | **no** |"
  fi
  echo "| Resident memory after the run (VmRSS: $(commas "$anon_mb") MB anonymous + $(commas "$file_mb") MB file-backed; peak $(commas "$hwm_mb") MB) | $(commas "$rss_mb") MB | | | | ≤ 300 MB | 150–310 MB | $(yes_no le "$rss_mb" 300) | $(yes_no le "$rss_mb" 150) |"
  echo
  echo "Stop on SIGTERM: exit status $stop_status (143 is the JVM's normal exit on SIGTERM) after $(commas "$stop_ms") ms. GB/s and MB/s are wrk's binary units (GiB, MiB)."
  echo "\"Beats Verdaccio\" for memory means below its lowest figure (150 MB). Server CPU per request is the server process's"
  echo "user + system CPU time during the measured run divided by the requests answered: unlike req/s, it hardly depends on"
  echo "what else the machine is doing (2 cores give 2,000,000 µs of CPU a second, shared with wrk)."
}
ceiling_table() { # what nginx reached here just now beside Plughub, and what the issue's targets are of its nginx
  [[ -n "${nginx_rps[detail]:-}${nginx_rps[d20k]:-}${nginx_rps[d10m]:-}" ]] || return 0
  local gib=1073741824
  pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else printf "—" }'; }
  echo
  echo "The ceiling on this machine just now: nginx $nginx_version serving the same bytes as static files (sendfile on,"
  echo "tcp_nopush on, a worker per core), wrk -t$THREADS -c$CONNECTIONS -d$DURATION after a 3 s warm-up. The issue's nginx figures"
  echo "were measured on another day; the last column is what share of them the issue's targets ask for."
  echo
  echo "| Row | nginx here now | Plughub | Plughub / nginx | nginx in the issue | Target / nginx in the issue |"
  echo "|---|---|---|---|---|---|"
  [[ -z "${nginx_rps[detail]:-}" ]] || echo "| Plugin detail (the same $(stat -c %s "$work/www/detail.json") bytes) | $(commas "${nginx_rps[detail]}") req/s | $(commas "${rps[detail]:-0}") req/s | $(pct "${rps[detail]:-0}" "${nginx_rps[detail]}") | 207,000 req/s (700 bytes) | $(pct 50000 207000) |"
  [[ -z "${nginx_rps[d20k]:-}" ]] || echo "| 20 KB download | $(commas "${nginx_rps[d20k]}") req/s | $(commas "${rps[d20k]:-0}") req/s | $(pct "${rps[d20k]:-0}" "${nginx_rps[d20k]}") | 181,000 req/s | $(pct 30000 181000) |"
  if [[ -n "${nginx_bps[d10m]:-}" ]]; then
    echo "| 10 MB download | $(awk -v b="${nginx_bps[d10m]}" -v g=$gib 'BEGIN { printf "%.2f", b / g }') GB/s | $(awk -v b="${bps[d10m]:-0}" -v g=$gib 'BEGIN { printf "%.2f", b / g }') GB/s | $(pct "${bps[d10m]:-0}" "${nginx_bps[d10m]}") | 7.5 GB/s | $(pct 5 7.5) |"
  fi
}
{ table; ceiling_table; } | tee ${RESULTS:+"$RESULTS"}
