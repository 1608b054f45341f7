#!/bin/sh
# Runs build-aux/help-screenshots into a folder of the build tree and checks
# that it made every figure the help installs, each a PNG no wider than the
# viewer shows.  Usage: check-help-screenshots.sh TOP BUILD OUT FIGURE...
set -eu

top=$1 build=$2 out=$3
shift 3

for tool in xvfb-run xdotool import convert identify dbus-run-session; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed"
    exit 77
  fi
done

rm -rf "$out"
mkdir -p "$out"
"$top/build-aux/help-screenshots" "$build" "$out"

status=0
for figure in "$@"; do
  name=$(basename "$figure")
  if [ ! -s "$out/$name" ]; then
    echo "help-screenshots made no $name"
    status=1
  elif [ "$(identify -format '%m %w' "$out/$name")" != "PNG $(identify -format '%w' "$out/$name")" ] ||
       [ "$(identify -format '%w' "$out/$name")" -gt 900 ]; then
    echo "$name is not a PNG at most 900 pixels wide"
    status=1
  fi
done

exit $status
