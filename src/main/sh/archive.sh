#!/bin/sh
# Run by `mvn package` after the runnable jar is made (see pom.xml, profile "launcher"):
#
#   archive.sh JAVA TARGET_DIR LAUNCHER_TEMPLATE [GUI]
#
# 1. Makes TARGET_DIR/tincan.jsa, a class data archive of the classes that Tincan's common
#    runs load (dev.tincan.cli.ArchiveTraining runs them in one JVM that writes the archive
#    as it exits), and checks that JAVA can start with it. The jar is named by its full
#    path with symbolic links resolved: the JVM uses an archive only with the same jar at
#    the same path, unchanged. When GUI is true and there is a display (DISPLAY is set),
#    the training opens the window too, for an instant, so that the window's classes are
#    archived as well.
# 2. Writes TARGET_DIR/tincan, the launcher, from LAUNCHER_TEMPLATE with the archive's size
#    in it, so the launcher can leave out an archive that was cut short.
# When no archive can be made the launcher is still written and runs the jar without one;
# this script then says so on standard error and exits 0: the build goes on.
set -u
java=$1
target=$(CDPATH= cd -- "$2" && pwd -P) || exit 1
template=$3
gui=${4:-false}
[ -n "${DISPLAY:-}" ] || gui=false
jar=$target/tincan.jar
archive=$target/tincan.jsa

rm -f "$archive" "$archive.part"
size=0
if "$java" "-XX:ArchiveClassesAtExit=$archive.part" '-Xlog:cds*=off' \
        "-Dtincan.archive.gui=$gui" "-Dtincan.log.dir=$target/archive-training/logs" \
        "-Dtincan.library.file=$target/archive-training/library.json" -cp "$jar" dev.tincan.cli.ArchiveTraining >/dev/null \
    && "$java" -Xshare:on "-XX:SharedArchiveFile=$archive.part" '-Xlog:cds*=off' -jar "$jar" --version \
        >/dev/null 2>&1 \
    && mv -f "$archive.part" "$archive"; then
    size=$(wc -c <"$archive")
    size=$((size))
else
    rm -f "$archive.part"
    echo "archive.sh: no class data archive was made; target/tincan runs the jar without one." >&2
fi
sed "s/@ARCHIVE_SIZE@/$size/" "$template" >"$target/tincan.part" \
    && chmod +x "$target/tincan.part" \
    && mv -f "$target/tincan.part" "$target/tincan"
