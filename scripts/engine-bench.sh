#!/usr/bin/env bash
# Measures the engine against the raw socket loop (`tincan bench --baseline`) on a server
# Tincan did not write: scripts/BlockingEchoServer.java, a plain blocking Java echo server
# with one thread per client, len32le framing, 32-byte payloads. Runs RUNS times in a row
# and prints, per run, the load average before it, then the result and ratio lines (rates,
# spread within the run, p99, CPU time per round trip or frame, engine/raw ratios).
#
#   scripts/engine-bench.sh [RUNS] [DURATION] [PATTERNS]    e.g. scripts/engine-bench.sh 5 5s pingpong,pipeline
#
# Needs target/tincan.jar (mvn -o -q package -DskipTests), or the jar named in TINCAN_JAR. The server listens on 127.0.0.1
# on a port the kernel picks; extra JVM options for the bench go in BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${TINCAN_JAR:-target/tincan.jar}
RUNS=${1:-5}
DURATION=${2:-5s}
PATTERNS=${3:-pingpong,pipeline}
[ -f "$JAR" ] || { echo "error: $JAR is missing: run mvn -o -q package -DskipTests first." >&2; exit 2; }
WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

javac -d "$WORK/classes" scripts/BlockingEchoServer.java
java -cp "$WORK/classes" BlockingEchoServer 0 > "$WORK/server.out" 2>&1 &
SERVER_PID=$!
PORT=
for _ in $(seq 1 100); do
    PORT=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$WORK/server.out" 2>/dev/null | cut -d: -f2) && [ -n "$PORT" ] && break
    sleep 0.1
done
[ -n "$PORT" ] || { echo "error: the echo server did not start:" >&2; cat "$WORK/server.out" >&2; exit 1; }

echo "tincan bench against BlockingEchoServer on 127.0.0.1:$PORT, len32le, 32-byte payloads, $PATTERNS, $DURATION per pattern run"
for run in $(seq 1 "$RUNS"); do
    echo "run $run, load $(cut -d' ' -f1-3 /proc/loadavg)"
    # shellcheck disable=SC2086
    java ${BENCH_JAVA_OPTS:-} -jar "$JAR" bench 127.0.0.1 "$PORT" --framing len32le --size 32 --pattern "$PATTERNS" \
        --baseline --duration "$DURATION" 2>/dev/null | grep -E '^(result|ratio|cpu_ratio)' | sed 's/^/  /'
done
