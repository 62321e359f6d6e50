#!/usr/bin/env bash
# The host runtime's benchmark (issue 4, "Speed"): install and start 100 plugins, an action call
# through the host's deadline and metrics machinery, memory per idle plugin. Prints a Markdown table.
#
#   bench/run-host.sh                      # 100 plugins, 50,000 warm-up and 200,000 measured calls
#   PLUGINS=200 CALLS=500000 bench/run-host.sh
#
# Needs a JDK 21+ (the benchmark compiles its plugin with javax.tools). Builds bench and the modules
# it needs offline into PLUGHUB_TARGET (default: target) and runs from the reactor's class path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${PLUGHUB_TARGET:-target}"
cd "$root"

java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1 || echo 0; }
find_jdk() { # the newest JDK 21+ with a compiler, searched like ./plughub does
  local best="" best_v=0 c v
  for c in "${PLUGHUB_JAVA_HOME:-/none}/bin/java" "${JAVA_HOME:-/none}/bin/java" "$(command -v java || true)" /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /opt/jdk*/bin/java; do
    [[ -x "$c" && -x "$(dirname "$c")/javac" ]] || continue
    v="$(java_major "$c")"
    [[ "$v" =~ ^[0-9]+$ ]] && (( v >= 21 && v > best_v )) && { best="$c"; best_v="$v"; }
  done
  [[ -n "$best" ]] || { echo "run-host.sh: no JDK 21 or newer found; set PLUGHUB_JAVA_HOME" >&2; exit 127; }
  echo "$best"
}
java_bin="$(find_jdk)"

cp_file="$(mktemp)"; trap 'rm -f "$cp_file"' EXIT
# In one reactor run, so the sibling modules come from their fresh jars, not from ~/.m2.
./mvnw -q -B -o -Dplughub.target="$target" -DskipTests -Dmaven.test.skip=true \
  package dependency:build-classpath -pl bench -am -Dmdep.outputFile="$cp_file" >&2
"$java_bin" ${BENCH_JAVA_OPTS:--Xmx1g} -Dplugins="${PLUGINS:-100}" -Dwarmup="${WARMUP:-50000}" -Dcalls="${CALLS:-200000}" \
  -cp "bench/$target/classes:$(cat "$cp_file")" dev.plughub.bench.host.HostBench
