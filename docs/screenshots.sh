#!/usr/bin/env bash
# Regenerates docs/screenshot-light.png and docs/screenshot-dark.png from the real window:
# three companion servers on free ports (echo, ticker, chat), the window on a virtual
# screen with a tab connected to each, the message library open with a few saved messages,
# a few messages sent, then the whole screen saved.
#
# And docs/screenshot-rules.png: one tab on a ticker that ticks every 200 ms, with the
# charts under its transcript and its auto-reply rules open, imported from a rules file:
# every fifth tick is answered "ack N" and marked, and the ticker's echo of it gets a note.
#
# And docs/screenshot-rules-dark.png, the same in the dark theme.
#
# And docs/screenshot-relay.png: a relay tab between a client and the echo server, the
# client's lines (→) and the server's echoes (←) in one transcript, the client → server
# direction held, and the held frame open in the editor, being changed before it goes on;
# docs/screenshot-relay-dark.png is the same in the dark theme.
#
# With arguments it makes only the pictures named: light, dark, rules, rules-dark, relay,
# relay-dark (all six without).
#
# The window runs with a throwaway home folder (-Duser.home) holding the library it shows,
# and keeps its settings in memory: it never reads or writes the real ~/.tincan.
#
# Needs the built jar (mvn -q package -DskipTests) and three Debian packages: xvfb (Xvfb),
# xdotool and imagemagick (import). It installs nothing: it says what is missing and stops.
#
# The keys it presses: Ctrl+K connect, Ctrl+T new tab, Alt+A then R (Tab > Rename tab),
# Alt+P the Port field, Alt+M the message box, Ctrl+Enter send, Ctrl+Page Up the tab to the
# left, Ctrl+Shift+L the library, Alt+1, Alt+2 and Alt+4 send library messages. It clicks
# the status bar (for the keyboard, after a dialog), a transcript row and the Hex tab, at
# places measured on a 1340x820 window. For the rules picture: Alt+V then A (View > Charts),
# Alt+E then U (Send > Auto-reply rules), Alt+I (Import) and the file's path in the chooser.
# For the relay picture: Ctrl+Shift+P (File > New relay tab), Alt+P the listening port,
# Enter; it clicks the Hold → button and the transcript, then Ctrl+End and Up select the
# first of two held frames and F2 edits it. The client is bash's /dev/tcp.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/tincan.jar
size=1400x860
rules_size=1400x1000    # taller: the rules panel sits over the window's foot, off the charts
pictures=("$@")
((${#pictures[@]})) || pictures=(light dark rules rules-dark relay relay-dark)
for picture in "${pictures[@]}"; do
    case $picture in
        light | dark | rules | rules-dark | relay | relay-dark) ;;
        *)
            echo "screenshots.sh: no picture \"$picture\": name light, dark, rules, rules-dark, relay or" \
                "relay-dark" >&2
            exit 1
            ;;
    esac
done
wanted() {
    local picture
    for picture in "${pictures[@]}"; do
        [[ $picture == "$1" ]] && return 0
    done
    return 1
}

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

# The companion servers on free ports; the first line of each says which.
start_server() {
    local name=$1
    shift
    java -Dtincan.log.dir="$work" -jar "$jar" serve --port 0 "$@" >"$work/$name.out" 2>&1 &
    pids+=($!)
}
port_of() {
    sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/$1.out"
}
has_port() {
    [[ -n $(port_of "$1") ]]
}
start_server echo
start_server ticker --mode ticker --tick 1s
start_server chat --mode chat
start_server fast --mode ticker --tick 200ms
for name in echo ticker chat fast; do
    if ! await 300 has_port "$name"; then
        echo "screenshots.sh: the $name server did not start:" >&2
        cat "$work/$name.out" >&2
        exit 1
    fi
done
echo_port=$(port_of echo)
ticker_port=$(port_of ticker)
chat_port=$(port_of chat)
fast_port=$(port_of fast)

# The window's home: a library of a few saved messages in two folders, nothing else.
home="$work/home"
mkdir -p "$home/.tincan"
cat >"$home/.tincan/library.json" <<'EOF'
{
  "version": 1,
  "messages": [
    {"name": "status", "folder": "device", "payload": "status?", "hex": false, "framing": null,
     "notes": "state of the board"},
    {"name": "led", "folder": "device", "payload": "set led {{digits:1}}", "hex": false, "framing": null,
     "notes": "a random LED"},
    {"name": "reset", "folder": "device", "payload": "reset", "hex": false, "framing": null, "notes": ""},
    {"name": "ping", "folder": "diagnostics", "payload": "ping {{counter}}", "hex": false, "framing": null,
     "notes": ""},
    {"name": "time", "folder": "diagnostics", "payload": "time {{time}}", "hex": false, "framing": null,
     "notes": ""}
  ],
  "sequences": [
    {"name": "boot check", "steps": [
      {"send": "reset"}, {"await": "^reset", "timeoutMillis": 2000}, {"pauseMillis": 500}, {"send": "status"}]},
    {"name": "blink", "steps": [
      {"send": "led"}, {"pauseMillis": 300}, {"send": "led"}, {"pauseMillis": 300}, {"send": "led"}]}
  ]
}
EOF

# A virtual screen of $1 pixels on a display number Xvfb picks itself; the windows after
# it open there.
start_screen() {
    local screen=$1
    rm -f "$work/display"
    Xvfb -displayfd 3 -screen 0 "${screen}x24" -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
    pids+=($!)
    if ! await 100 test -s "$work/display"; then
        echo "screenshots.sh: Xvfb did not start:" >&2
        cat "$work/xvfb.log" >&2
        exit 1
    fi
    export DISPLAY=":$(cat "$work/display")"
}

# Keys, with a pause after each for the window to catch up.
press() {
    xdotool key "$@"
    sleep 0.4
}
typed() {
    xdotool type --delay 5 "$1"
    sleep 0.2
}
# The Rename tab dialog; with no window manager on the virtual screen, the window gets
# the keyboard back only when clicked, so its status bar is clicked afterwards.
rename_tab() {
    press alt+a
    press r
    sleep 0.5
    press ctrl+a
    typed "$1"
    press Return
    xdotool mousemove 150 826 click 1
    sleep 0.3
}
send_line() {
    press alt+m
    press ctrl+a
    typed "$1"
    press ctrl+Return
}

# Starts the window in theme $1, moved and sized on the virtual screen; $window is its
# process and $id its X window.
start_window() {
    local theme=$1
    HOME="$home" java -Duser.home="$home" -Djava.util.prefs.userRoot="$home/.java" \
        -Dtincan.settings=memory -Dtincan.theme="$theme" -Dtincan.port="$echo_port" -Dtincan.log.dir="$work" \
        -jar "$jar" >"$work/window-$theme.out" 2>&1 &
    window=$!
    pids+=("$window")
    if ! timeout 30 xdotool search --sync --onlyvisible --name '^Tincan' >/dev/null; then
        echo "screenshots.sh: no window within 30 s:" >&2
        cat "$work/window-$theme.out" >&2
        exit 1
    fi
    id=$(xdotool search --onlyvisible --name '^Tincan' | head -1)
    xdotool windowmove "$id" 30 20 windowsize "$id" 1340 820
    sleep 3    # the first paint, fonts and the input method settle
}
stop_window() {
    kill "$window"
    wait "$window" 2>/dev/null || true
}

if wanted light || wanted dark; then
    start_screen "$size"
fi
for theme in light dark; do
    wanted "$theme" || continue
    start_window "$theme"

    # Tab 1, "device": the echo server.
    rename_tab device
    press ctrl+k
    sleep 1
    # Tab 2, "ticker": pushes a tick every second, so it counts unread frames behind.
    press ctrl+t
    press alt+p
    press ctrl+a
    typed "$ticker_port"
    rename_tab ticker
    press ctrl+k
    # Tab 3, "chat": another client's lines arrive while it is behind.
    press ctrl+t
    press alt+p
    press ctrl+a
    typed "$chat_port"
    rename_tab chat
    press ctrl+k
    sleep 1
    send_line 'anyone on the bench?'
    press ctrl+Page_Up
    press ctrl+Page_Up
    java -Dtincan.log.dir="$work" -jar "$jar" send --replies 0 127.0.0.1 "$chat_port" \
        'bench 2 here' 'firmware 1.4 flashed' >/dev/null 2>&1

    # Back on "device", with the library open: saved messages and typed ones.
    press ctrl+shift+l
    sleep 1
    press alt+1
    press alt+2
    send_line 'status?'
    press alt+4
    press alt+4
    send_line 'set led {{digits:1}} at {{time}}'
    press alt+2
    # The row "set led N at HH:mm:ss.SSS" as sent, whole in the detail pane below, as hex.
    xdotool mousemove 900 447 click 1
    sleep 0.3
    xdotool mousemove 427 594 click 1    # and as hex
    sleep 0.3
    press alt+m
    typed 'ping {{counter}}'
    sleep 2
    import -window root "docs/screenshot-$theme.png"
    echo "saved docs/screenshot-$theme.png"
    stop_window
done

if wanted rules || wanted rules-dark; then
    start_screen "$rules_size"
fi
for theme in light dark; do
    picture=rules
    [[ $theme == light ]] || picture="rules-$theme"
    wanted "$picture" || continue
    # The rules the panel imports: every fifth tick answered and marked, and a note on the
    # ticker's echo of each answer, which also pairs with it for the round-trip chart.
    cat >"$work/rules.json" <<'JSON'
{
  "version": 1,
  "rules": [
    {"name": "ack every fifth tick",
     "match": {"kind": "regex", "pattern": "^tick (\\d*[05])$"},
     "actions": [{"reply": "ack {{1}}"}, {"mark": true}]},
    {"name": "echoed ack",
     "match": {"kind": "prefix", "pattern": "ack "},
     "actions": [{"note": "the ticker echoed our ack"}]}
  ]
}
JSON
    start_window "$theme"
    rename_tab ticker
    press alt+p
    press ctrl+a
    typed "$fast_port"
    press ctrl+k
    sleep 1
    press alt+v
    press a
    # The A that chose Charts can reach the message box too: it is emptied.
    press alt+m
    press ctrl+a
    press BackSpace
    xdotool mousemove 115 526 click 1    # the charts' 1 min span
    sleep 0.3
    press alt+e
    press u
    sleep 1
    press alt+i
    sleep 1
    typed "$work/rules.json"
    press Return
    # The panel moved off the charts, over the message box and the status bar.
    rules=$(xdotool search --onlyvisible --name '^Auto-reply rules' | head -1)
    xdotool windowmove "$rules" 420 700 windowsize "$rules" 960 270
    sleep 20    # about a hundred ticks: twenty answers, and the charts fill
    import -window root "docs/screenshot-$picture.png"
    echo "saved docs/screenshot-$picture.png"
    stop_window
done

if wanted relay || wanted relay-dark; then
    start_screen "$size"
fi
# A port nothing listens on, for the relay: the client below must know it.
free_port() {
    local port
    for ((port = 50011; port < 50200; port++)); do
        if ! (exec 6<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}
for theme in light dark; do
    picture=relay
    [[ $theme == light ]] || picture="relay-$theme"
    wanted "$picture" || continue
    relay_port=$(free_port)
    start_window "$theme"
    # The dialog proposes the tab's server, the echo server; only the port is chosen.
    press ctrl+shift+p
    sleep 1
    press alt+p
    press ctrl+a
    typed "$relay_port"
    press Return
    sleep 1
    xdotool mousemove 700 430 click 1    # the window, for the keyboard, after the dialog
    sleep 0.3
    # A client through the relay: its lines go →, the echo server's answers come back ←.
    exec 5<>"/dev/tcp/127.0.0.1/$relay_port"
    cat <&5 >/dev/null &
    pids+=($!)
    for line in 'status?' 'time?' 'set led 3' 'ping 1' 'ping 2' 'get config' 'ping 3'; do
        printf '%s\n' "$line" >&5
        sleep 0.4
    done
    # Hold client → server, then the client's next line waits in the relay.
    xdotool mousemove 79 140 click 1    # the Hold → button
    sleep 0.3
    printf 'set mode fast\nping 4\n' >&5
    sleep 1
    xdotool mousemove 700 200 click 1    # the transcript
    press ctrl+End
    press Up
    press F2
    press ctrl+a
    typed 'set mode safe'
    sleep 1
    import -window root "docs/screenshot-$picture.png"
    echo "saved docs/screenshot-$picture.png"
    exec 5>&-
    stop_window
done
