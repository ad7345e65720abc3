#!/usr/bin/env bash
# Regenerates docs/screenshot-light.png and docs/screenshot-dark.png from the real window:
# an echo server on a free port, the window connected to it, a few messages sent.
# Needs the built jar (mvn -q package -DskipTests) and ../shared/tools/screenshot.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/tincan.jar
shot=${SCREENSHOT:-../shared/tools/screenshot}
port=50107
java -jar "$jar" serve --port "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for theme in light dark; do
    "$shot" "docs/screenshot-$theme.png" --size 1200x800 --wait 3 \
        --do 'xdotool key ctrl+k' --do 'sleep 1' \
        --do 'xdotool type --delay 5 "hello, tincan"' --do 'xdotool key ctrl+Return' --do 'sleep 0.3' \
        --do 'xdotool type --delay 5 "<html><b>not bold</b> \\x1b[2J stays on one line"' \
        --do 'xdotool key ctrl+Return' --do 'sleep 0.3' \
        --do 'xdotool type --delay 5 "temperature?\\t21.5"' --do 'xdotool key ctrl+Return' --do 'sleep 1' \
        -- java -Dtincan.settings=memory -Dtincan.theme="$theme" -Dtincan.port="$port" -jar "$jar"
done
