#!/usr/bin/env bash
# Regenerates docs/screenshot-light.png and docs/screenshot-dark.png from the real window:
# an echo server on a free port, the window on a virtual screen connected to it, a few
# messages sent, then the whole screen saved.
#
# Needs the built jar (mvn -q package -DskipTests) and three Debian packages: xvfb (Xvfb),
# xdotool and imagemagick (import). It installs nothing: it says what is missing and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/tincan.jar
size=1200x800

missing=()
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
command -v xdotool >/dev/null 2>&1 || missing+=(xdotool)
command -v import >/dev/null 2>&1 || missing+=(imagemagick)
if ((${#missing[@]})); then
    echo "screenshots.sh: ${missing[*]} missing; install with: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
if [[ ! -f $jar ]]; then
    echo "screenshots.sh: $jar is missing; build it first: mvn -q package -DskipTests" >&2
    exit 1
fi

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Waits up to $1 tenths of a second for the command after it to succeed.
await() {
    local tenths=$1
    shift
    for ((i = 0; i < tenths; i++)); do
        "$@" && return 0
        sleep 0.1
    done
    return 1
}

# The echo server on a free port; its first line says which.
java -Dtincan.log.dir="$work" -jar "$jar" serve --port 0 >"$work/server.out" 2>&1 &
pids+=($!)
port_of_server() {
    port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/server.out")
    [[ -n $port ]]
}
if ! await 300 port_of_server; then
    echo "screenshots.sh: the echo server did not start:" >&2
    cat "$work/server.out" >&2
    exit 1
fi

# A virtual screen on a display number Xvfb picks itself.
Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
pids+=($!)
if ! await 100 test -s "$work/display"; then
    echo "screenshots.sh: Xvfb did not start:" >&2
    cat "$work/xvfb.log" >&2
    exit 1
fi
export DISPLAY=":$(cat "$work/display")"

for theme in light dark; do
    java -Dtincan.settings=memory -Dtincan.theme="$theme" -Dtincan.port="$port" -Dtincan.log.dir="$work" \
        -jar "$jar" >"$work/window-$theme.out" 2>&1 &
    window=$!
    if ! timeout 30 xdotool search --sync --onlyvisible --name '^Tincan' >/dev/null; then
        echo "screenshots.sh: no window within 30 s:" >&2
        cat "$work/window-$theme.out" >&2
        exit 1
    fi
    sleep 3    # the first paint, fonts and the input method settle
    xdotool key ctrl+k
    sleep 1
    xdotool type --delay 5 'hello, tincan'
    xdotool key ctrl+Return
    sleep 0.3
    xdotool type --delay 5 '<html><b>not bold</b> \x1b[2J stays on one line'
    xdotool key ctrl+Return
    sleep 0.3
    xdotool type --delay 5 'temperature?\t21.5'
    xdotool key ctrl+Return
    sleep 1
    import -window root "docs/screenshot-$theme.png"
    echo "saved docs/screenshot-$theme.png"
    kill "$window"
    wait "$window" 2>/dev/null || true
done
