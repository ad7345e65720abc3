#!/usr/bin/env bash
# Measures `tincan relay --quiet` against socat in the same run: the companion server echoes
# (len32 framing), and `tincan bench` drives 64-byte frames (pipeline, frames/s) and 1 MiB
# frames (bulk, MB/s) through the server directly, through socat, and through the relay.
# socat runs twice: as it comes (8 KiB buffer, Nagle on) and tuned like the relay (64 KiB
# buffer, TCP_NODELAY both sides). Prints each figure, the relay/socat ratio against both,
# and the machine's load average before the figures.
#
#   scripts/relay-bench.sh [DURATION] [ROUNDS]      e.g. scripts/relay-bench.sh 3s 3
#
# Needs target/tincan.jar (mvn -o -q package -DskipTests) and socat. Everything listens on
# 127.0.0.1 on ports the kernel picks.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/tincan.jar
DURATION=${1:-3s}
ROUNDS=${2:-3}
FRAMING=len32
[ -f "$JAR" ] || { echo "error: $JAR is missing: run mvn -o -q package -DskipTests first." >&2; exit 2; }
command -v socat >/dev/null || { echo "error: socat is not installed." >&2; exit 2; }
WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# Waits for the line naming "listening on 127.0.0.1:PORT" in FILE and prints PORT.
port_of() {
    for _ in $(seq 1 100); do
        if p=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$1" 2>/dev/null | head -1 | cut -d: -f2) && [ -n "$p" ]; then
            echo "$p"; return 0
        fi
        sleep 0.1
    done
    echo "error: no listening line in $1:" >&2; cat "$1" >&2; exit 1
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

java -jar "$JAR" serve --port 0 --framing "$FRAMING" --max-clients 16 > "$WORK/serve.out" 2>&1 &
PIDS+=($!)
SERVER=$(port_of "$WORK/serve.out")

java -jar "$JAR" relay 0 127.0.0.1 "$SERVER" --framing "$FRAMING" --quiet > "$WORK/relay.out" 2>&1 &
PIDS+=($!)
RELAY=$(port_of "$WORK/relay.out")

SOCAT=$(free_port)
socat TCP-LISTEN:"$SOCAT",bind=127.0.0.1,fork,reuseaddr TCP:127.0.0.1:"$SERVER" &
PIDS+=($!)
TUNED=$(free_port)
socat -b 65536 TCP-LISTEN:"$TUNED",bind=127.0.0.1,fork,reuseaddr,nodelay TCP:127.0.0.1:"$SERVER",nodelay &
PIDS+=($!)
sleep 0.3

# One figure: bench PATTERN SIZE through PORT; prints the number bench reports.
measure() {
    java -jar "$JAR" bench 127.0.0.1 "$3" --framing "$FRAMING" --pattern "$1" --size "$2" \
        --duration "$DURATION" --rounds "$ROUNDS" --warmup 1s > "$WORK/bench.out" 2>&1 || {
        cat "$WORK/bench.out" >&2; exit 1; }
    cat "$WORK/bench.out" >> "$WORK/all.out"
    "$4" < "$WORK/bench.out"
}
frames_per_s() { grep '^result' | grep -o 'frames_per_s=[0-9.]*' | head -1 | cut -d= -f2; }
mb_per_s() { grep '^result' | grep -o 'mb_per_s=[0-9.]*' | head -1 | cut -d= -f2; }

echo "tincan relay vs socat, $FRAMING framing, $DURATION x $ROUNDS rounds per figure; load:$(uptime | sed 's/.*load average://')"
for spec in "pipeline 64 frames_per_s frames/s" "bulk 1MiB mb_per_s MB/s"; do
    set -- $spec
    direct=$(measure "$1" "$2" "$SERVER" "$3")
    viasocat=$(measure "$1" "$2" "$SOCAT" "$3")
    viatuned=$(measure "$1" "$2" "$TUNED" "$3")
    viarelay=$(measure "$1" "$2" "$RELAY" "$3")
    ratio=$(python3 -c "print(f'{$viarelay/$viasocat:.2f}')")
    tuned=$(python3 -c "print(f'{$viarelay/$viatuned:.2f}')")
    printf '%-9s %-5s direct %10s  socat %10s  socat-64k-nodelay %10s  relay %10s %-8s relay/socat %s  relay/tuned %s\n' \
        "$1" "$2" "$direct" "$viasocat" "$viatuned" "$viarelay" "$4" "$ratio" "$tuned"
done
