#!/usr/bin/env bash
# Cold start to first frame of the app-image, under Xvfb: median of N runs (default 7). The app
# prints "first-frame-ms N" (time since the launcher was started) and exits when
# PGPULSE_STARTUP_EXIT=1 (see io.pgpulse.app.kit.StartupTimer). The script passes the time it
# starts the launcher in PGPULSE_STARTUP_T0; builds before that variable was read measure from the
# process start time Java reports, which on Linux is off by a constant of up to a second (the boot
# time is kept in whole seconds): compare such builds with each other only.
#
#   installers/linux/measure-startup.sh                       # target/installer/PgPulse
#   installers/linux/measure-startup.sh A/bin/PgPulse B/bin/PgPulse   # compare, runs interleaved
#   RUNS=9 DROP_CACHES=0 installers/linux/measure-startup.sh  # keep the page cache warm
#   NICE=-10 installers/linux/measure-startup.sh              # run the app ahead of other work (root)
#
# Build the image first: installers/build.sh app-image. DROP_CACHES=1 (the default, needs root)
# empties the page cache before every run, so the jars and the runtime are read from disk again.
# The machine's load average is printed before and after: on a busy machine the figures mean little.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -eq 0 ]; then set -- "${PGPULSE_BUILD_DIR:-$ROOT/target}/installer/PgPulse/bin/PgPulse"; fi
RUNS=${RUNS:-7}
DROP_CACHES=${DROP_CACHES:-1}
NICE=${NICE:-0}
for bin in "$@"; do [ -x "$bin" ] || { echo "not executable: $bin" >&2; exit 2; }; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores); page cache dropped before each run: $DROP_CACHES; nice $NICE"
# How far the process start time Java derives from /proc is from the truth here (for older builds).
t0=$(date +%s%3N)
ticks=$(sh -c 'cut -d" " -f22 /proc/$$/stat')
btime=$(awk '/^btime/ {print $2}' /proc/stat)
echo "builds that measure from Java's process start time report $(( t0 - btime * 1000 - ticks * 1000 / $(getconf CLK_TCK) )) ms too much here (±10 ms)"
results=$(mktemp)
for i in $(seq 1 "$RUNS"); do
  for bin in "$@"; do
    if [ "$DROP_CACHES" = 1 ]; then sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true; fi
    # The launch time is taken just before the launcher is exec'd (Xvfb is already up), and handed
    # to the app, which measures the first frame against it.
    ms=$(xvfb-run -a -s "-screen 0 1600x1000x24" nice -n "$NICE" env PGPULSE_STARTUP_EXIT=1 \
          bash -c 'PGPULSE_STARTUP_T0=$(date +%s%3N) exec "$0"' "$bin" 2>/dev/null | sed -n 's/^first-frame-ms //p')
    echo "run $i: ${ms:-none} ms  $bin"
    [ -n "$ms" ] && echo "$bin $ms" >> "$results"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for bin in "$@"; do
  awk -v b="$bin" '$1 == b {print $2}' "$results" | sort -n | awk -v b="$bin" \
    '{a[NR]=$1} END {if (NR) print "median: " a[int((NR+1)/2)] " ms over " NR " runs (min " a[1] ", max " a[NR] ")  " b}'
done
rm -f "$results"
