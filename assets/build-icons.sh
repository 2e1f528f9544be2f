#!/usr/bin/env bash
# Regenerates every icon file from pgpulse-icon.svg. The outputs are committed, so building the
# app or the installers never needs these tools: apt-get install librsvg2-bin imagemagick icnsutils
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" pgpulse-icon.svg -o "pgpulse-${size}.png"
done
convert pgpulse-16.png pgpulse-24.png pgpulse-32.png pgpulse-48.png pgpulse-64.png pgpulse-256.png pgpulse.ico
png2icns pgpulse.icns pgpulse-16.png pgpulse-32.png pgpulse-128.png pgpulse-256.png pgpulse-512.png pgpulse-1024.png >/dev/null
mkdir -p ../src/main/resources/io/pgpulse/app
cp pgpulse-256.png ../src/main/resources/io/pgpulse/app/icon-256.png
cp pgpulse-64.png ../src/main/resources/io/pgpulse/app/icon-64.png
