#!/bin/bash
# The StagedML server against a process per command: whole-process wall time of bin/stagedml, same
# machine, same run, same home. Prints a table (best and median of RUNS runs, in ms).
# Usage (from anywhere, after `mvn -o -B package -DskipTests`): benchmarks/server.sh
# Env: RUNS (default 5), DIST (default distribution/target/stagedml), OUT (default benchmarks/target/server.txt)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
DIST=${DIST:-$root/distribution/target/stagedml}
RUNS=${RUNS:-5}
SML=$DIST/bin/stagedml
[ -x "$SML" ] || { echo "no distribution at $DIST (mvn -o -B package -DskipTests)" >&2; exit 2; }
mkdir -p "$here/target"; OUT=${OUT:-$here/target/server.txt}
export STAGEDML_HOME=$(mktemp -d /tmp/sml-bench.XXXXXX)
trap '"$SML" --stop >/dev/null 2>&1 || true; rm -rf "$STAGEDML_HOME"' EXIT
now_ms() { date +%s%3N; }
# time_cmd MODE ARGS...: prints "best median" over RUNS runs (MODE: server or --no-server)
time_cmd() {
    local mode=$1; shift; local ts=()
    for _ in $(seq "$RUNS"); do
        local t0 t1
        t0=$(now_ms)
        if [ "$mode" = server ]; then "$SML" "$@" >/dev/null 2>&1; else "$SML" --no-server "$@" >/dev/null 2>&1; fi
        t1=$(now_ms); ts+=($((t1 - t0)))
    done
    printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%d %d", a[1], a[int((NR+1)/2)]}'
}
echo "warming up: building example-chain depth=800, starting the server ..." >&2
"$SML" stage:realize example-chain depth=800 >/dev/null
"$SML" stage:realize example-chain depth=400 >/dev/null
{
    echo "bin/stagedml whole process, ms (best / median of $RUNS), $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg) at start"
    printf '%-44s %15s %15s %15s %8s\n' "command" "server" "(in the server)" "--no-server" "speed-up"
    for c in "stage:realize example-chain depth=400" "stage:realize example-chain depth=800" "stage:list" "store:list" "--status"; do
        # shellcheck disable=SC2086
        read -r sb sm <<<"$(time_cmd server $c)"
        # the server's own time for the command (its log's "exit 0 in N ms: <command>"), without the client
        ib=-; im=-
        if [ "$c" != --status ]; then
            read -r ib im <<<"$(grep -F "ms: $c" "$STAGEDML_HOME/server/server.log" | tail -n "$RUNS" | grep -oE 'in [0-9]+ ms' \
                | grep -oE '[0-9]+' | sort -n | awk '{a[NR]=$1} END {printf "%d %d", a[1], a[int((NR+1)/2)]}')"
        fi
        if [ "$c" = --status ]; then nb=-; nm=-; x=-; else
            # shellcheck disable=SC2086
            read -r nb nm <<<"$(time_cmd --no-server $c)"
            x=$(awk -v a="$nm" -v b="$sm" 'BEGIN {printf "%.1fx", a / b}')
        fi
        printf '%-44s %7s / %5s %7s / %5s %7s / %5s %8s\n' "$c" "$sb" "$sm" "$ib" "$im" "$nb" "$nm" "$x"
        case "$c" in *depth=400) d4="$sb $sm" ;; *depth=800) d8="$sb $sm" ;; esac
    done
    # the goal: depth=800 less than 1.3 times depth=400, whole process
    read -r b4 m4 <<<"$d4"; read -r b8 m8 <<<"$d8"
    awk -v b4="$b4" -v m4="$m4" -v b8="$b8" -v m8="$m8" \
        'BEGIN {printf "depth=800 / depth=400 with the server: %.2f (best), %.2f (median)\n", b8 / b4, m8 / m4}'
    echo
    echo "the light client alone: bin/stagedml --status's JVM with other options, ms (best / median of $RUNS)"
    jar=$DIST/lib/org.stagedml.runtime.jar; jsa=$DIST/cache/client.jsa
    base="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:-UsePerfData"
    for o in "-Xshare:off" "-Xshare:auto" "-XX:TieredStopAtLevel=1 -Xshare:auto" "$base -Xshare:auto" \
             "$base -XX:SharedArchiveFile=$jsa -Xlog:cds=off,cds+dynamic=off"; do
        ts=()
        for _ in $(seq "$RUNS"); do
            t0=$(now_ms)
            # shellcheck disable=SC2086
            java $o -Dstagedml.dist="$DIST" -cp "$jar" org.stagedml.runtime.client.Client --status >/dev/null 2>&1
            t1=$(now_ms); ts+=($((t1 - t0)))
        done
        read -r b m <<<"$(printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%d %d", a[1], a[int((NR+1)/2)]}')"
        printf '%-100s %5s / %5s\n' "${o/$jsa/cache\/client.jsa}" "$b" "$m"
    done
} | tee "$OUT"
