#!/usr/bin/env bash
# Interleaved A/B of download counting (issue 3: "download throughput with counting on versus off,
# within 5 %"): a fresh server per round through ./plughub, a 20 KB package, wrk -t1 -c32 after a
# warm-up; prints one line per round and mode. ROUNDS (default 3), DURATION (default 10s).
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
port=18900
mkdir -p "$work/pkg" && head -c 20000 /dev/urandom > "$work/pkg/blob.bin"
echo '{"id":"ab-download","name":"AB","version":"1.0.0","description":"A/B"}' > "$work/pkg/plugin.json"
(cd "$work/pkg" && python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w'); [z.write(f) for f in ('plugin.json','blob.bin')]" "$work/ab.zip")
for round in $(seq 1 "${ROUNDS:-3}"); do
  for mode in true false; do
    rm -rf "$work/data"
    PLUGHUB_API_KEY=k PLUGHUB_AOT_TRAINING=foreground PLUGHUB_COUNT_DOWNLOADS=$mode PLUGHUB_RATE_QUERIES_PER_MIN=0 PLUGHUB_RATE_DOWNLOADS_PER_MIN=0 \
      PLUGHUB_RATE_UPLOADS_PER_HOUR=0 PLUGHUB_RATE_RATINGS_PER_HOUR=0 \
      "$root/plughub" serve --host 127.0.0.1 --port "$port" --data-dir "$work/data" > "$work/server.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 1500); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.02; done
    curl -sf -H "X-API-Key: k" -F plugin_file=@"$work/ab.zip" "http://127.0.0.1:$port/api/v1/plugins/upload" >/dev/null
    url="http://127.0.0.1:$port/api/v1/plugins/ab-download/download?version=1.0.0"
    wrk -t1 -c32 -d5s "$url" >/dev/null
    echo "round $round counting=$mode: $(wrk -t1 -c32 -d"${DURATION:-10s}" "$url" | awk '/Requests\/sec/ {print $2}') req/s"
    kill -TERM "$pid"; wait "$pid" 2>/dev/null
  done
done
