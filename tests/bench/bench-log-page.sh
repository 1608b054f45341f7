#!/usr/bin/env bash
# The Log page at a million contacts: first rows on screen ≤ 300 ms after the database
# is opened, and the memory growth while the list is scrolled from top to bottom < 50 MB.
#
#   tests/bench/bench-log-page.sh BUILD_DIR
#
# SP_BENCH_CONTACTS (1000000), SP_BENCH_RUNS (5, at least 5), SP_BENCH_STEPS (500: jumps from
# top to bottom), SP_BENCH_DATA (BUILD_DIR/bench-data: the database made by `demo`, shared with
# the kpis benchmark, is kept there).  Needs a display; starts Xvfb when there is none.
set -euo pipefail

build=$(cd "${1:?usage: bench-log-page.sh BUILD_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
bench=$build/tests/bench/bench-log-page
app=$build/src/service-pulse
contacts=${SP_BENCH_CONTACTS:-1000000}
runs=${SP_BENCH_RUNS:-5}
steps=${SP_BENCH_STEPS:-500}
data=${SP_BENCH_DATA:-$build/bench-data}
db=$data/demo-$contacts.db

[ "$runs" -ge 5 ] || runs=5
mkdir -p "$data"

if [ ! -f "$db" ]; then
  echo "Generating $db (demo --contacts $contacts) …"
  rm -f "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
  "$app" --db "$db.tmp" demo --contacts "$contacts" --seed 1 >/dev/null
  mv "$db.tmp" "$db"
fi

. "$here/../../build-aux/setup.sh"
sp_ensure_display

export GSETTINGS_BACKEND=memory GSK_RENDERER=cairo GDK_BACKEND=x11 NO_AT_BRIDGE=1

out=$("$bench" --db "$db" --runs "$runs" --steps "$steps")
printf '%s\n' "$out"

# medians: first rows ms, memory growth MB
read -r first growth < <(printf '%s\n' "$out" |
  sed -n 's/^median  first rows \([0-9.]*\) ms, .* memory growth \([0-9.]*\) MB$/\1 \2/p')

status=0
awk -v f="$first" 'BEGIN { exit !(f <= 300) }' || { echo "first rows over 300 ms"; status=1; }
awk -v g="$growth" 'BEGIN { exit !(g < 50) }' || { echo "memory growth not under 50 MB"; status=1; }
exit $status
