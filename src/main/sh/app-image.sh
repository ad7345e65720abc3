#!/bin/sh
# Run by `mvn package -Papp-image` after the jar, its archives and the launcher are made:
#
#   app-image.sh JAVA_HOME TARGET_DIR BASE_DIR VERSION [GUI]
#
# Makes TARGET_DIR/app/tincan, an app image: Tincan with a Java runtime of its own, cut by
# jlink to the modules it uses, so it runs where no Java is installed. jpackage lays it out
# and makes the runtime; then
#   - bin/tincan is Tincan's launcher (src/main/sh/tincan), which picks the JVM's flags per
#     command, over class data archives made here with the image's own runtime;
#   - share/ holds a desktop entry, the icon, and bash and zsh completion scripts;
#   - install.sh puts tincan on the PATH and in the desktop's menu, for this user.
# A JDK without jpackage makes no image, with one line on standard error; the build goes on.
set -u
java_home=$1
target=$(CDPATH= cd -- "$2" && pwd -P) || exit 1
base=$3
# jpackage wants a version of numbers only: 0.1.0-SNAPSHOT is 0.1.0.
version=$(printf '%s' "$4" | sed 's/[^0-9.].*//')
gui=${5:-false}
jpackage=$java_home/bin/jpackage
if [ ! -x "$jpackage" ]; then
    echo "app-image.sh: $java_home has no jpackage: no app image is made; target/tincan runs as before." >&2
    exit 0
fi
# The modules Tincan uses (jdeps --print-module-deps target/tincan.jar), and jdk.crypto.ec for
# the elliptic-curve key exchanges most TLS servers choose.
modules=java.base,java.desktop,java.management,java.naming,java.prefs,java.sql,jdk.crypto.ec,jdk.unsupported
image=$target/app/tincan
rm -rf "$target/app" "$target/app-input"
mkdir -p "$target/app-input" && cp "$target/tincan.jar" "$target/app-input/" || exit 1
"$jpackage" --type app-image --name tincan --app-version "$version" --vendor Tincan \
    --description "A desktop TCP client and workbench" \
    --input "$target/app-input" --main-jar tincan.jar --main-class dev.tincan.Tincan \
    --icon "$base/src/main/resources/dev/tincan/ui/tincan.png" --dest "$target/app" --add-modules "$modules" \
    --jlink-options "--strip-debug --no-header-files --no-man-pages --generate-cds-archive" \
    --java-options -XX:+UseSerialGC || exit 1
rm -rf "$target/app-input"

# The archives must come from the image's own runtime: an archive fits only the JVM that made it.
sh "$base/src/main/sh/archive.sh" "$image/lib/runtime/bin/java" "$image/lib/app" "$base/src/main/sh/tincan" "$gui" \
    || exit 1
rm -rf "$image/lib/app/archive-training"
mv -f "$image/lib/app/tincan" "$image/bin/tincan" || exit 1

share=$image/share
mkdir -p "$share/applications" "$share/icons/hicolor/256x256/apps" "$share/bash-completion/completions" \
    "$share/zsh/site-functions"
cp "$base/src/main/resources/dev/tincan/ui/tincan.png" "$share/icons/hicolor/256x256/apps/tincan.png"
"$image/bin/tincan" completion bash >"$share/bash-completion/completions/tincan" || exit 1
"$image/bin/tincan" completion zsh >"$share/zsh/site-functions/_tincan" || exit 1
sed "s/@VERSION@/$version/" "$base/src/main/packaging/tincan.desktop" >"$share/applications/dev.tincan.Tincan.desktop"
cp "$base/src/main/packaging/install.sh" "$image/install.sh" && chmod +x "$image/install.sh"
echo "app-image.sh: made $image ($(du -sh "$image" | cut -f1)); $image/install.sh puts it on the PATH and in the menu." >&2
