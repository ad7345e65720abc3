#!/usr/bin/env bash
# Measures `tincan relay --quiet` against socat in the same run: the companion server echoes
# (len32 framing), and `tincan bench` drives 64-byte frames (pipeline, frames/s) and 1 MiB
# frames (bulk, MB/s) through the server directly, through socat, and through the relay.
# socat runs twice: as it comes (8 KiB buffer, Nagle on) and tuned like the relay (64 KiB
# buffer, TCP_NODELAY both sides). The relay runs as a person runs it, through the launcher
# target/tincan when the build made it (else java -jar).
#
# A relay runs for hours, so it is measured warm: each path first carries WARMUP of traffic
# of each pattern (the relay's compiler finishes its work there, not in the measurement).
# Then ROUNDS rounds, each measuring the four paths one after the other, in an order that
# turns round each round, so a machine that gets busier or quieter slows the paths alike.
# Prints each round's figures with relay/socat and relay/tuned socat, then the median of
# each ratio over the rounds, with the load average before and after.
#
#   scripts/relay-bench.sh [DURATION] [ROUNDS] [WARMUP]     e.g. scripts/relay-bench.sh 3s 5 5s
#
# Needs target/tincan.jar (mvn -o -q package -DskipTests) and socat. Everything listens on
# 127.0.0.1 on ports the kernel picks.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/tincan.jar
DURATION=${1:-3s}
ROUNDS=${2:-5}
WARMUP=${3:-5s}
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

RELAY_CMD=(java -jar "$JAR")
[ -x target/tincan ] && RELAY_CMD=(target/tincan)
"${RELAY_CMD[@]}" relay 0 127.0.0.1 "$SERVER" --framing "$FRAMING" --quiet > "$WORK/relay.out" 2>&1 &
PIDS+=($!)
RELAY=$(port_of "$WORK/relay.out")

SOCAT=$(free_port)
socat TCP-LISTEN:"$SOCAT",bind=127.0.0.1,fork,reuseaddr TCP:127.0.0.1:"$SERVER" &
PIDS+=($!)
TUNED=$(free_port)
socat -b 65536 TCP-LISTEN:"$TUNED",bind=127.0.0.1,fork,reuseaddr,nodelay TCP:127.0.0.1:"$SERVER",nodelay &
PIDS+=($!)
sleep 0.3

# One figure: bench PATTERN SIZE through PORT for DURATION; prints the number bench reports
# with EXTRACTOR (frames_per_s or mb_per_s).
measure() {
    java -jar "$JAR" bench 127.0.0.1 "$3" --framing "$FRAMING" --pattern "$1" --size "$2" \
        --duration "$4" --rounds 1 --warmup 1s > "$WORK/bench.out" 2>&1 || {
        cat "$WORK/bench.out" >&2; exit 1; }
    cat "$WORK/bench.out" >> "$WORK/all.out"
    grep '^result' "$WORK/bench.out" | grep -o "$5=[0-9.]*" | head -1 | cut -d= -f2
}
median() { python3 -c 'import sys, statistics; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.2f}")' "$@"; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }

echo "tincan relay vs socat, $FRAMING framing, relay run as: ${RELAY_CMD[*]}"
echo "warm-up $WARMUP per path and pattern, then $ROUNDS rounds of $DURATION per figure; load:$(uptime | sed 's/.*load average://')"
PATHS=(direct socat tuned relay)
port_for() { case $1 in direct) echo "$SERVER" ;; socat) echo "$SOCAT" ;; tuned) echo "$TUNED" ;; relay) echo "$RELAY" ;; esac; }
for spec in "pipeline 64 frames_per_s frames/s" "bulk 1MiB mb_per_s MB/s"; do
    set -- $spec
    for p in "${PATHS[@]}"; do
        measure "$1" "$2" "$(port_for "$p")" "$WARMUP" "$3" >/dev/null
    done
    ratios=()
    tuned_ratios=()
    for r in $(seq 1 "$ROUNDS"); do
        order=("${PATHS[@]}")
        [ $((r % 2)) -eq 0 ] && order=(relay tuned socat direct)
        declare -A got=()
        for p in "${order[@]}"; do
            got[$p]=$(measure "$1" "$2" "$(port_for "$p")" "$DURATION" "$3")
        done
        ratios+=("$(ratio "${got[relay]}" "${got[socat]}")")
        tuned_ratios+=("$(ratio "${got[relay]}" "${got[tuned]}")")
        printf '%-9s %-5s round %d  direct %10s  socat %10s  socat-64k-nodelay %10s  relay %10s %-8s relay/socat %s  relay/tuned %s\n' \
            "$1" "$2" "$r" "${got[direct]}" "${got[socat]}" "${got[tuned]}" "${got[relay]}" "$4" \
            "${ratios[-1]}" "${tuned_ratios[-1]}"
        unset got
    done
    printf '%-9s %-5s median of %d rounds: relay/socat %s  relay/tuned %s\n' "$1" "$2" "$ROUNDS" \
        "$(median "${ratios[@]}")" "$(median "${tuned_ratios[@]}")"
done
echo "load after:$(uptime | sed 's/.*load average://')"
