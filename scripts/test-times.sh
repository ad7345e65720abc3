#!/bin/sh
# Where the test time goes, from the reports the last `mvn verify` (or `mvn test`) left:
#
#   scripts/test-times.sh [N] [REPORTS_DIR]
#
# Prints the total time the tests took, then the N slowest test classes and the N slowest
# tests (10 unless told), as markdown tables. REPORTS_DIR is target/surefire-reports unless
# told. A class's time counts its fixtures too (a server started once for the class); the
# sum of class times is the time spent in tests, which is less than the build's wall time
# (compiling, the jar, the class data archive and the JVMs' start-up make up the rest).
# Surefire never deletes a report, so one left by an earlier run of a test that did not run
# this time is counted too: `mvn clean verify` gives a clean picture.
set -eu
n=${1:-10}
dir=${2:-target/surefire-reports}
set -- "$dir"/TEST-*.xml
if [ ! -e "$1" ]; then
    echo "test-times.sh: no reports in $dir: run mvn verify first." >&2
    exit 1
fi
awk -v n="$n" '
    function attr(line, key,    m) {
        if (match(line, " " key "=\"[^\"]*\"")) {
            m = substr(line, RSTART + length(key) + 3, RLENGTH - length(key) - 4)
            gsub(/&lt;/, "<", m); gsub(/&gt;/, ">", m); gsub(/&quot;/, "\"", m)
            gsub(/&apos;/, "\047", m); gsub(/&amp;/, "\\&", m)
            return m
        }
        return ""
    }
    /<testsuite / {
        suite = attr($0, "name"); t = attr($0, "time") + 0
        classes[suite] += t; total += t; suites++
        count[suite] += attr($0, "tests")
        tests += attr($0, "tests"); skipped += attr($0, "skipped")
    }
    /<testcase / {
        name = attr($0, "classname"); sub(/.*\./, "", name)
        cases[name "." attr($0, "name")] = attr($0, "time") + 0
    }
    function top(arr, k, label, withcount,    i, j, best, bestv, shown) {
        printf "\n| %s | s |%s\n|---|---:|%s\n", label, withcount ? " tests |" : "", withcount ? "---:|" : ""
        for (i = 1; i <= k; i++) {
            best = ""; bestv = -1
            for (j in arr) if (!(j in shown) && arr[j] > bestv) { best = j; bestv = arr[j] }
            if (best == "") break
            shown[best] = 1
            if (withcount) printf "| %s | %.1f | %d |\n", best, bestv, count[best]
            else printf "| %s | %.2f |\n", best, bestv
        }
    }
    END {
        printf "%d tests (%d skipped) in %d classes took %.1f s of test time.\n", tests, skipped, suites, total
        top(classes, n, "slowest classes", 1)
        top(cases, n, "slowest tests", 0)
    }
' "$@"
