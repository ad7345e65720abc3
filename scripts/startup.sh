#!/bin/sh
# How fast Tincan starts, against the floor: a plain Java program (scripts/FloorClient.java)
# that connects, sends "hello" and a newline, and reads the line back.
#
#   scripts/startup.sh [-n RUNS] [COMMAND ...]
#
# Run after `mvn package` (it needs target/tincan.jar, a JDK and GNU time, /usr/bin/time).
# Each COMMAND starts Tincan (split into words by the shell; default: target/tincan when
# the build made it, and java -jar target/tincan.jar). A local echo server is started
# (tincan serve --port 0); then, RUNS times (default 10), the floor and each COMMAND
# `send 127.0.0.1 PORT hello` run one after the other, interleaved, so that a machine busy
# with other work slows them alike. Printed: the median wall time, CPU time (user + system)
# and maximum resident set size of each, and each against the floor; then the medians of
# how long `connect` takes to print its "connected to" line, `serve` its "listening on"
# line and, when there is a display, the window its first paint (tincan.firstPaint=exit).
# The load average is printed beside the figures: read them as ratios.
set -eu

runs=10
if [ "${1:-}" = "-n" ]; then
    runs=$2
    shift 2
fi
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then
    [ -x target/tincan ] && set -- target/tincan "java -jar target/tincan.jar" \
        || set -- "java -jar target/tincan.jar"
fi
if [ ! -f target/tincan.jar ]; then
    echo "startup.sh: target/tincan.jar is missing: run mvn package first." >&2
    exit 2
fi
if [ ! -x /usr/bin/time ]; then
    echo "startup.sh: GNU time is missing: install it (apt-get install -y time)." >&2
    exit 2
fi

tmp=$(mktemp -d)
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

javac -d "$tmp/classes" scripts/FloorClient.java scripts/ReadyProbe.java

# The echo server; its port is read from its listening line.
: >"$tmp/serve.out"
java -jar target/tincan.jar serve --port 0 >"$tmp/serve.out" 2>&1 &
server=$!
waited=0
until grep -q "listening on" "$tmp/serve.out"; do
    if ! kill -0 "$server" 2>/dev/null || [ "$waited" -ge 300 ]; then
        echo "startup.sh: the echo server did not start:" >&2
        cat "$tmp/serve.out" >&2
        exit 1
    fi
    sleep 0.1
    waited=$((waited + 1))
done
port=$(sed -n 's/.*listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$tmp/serve.out")

# One file of figures per contender: "wall user system maxrss_kib" per run; wall is read
# from the clock around the run (to the millisecond, the time of GNU time itself included).
timed() { # FILE COMMAND...: runs COMMAND, appends its figures to FILE, checks it echoed hello
    file=$1
    shift
    started=$(date +%s%N)
    /usr/bin/time -f "%U %S %M" -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || {
        echo "startup.sh: '$*' failed:" >&2
        cat "$tmp/err" >&2
        exit 1
    }
    ended=$(date +%s%N)
    if [ "$(cat "$tmp/out")" != "hello" ]; then
        echo "startup.sh: '$*' printed '$(cat "$tmp/out")', not hello." >&2
        exit 1
    fi
    # GNU time gives wall time in hundredths of a second, too coarse against a 0.06 s floor.
    echo "$(((ended - started) / 1000000)) $(tail -n 1 "$tmp/time")" |
        awk '{ printf "%.3f %s %s %s\n", $1 / 1000, $2, $3, $4 }' >>"$file"
}

median() { # FILE COLUMN: the median of COLUMN (1-based) of FILE's lines
    awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '{ v[NR] = $1 } END {
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "load before: $(uptime)"
i=0
while [ "$i" -lt "$runs" ]; do
    timed "$tmp/floor" java -cp "$tmp/classes" FloorClient 127.0.0.1 "$port" hello
    n=0
    for command in "$@"; do
        # shellcheck disable=SC2086 # a COMMAND is words on purpose
        timed "$tmp/send$n" $command send 127.0.0.1 "$port" hello
        n=$((n + 1))
    done
    i=$((i + 1))
done

# "wall cpu rss" medians of a figures file: seconds, seconds, MiB.
medians() {
    awk '{ print $1, $2 + $3, $4 }' "$1" >"$1.sum"
    echo "$(median "$1.sum" 1) $(median "$1.sum" 2) $(median "$1.sum" 3)"
}
floor=$(medians "$tmp/floor")
echo "send, median of $runs interleaved runs        wall s  cpu s  rss MiB  (x floor: wall  cpu  rss)"
echo "$floor" | awk '{ printf "  %-40s %6.3f %6.3f %8.1f\n", "floor (FloorClient)", $1, $2, $3 / 1024 }'
n=0
for command in "$@"; do
    echo "$(medians "$tmp/send$n") $floor" | awk -v name="$command" '{
        printf "  %-40s %6.3f %6.3f %8.1f  %18.2f %5.2f %4.2f\n", name, $1, $2, $3 / 1024, $1 / $4, $2 / $5, $3 / $6 }'
    n=$((n + 1))
done

probe() { # FILE TEXT COMMAND...: appends how many ms COMMAND took to print TEXT
    file=$1
    shift
    java -cp "$tmp/classes" ReadyProbe "$@" >>"$file" || {
        echo "startup.sh: '$*' did not print its line in time." >&2
        exit 1
    }
}

display=yes
if [ -z "${DISPLAY:-}" ]; then
    display=
fi
i=0
while [ "$i" -lt "$runs" ]; do
    n=0
    for command in "$@"; do
        # shellcheck disable=SC2086
        probe "$tmp/connect$n" "connected to" $command connect 127.0.0.1 "$port"
        # shellcheck disable=SC2086
        probe "$tmp/serve$n" "listening on" $command serve --port 0
        if [ -n "$display" ]; then
            # shellcheck disable=SC2086
            probe "$tmp/window$n" "first paint" \
                env JDK_JAVA_OPTIONS="-Dtincan.firstPaint=exit -Dtincan.settings=memory" $command
        fi
        n=$((n + 1))
    done
    i=$((i + 1))
done
echo "ready, median ms of $runs runs          connect  serve  window  (x floor's wall: connect  serve  window)"
n=0
for command in "$@"; do
    window=-
    [ -n "$display" ] && window=$(median "$tmp/window$n" 1)
    echo "$(median "$tmp/connect$n" 1) $(median "$tmp/serve$n" 1) $window $floor" | awk -v name="$command" '{
        w = $3 == "-" ? "-" : sprintf("%.2f", $3 / 1000 / $4)
        printf "  %-36s %7d %6d %7s  %26.2f %6.2f %7s\n", name, $1, $2, $3, $1 / 1000 / $4, $2 / 1000 / $4, w }'
    n=$((n + 1))
done
[ -n "$display" ] || echo "window: not measured, there is no display (DISPLAY is unset); run under xvfb-run -a to measure it."
echo "load after: $(uptime)"
