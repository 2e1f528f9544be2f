#!/usr/bin/env bash
# Cold start to first frame of the app-image, under Xvfb: median of N runs (default 7).
# Build the image first: installers/build.sh app-image
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-$ROOT/target/installer/PgPulse/bin/PgPulse}
RUNS=${RUNS:-7}
results=()
for i in $(seq 1 "$RUNS"); do
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  ms=$(xvfb-run -a -s "-screen 0 1600x1000x24" env PGPULSE_STARTUP_EXIT=1 \
        "$BIN" 2>/dev/null | sed -n 's/^first-frame-ms //p')
  echo "run $i: ${ms} ms"
  results+=("$ms")
done
printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print "median: " a[int((NR+1)/2)] " ms over " NR " runs"}'
