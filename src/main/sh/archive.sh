#!/bin/sh
# Run by `mvn package` after the runnable jar is made (pom.xml, maven-antrun-plugin):
#
#   archive.sh JAVA TARGET_DIR LAUNCHER_TEMPLATE [GUI]
#
# 1. Makes TARGET_DIR/tincan.jsa, a class data archive of the classes the commands load
#    (dev.tincan.cli.ArchiveTraining runs them in one JVM that lists the classes it loads;
#    the JVM then dumps them, the JDK's own included, into one archive), and checks that
#    JAVA can start with it. When GUI is true and there is a display (DISPLAY is set), it
#    makes TARGET_DIR/tincan-gui.jsa too, from opening the window for an instant: a separate archive, because the JVM reads all of an archive it
#    maps, and the window's classes would double what a one-shot send takes in memory.
#    The jar is named by its full path with symbolic links resolved: the JVM uses an
#    archive only with the same jar at the same path, unchanged.
# 2. Writes TARGET_DIR/tincan, the launcher, from LAUNCHER_TEMPLATE with the archives'
#    sizes in it, so the launcher can leave out an archive that was cut short.
# An archive that cannot be made is left out, with a line on standard error; the launcher
# is written all the same and runs the jar without it. The build goes on.
set -u
java=$1
target=$(CDPATH= cd -- "$2" && pwd -P) || exit 1
template=$3
gui=${4:-false}
[ -n "${DISPLAY:-}" ] || gui=false
jar=$target/tincan.jar

# archive FILE [gui]: makes FILE from a training run; prints its size, or 0. The training
# run writes the list of classes it loaded, and the JVM then dumps a static archive of
# them: JDK 17 leaves classes of an old class file version out of a dynamic archive
# (ArchiveClassesAtExit), and picocli's are Java 5 classes, some 180 of them parsed and
# verified again by every run.
archive() {
    rm -f "$1" "$1.part" "$1.classes"
    if "$java" -Xshare:off "-XX:DumpLoadedClassList=$1.classes" \
            "-Dtincan.log.dir=$target/archive-training/logs" \
            "-Dtincan.library.file=$target/archive-training/library.json" \
            -cp "$jar" dev.tincan.cli.ArchiveTraining ${2-} >/dev/null \
        && "$java" -Xshare:dump "-XX:SharedClassListFile=$1.classes" "-XX:SharedArchiveFile=$1.part" \
            '-Xlog:cds*=off' -cp "$jar" >/dev/null 2>&1 \
        && "$java" -Xshare:on "-XX:SharedArchiveFile=$1.part" '-Xlog:cds*=off' -jar "$jar" --version \
            >/dev/null 2>&1 \
        && mv -f "$1.part" "$1"; then
        rm -f "$1.classes"
        size=$(wc -c <"$1")
        echo $((size))
    else
        rm -f "$1.part" "$1.classes"
        echo "archive.sh: $1 could not be made; the launcher runs without it." >&2
        echo 0
    fi
}

size=$(archive "$target/tincan.jsa")
gui_size=0
rm -f "$target/tincan-gui.jsa"
if [ "$gui" = true ]; then
    gui_size=$(archive "$target/tincan-gui.jsa" gui)
fi
sed -e "s/@ARCHIVE_SIZE@/$size/" -e "s/@GUI_ARCHIVE_SIZE@/$gui_size/" "$template" >"$target/tincan.part" \
    && chmod +x "$target/tincan.part" \
    && mv -f "$target/tincan.part" "$target/tincan"
