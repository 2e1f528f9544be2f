#!/usr/bin/env bash
# Verifies the Linux packaging for real: builds the app-image and the .deb, installs the .deb,
# starts the installed app under Xvfb and checks that a window appears (screenshot), and that the
# installed CLI answers --version. Prints sizes and build times. Run as root on Debian/Ubuntu.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export DEBIAN_FRONTEND=noninteractive
need=()
for p in xvfb imagemagick x11-utils fakeroot dpkg-dev; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; fi

t0=$(date +%s); installers/build.sh app-image; t1=$(date +%s)
IMAGE_SIZE=$(du -sh target/installer/PgPulse | cut -f1)
installers/build.sh deb; t2=$(date +%s)
DEB=$(ls target/installer/*.deb)
DEB_SIZE=$(du -h "$DEB" | cut -f1)

apt-get install -y -qq "./$DEB" >/dev/null
BIN=/opt/pgpulse/bin/PgPulse
[ -x "$BIN" ] || { echo "FAIL: $BIN not installed"; exit 1; }
"$BIN" --version | tee /tmp/pgpulse-version.txt
grep -q "PgPulse" /tmp/pgpulse-version.txt

SHOT=${SHOT:-target/installer/installed-app.png}
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c "
  '$BIN' > /tmp/pgpulse-installed.log 2>&1 &
  APP=\$!
  for i in \$(seq 1 60); do
    if xwininfo -root -tree | grep -q '\"PgPulse\"'; then break; fi
    sleep 0.5
  done
  xwininfo -root -tree | grep '\"PgPulse\"' || { echo 'FAIL: no PgPulse window'; kill \$APP; exit 1; }
  sleep 2
  import -window root '$SHOT'
  kill \$APP
"
echo "OK: window appeared, screenshot $SHOT"
echo "app-image: $IMAGE_SIZE, built in $((t1 - t0)) s (including the Maven package)"
echo ".deb: $DEB_SIZE, built in $((t2 - t1)) s (including the Maven package)"
