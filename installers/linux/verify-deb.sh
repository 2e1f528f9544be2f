#!/usr/bin/env bash
# Verifies the Linux packaging for real: builds the app-image and the .deb, installs the .deb with
# apt (so its declared dependencies must resolve), starts the installed app under Xvfb and checks
# that its window appears and is not blank (screenshot), and that the installed CLI answers
# --version and `help report`. Prints sizes and build times, then removes the package again.
# Run as root on Debian/Ubuntu.
#
#   installers/linux/verify-deb.sh                      # builds in target/
#   PGPULSE_BUILD_DIR=/tmp/b installers/linux/verify-deb.sh
#   KEEP_INSTALLED=1 installers/linux/verify-deb.sh     # leave the package installed
#   SHOT=/tmp/installed.png installers/linux/verify-deb.sh
#   DEB=dist/pgpulse_0.1.0-1_amd64.deb installers/linux/verify-deb.sh   # check a built package only
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BUILD_DIR=${PGPULSE_BUILD_DIR:-$ROOT/target}
OUT="$BUILD_DIR/installer"
export DEBIAN_FRONTEND=noninteractive
need=()
for p in xvfb xauth imagemagick x11-utils fakeroot dpkg-dev; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; fi

fail() { echo "FAIL: $*" >&2; exit 1; }

if [ -n "${DEB:-}" ]; then
  # A .deb built before (CI builds it in an earlier step): only install and check it.
  DEB=$(realpath "$DEB")
  IMAGE_SIZE=""
else
  t0=$(date +%s.%N); installers/build.sh app-image; t1=$(date +%s.%N)
  IMAGE_SIZE=$(du -sh "$OUT/PgPulse" | cut -f1)
  installers/build.sh deb; t2=$(date +%s.%N)
  DEB=$(ls "$OUT"/*.deb)
fi
DEB_SIZE=$(du -h "$DEB" | cut -f1)
echo "== $(basename "$DEB"): Depends: $(dpkg-deb -f "$DEB" Depends); Recommends: $(dpkg-deb -f "$DEB" Recommends)"
for dep in libgtk-3-0 libgl1 libxtst6; do
  dpkg-deb -f "$DEB" Depends | grep -q "$dep" || fail "the .deb does not depend on $dep"
done

# Remove a previous install first so that the checks below see this build.
if dpkg -s pgpulse >/dev/null 2>&1; then apt-get remove -y -qq pgpulse >/dev/null; fi
dpkg-query -W -f '${Package}\n' | sort > /tmp/pgpulse-packages-before.txt
apt-get install -y -qq --no-install-recommends "$DEB" >/dev/null || fail "apt could not install $DEB"
dpkg -s pgpulse | grep -q "^Status: install ok installed" || fail "pgpulse is not installed"
cleanup() {
  if [ "${KEEP_INSTALLED:-0}" != 1 ]; then
    apt-get purge -y -qq pgpulse >/dev/null && echo "== pgpulse removed again"
    # The dependencies apt pulled in for it (xdg-utils, …) go too, and nothing else.
    pulled=$(dpkg-query -W -f '${Package}\n' | sort | comm -13 /tmp/pgpulse-packages-before.txt -)
    if [ -n "$pulled" ]; then
      echo "== removing what it pulled in: $(echo $pulled)"
      apt-get purge -y -qq $pulled >/dev/null
    fi
  fi
}
trap cleanup EXIT

BIN=/opt/pgpulse/bin/PgPulse
[ -x "$BIN" ] || fail "$BIN not installed"
DESKTOP=$(dpkg -L pgpulse | grep '\.desktop$' | head -1)
[ -n "$DESKTOP" ] && grep -q "^Exec=$BIN" "$DESKTOP" || fail "no menu entry (.desktop) pointing at $BIN"
ls /usr/share/applications/*pgpulse*.desktop >/dev/null 2>&1 || echo "note: menu entry not registered (xdg-utils missing?)"
if [ -x /usr/bin/pgpulse ]; then CLI=/usr/bin/pgpulse; else CLI=$BIN; fi
echo "== installed: $BIN, menu entry $DESKTOP, command line $CLI"

# The CLI runs without a display.
env -u DISPLAY "$CLI" --version | tee /tmp/pgpulse-version.txt
grep -q "^PgPulse [0-9]" /tmp/pgpulse-version.txt || fail "--version did not print the version"
env -u DISPLAY "$CLI" help report > /tmp/pgpulse-help.txt || fail "help report failed"
grep -q "^Usage: pgpulse report" /tmp/pgpulse-help.txt || fail "help report printed no usage"
set +e
env -u DISPLAY "$CLI" report --duration 2s postgresql://nobody@127.0.0.1:1/x > /tmp/pgpulse-report.txt 2>&1
rc=$?
set -e
[ $rc -eq 3 ] && grep -q "^pgpulse: Cannot reach" /tmp/pgpulse-report.txt || fail "report against a closed port: rc=$rc, $(cat /tmp/pgpulse-report.txt)"
echo "== CLI ok: --version, help report, report fails cleanly on a closed port (exit $rc): $(grep -m1 '^pgpulse:' /tmp/pgpulse-report.txt)"

# The desktop app: a window titled PgPulse, and a screenshot that is not a blank frame.
SHOT=${SHOT:-$OUT/installed-app.png}
export BIN SHOT
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
  "$BIN" > /tmp/pgpulse-installed.log 2>&1 &
  APP=$!
  for i in $(seq 1 60); do
    if xwininfo -root -tree | grep -q "\"PgPulse\""; then break; fi
    kill -0 $APP 2>/dev/null || { echo "FAIL: the app exited"; cat /tmp/pgpulse-installed.log; exit 1; }
    sleep 0.5
  done
  xwininfo -root -tree | grep "\"PgPulse\"" || { echo "FAIL: no PgPulse window"; kill $APP; exit 1; }
  sleep 3
  import -window root "$SHOT"
  kill $APP
  wait $APP 2>/dev/null || true
'
# A blank or single-colour frame has (almost) no variation.
SPREAD=$(convert "$SHOT" -colorspace Gray -format "%[fx:standard_deviation]" info:)
awk -v s="$SPREAD" 'BEGIN { exit !(s > 0.02) }' || fail "the screenshot looks blank (standard deviation $SPREAD)"
# Logged errors or an uncaught exception fail the check. (Without libsecret the keychain library logs
# its failed attempts at INFO with stack traces; that is expected and PgPulse then asks for passwords.)
if grep -E "^[0-9:.]+ ERROR|Exception in thread" /tmp/pgpulse-installed.log; then fail "errors in the app log (/tmp/pgpulse-installed.log)"; fi
echo "OK: window appeared, screenshot $SHOT (grey standard deviation $SPREAD)"
if [ -n "$IMAGE_SIZE" ]; then
  awk -v a="$t0" -v b="$t1" -v s="$IMAGE_SIZE" 'BEGIN { printf "app-image: %s, built in %.0f s (including the Maven package)\n", s, b - a }'
  awk -v a="$t1" -v b="$t2" -v s="$DEB_SIZE" 'BEGIN { printf ".deb: %s, built in %.0f s (including the Maven package)\n", s, b - a }'
else
  echo ".deb: $DEB_SIZE"
fi
