#!/usr/bin/env bash
# Builds a PgPulse installer for the OS it runs on, with a jlinked runtime that contains JavaFX.
#
#   installers/build.sh app-image|deb|rpm      (Linux)
#   installers/build.sh dmg|pkg|app-image      (macOS)
#   installers/build.sh msi|exe|app-image      (Windows, from Git Bash; msi needs WiX 3)
#
# Output: target/installer/ (or $PGPULSE_BUILD_DIR/installer: with PGPULSE_BUILD_DIR set, Maven
# builds there too, via -Dpgpulse.buildDir, so parallel builds of one checkout do not collide).
# The same launcher opens the desktop app and, with a command such as `report`, runs the CLI.
# PGPULSE_CDS=0 skips the class-data-sharing training (see below); PGPULSE_JLINK_COMPRESS sets
# jlink's --compress (default 2: no start-up cost measured, 34 MB smaller than 0).
set -euo pipefail
TYPE=${1:-app-image}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
FX_VERSION=$(sed -n 's:.*<javafx.version>\(.*\)</javafx.version>.*:\1:p' pom.xml | head -1)
case "$(uname -s)" in
  Linux*) OS=linux ;;
  Darwin*) OS=mac ;;
  MINGW*|MSYS*|CYGWIN*) OS=win ;;
  *) echo "Unsupported OS $(uname -s)" >&2; exit 2 ;;
esac
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
JLINK="$JAVA_HOME/bin/jlink"
JPACKAGE="$JAVA_HOME/bin/jpackage"

echo "== PgPulse $VERSION, $TYPE for $OS (JavaFX $FX_VERSION, JDK $JAVA_HOME)"
BUILD_DIR=${PGPULSE_BUILD_DIR:-$ROOT/target}
MVN_ARGS=(-B -q -ntp -Dstyle.color=never -DskipTests)
if [ -n "${PGPULSE_BUILD_DIR:-}" ]; then MVN_ARGS+=("-Dpgpulse.buildDir=$BUILD_DIR"); fi
mvn "${MVN_ARGS[@]}" package

OUT="$BUILD_DIR/installer"
rm -rf "$OUT"
mkdir -p "$OUT/input/lib" "$OUT/fx"
cp "$BUILD_DIR/pgpulse-$VERSION.jar" "$OUT/input/pgpulse-$VERSION.jar"
for jar in "$BUILD_DIR"/lib/*.jar; do
  name=$(basename "$jar")
  case "$name" in
    # The platform jars (with a classifier) carry module-info and the natives: they go into the
    # runtime image. The plain javafx-*.jar are empty shells and are left out entirely.
    javafx-*-"$FX_VERSION"-*.jar) cp "$jar" "$OUT/fx/" ;;
    javafx-*) ;;
    *) cp "$jar" "$OUT/input/lib/" ;;
  esac
done
ls "$OUT/fx"/javafx-controls-* >/dev/null

MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.sql,java.xml,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,javafx.base,javafx.graphics,javafx.controls,javafx.swing
"$JLINK" --module-path "$OUT/fx" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
  --compress="${PGPULSE_JLINK_COMPRESS:-2}" --generate-cds-archive --output "$OUT/runtime"

# ControlsFX reaches into JavaFX internals; with JavaFX as named modules it must be let in.
JAVA_OPTIONS=(--java-options "--add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED"
  --java-options "--add-exports=javafx.controls/com.sun.javafx.scene.control.behavior=ALL-UNNAMED"
  --java-options "--add-opens=javafx.controls/javafx.scene.control.skin=ALL-UNNAMED"
  --java-options "--add-exports=javafx.graphics/com.sun.javafx.scene=ALL-UNNAMED"
  --java-options "-Xmx1g")

COMMON=(--input "$OUT/input" --main-jar "pgpulse-$VERSION.jar" --main-class io.pgpulse.Main
  --runtime-image "$OUT/runtime" --name PgPulse --app-version "$VERSION" --vendor "PgPulse"
  --description "PostgreSQL health and query profiling" --copyright "PgPulse developers")

# --- Class-data sharing, trained on the real start-up --------------------------------------------
# jlink's --generate-cds-archive archives the ~1,200 JDK classes of a "hello world". PgPulse loads
# ~4,000 JDK and JavaFX classes before its first frame, so a throwaway app-image is started once
# (it exits after the first frame, PGPULSE_STARTUP_EXIT=1), its class list recorded, and the
# runtime's default archive dumped again from that list. The dump runs without a class path, so the
# archive holds only classes of the runtime image: it stays valid wherever the app is installed
# (an archive of the app's own jars would be tied to the directory it was trained in). Skipped with
# PGPULSE_CDS=0, or when the app cannot open a window here; the build then keeps jlink's archive.
run_with_timeout() { # seconds command...: portable (macOS has no timeout(1))
  local limit=$1; shift
  "$@" & local pid=$!
  for _ in $(seq 1 "$limit"); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; return 124; fi
  wait "$pid"
}
native_path() { if [ "$OS" = win ]; then cygpath -w "$1"; else echo "$1"; fi; }
train_cds() {
  local train="$OUT/cds-training" launcher list jsa wrap=()
  rm -rf "$train"; mkdir -p "$train/home"
  "$JPACKAGE" --type app-image --dest "$train" "${COMMON[@]}" "${JAVA_OPTIONS[@]}"
  case "$OS" in
    linux) launcher="$train/PgPulse/bin/PgPulse" ;;
    mac) launcher="$train/PgPulse.app/Contents/MacOS/PgPulse" ;;
    win) launcher="$train/PgPulse/PgPulse.exe" ;;
  esac
  if [ "$OS" = linux ] && [ -z "${DISPLAY:-}" ]; then
    command -v xvfb-run >/dev/null || { echo "== CDS training skipped: no DISPLAY and no xvfb-run"; return 1; }
    wrap=(xvfb-run -a -s "-screen 0 1600x1000x24")
  fi
  list="$OUT/classes.lst"
  # A fresh home and config directory: the training sees no saved profiles and changes nothing.
  if ! run_with_timeout 180 env PGPULSE_STARTUP_EXIT=1 XDG_CONFIG_HOME="$(native_path "$train/home")" \
      APPDATA="$(native_path "$train/home")" \
      JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$(native_path "$list") -Duser.home=$(native_path "$train/home")" \
      ${wrap[@]+"${wrap[@]}"} "$launcher" > "$OUT/cds-training.log" 2>&1 || [ ! -s "$list" ]; then
    echo "== CDS training skipped: the app did not start (see $OUT/cds-training.log)"; return 1
  fi
  jsa=$(find "$OUT/runtime" -name classes.jsa -path '*server*' | head -1)
  # -Xmx as in the launcher, so that the archived heap objects map without relocation. Dumped next
  # to the runtime first: a failed dump leaves jlink's archive in place.
  "$OUT/runtime/bin/java" -Xshare:dump -Xmx1g -XX:SharedClassListFile="$(native_path "$list")" \
    -XX:SharedArchiveFile="$(native_path "$OUT/classes.jsa")" > "$OUT/cds-dump.log" 2>&1 \
    || { echo "== CDS dump failed (see $OUT/cds-dump.log)"; return 1; }
  mv -f "$OUT/classes.jsa" "$jsa"
  # The launcher always runs with compressed oops (-Xmx1g): the no-compressed-oops archive is dead weight.
  find "$OUT/runtime" -name classes_nocoops.jsa -delete
  echo "== CDS archive trained on $(grep -vc '^#' "$list") loaded classes: $(du -h "$jsa" | cut -f1)"
  rm -rf "$train"
}
if [ "${PGPULSE_CDS:-1}" = 1 ]; then
  train_cds || true
fi

case "$OS" in
  linux)
    PLATFORM=(--icon assets/pgpulse-256.png)
    if [ "$TYPE" != app-image ]; then
      # jpackage cannot see the native libraries inside the JavaFX jars, so their packages are named here.
      if [ "$TYPE" = rpm ]; then DEPS="gtk3, mesa-libGL, libXtst"; else DEPS="libgtk-3-0, libgl1, libxtst6"; fi
      PLATFORM+=(--linux-package-name pgpulse --linux-package-deps "$DEPS" --linux-shortcut
        --linux-menu-group "Development" --linux-app-category database --install-dir /opt)
      # Our postinst/prerm: the menu entry must not fail the install where there is no menu
      # directory, and the CLI gets /usr/bin/pgpulse (see the scripts).
      if [ "$TYPE" = deb ]; then PLATFORM+=(--resource-dir installers/linux/resources); fi
    fi
    ;;
  mac)
    PLATFORM=(--icon assets/pgpulse.icns --mac-package-identifier io.pgpulse.app --mac-package-name PgPulse)
    ;;
  win)
    PLATFORM=(--icon assets/pgpulse.ico)
    if [ "$TYPE" != app-image ]; then
      PLATFORM+=(--win-menu --win-menu-group PgPulse --win-shortcut --win-dir-chooser
        --win-upgrade-uuid 6c2a0f6e-5f0e-4d39-9a57-3f0c1f4e7a10)
    fi
    # A console launcher so `pgpulse-cli report …` prints in a terminal on Windows.
    PLATFORM+=(--add-launcher "pgpulse-cli=installers/windows/cli-launcher.properties")
    ;;
esac

start=$(date +%s)
"$JPACKAGE" --type "$TYPE" --dest "$OUT" "${COMMON[@]}" "${JAVA_OPTIONS[@]}" "${PLATFORM[@]}"
echo "== Built in $(( $(date +%s) - start )) s (jpackage only):"
ls -la "$OUT" | grep -vE " (input|fx|runtime)$"
