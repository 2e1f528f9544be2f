#!/usr/bin/env bash
# Builds a PgPulse installer for the OS it runs on, with a jlinked runtime that contains JavaFX.
#
#   installers/build.sh app-image|deb|rpm      (Linux)
#   installers/build.sh dmg|pkg|app-image      (macOS)
#   installers/build.sh msi|exe|app-image      (Windows, from Git Bash; msi needs WiX 3)
#
# Output: target/installer/. The same launcher opens the desktop app and, with a command such as
# `report`, runs the CLI.
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
mvn -B -q -ntp -DskipTests package

OUT="$ROOT/target/installer"
rm -rf "$OUT"
mkdir -p "$OUT/input/lib" "$OUT/fx"
cp "target/pgpulse-$VERSION.jar" "$OUT/input/pgpulse-$VERSION.jar"
for jar in target/lib/*.jar; do
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
  --compress=2 --generate-cds-archive --output "$OUT/runtime"

# ControlsFX reaches into JavaFX internals; with JavaFX as named modules it must be let in.
JAVA_OPTIONS=(--java-options "--add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED"
  --java-options "--add-exports=javafx.controls/com.sun.javafx.scene.control.behavior=ALL-UNNAMED"
  --java-options "--add-opens=javafx.controls/javafx.scene.control.skin=ALL-UNNAMED"
  --java-options "--add-exports=javafx.graphics/com.sun.javafx.scene=ALL-UNNAMED"
  --java-options "-Xmx1g")

COMMON=(--dest "$OUT" --input "$OUT/input" --main-jar "pgpulse-$VERSION.jar" --main-class io.pgpulse.Main
  --runtime-image "$OUT/runtime" --name PgPulse --app-version "$VERSION" --vendor "PgPulse"
  --description "PostgreSQL health and query profiling" --copyright "PgPulse developers")

case "$OS" in
  linux)
    PLATFORM=(--icon assets/pgpulse-256.png)
    if [ "$TYPE" != app-image ]; then
      # jpackage cannot see the native libraries inside the JavaFX jars, so their packages are named here.
      if [ "$TYPE" = rpm ]; then DEPS="gtk3, mesa-libGL, libXtst"; else DEPS="libgtk-3-0, libgl1, libxtst6"; fi
      PLATFORM+=(--linux-package-name pgpulse --linux-package-deps "$DEPS" --linux-shortcut
        --linux-menu-group "Development" --linux-app-category database --install-dir /opt)
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
"$JPACKAGE" --type "$TYPE" "${COMMON[@]}" "${JAVA_OPTIONS[@]}" "${PLATFORM[@]}"
echo "== Built in $(( $(date +%s) - start )) s (jpackage only):"
ls -la "$OUT" | grep -vE " (input|fx|runtime)$"
