#!/bin/bash
# Longer reliability trials than the CI suite (see docs/RELIABILITY.md). Run from anywhere:
#   platform/org.stagedml.reliability/soak.sh [-k launcher_kills] [-t jvm_kill_trials] [-d seconds]
#   -k  SIGKILLs of real bin/stagedml processes at random moments (default 100)
#   -t  child-JVM SIGKILL trials per suite round (default 500)
#   -d  keep repeating the suite rounds (kills, 4 processes, gc) for this many seconds (default 1800)
# Needs the built distribution (distribution/target/stagedml). Exit 0 only if every trial passed.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
dist="$here/../../distribution/target/stagedml"
SML="$dist/bin/stagedml"
kills=100 trials=500 duration=1800
while getopts "k:t:d:" o; do
  case $o in k) kills=$OPTARG ;; t) trials=$OPTARG ;; d) duration=$OPTARG ;; *) sed -n 2,7p "$0"; exit 2 ;; esac
done
[ -x "$SML" ] || { echo "no distribution at $dist: build it first (mvn -B install -DskipTests)"; exit 1; }
out="$here/target/soak-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$out"
summary="$out/summary.txt"
log() { echo "$*" | tee -a "$summary"; }
# STAGEDML_NO_SERVER: the SIGKILLs must hit the JVM that realizes, not a client of the home's server
export STAGEDML_HOME="$out/home" STAGEDML_JAVA_OPTS="-XX:TieredStopAtLevel=1" STAGEDML_NO_SERVER=1
mkdir -p "$STAGEDML_HOME"
fail=0 start=$(date +%s)

# 1. real launchers killed at random moments
inside=0
for i in $(seq 1 "$kills"); do
  if (( i % 2 )); then args=(stage:realize example-chain "depth=$(( 20 + i % 60 ))"); else args=(stage:realize example-sleep seconds=2 "tag=soak$i"); fi
  "$SML" "${args[@]}" >/dev/null 2>&1 & pid=$!
  sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", 1 + 3 * r / 32768 }')"
  [ -n "$(find "$STAGEDML_HOME/tmp" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | head -1)" ] && inside=$((inside + 1))
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  if ! "$SML" store:verify >"$out/verify.txt" 2>&1; then log "kill $i: store does not verify:"; cat "$out/verify.txt" | tee -a "$summary"; fail=1; break; fi
  if (( i % 10 == 0 )) && ! "$SML" stage:realize example-chain depth=25 >/dev/null 2>"$out/realize.err"; then
    log "kill $i: the next realize failed: $(cat "$out/realize.err")"; fail=1; break
  fi
done
log "launcher kills: $kills, inside a build: $inside, store verified after each, realize after every 10th ok ($(( $(date +%s) - start )) s)"

# 2. suite rounds with many child-JVM kill trials, until the duration is spent
round=0
while (( fail == 0 && $(date +%s) - start < duration )); do
  round=$((round + 1))
  if ! (cd "$here" && mvn -B verify -Dreliability.killTrials="$trials" -Dreliability.excludedGroups=known-bug \
        -Dit.test='SigkillIT,ConcurrentProcessesIT,GcDuringRealizeIT,CorruptionIT' >"$out/round-$round.log" 2>&1); then
    log "round $round FAILED: see $out/round-$round.log"; fail=1
  fi
  grep -h '^RELIABILITY' "$out/round-$round.log" | sed "s/^/round $round: /" | tee -a "$summary"
done
log "soak: $round suite round(s), $(( $(date +%s) - start )) s, $([ $fail = 0 ] && echo PASSED || echo FAILED)"
exit $fail
