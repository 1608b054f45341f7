#!/usr/bin/env bash
# Opening hours at a million contacts:
#   all KPIs of a month with a schedule within 1.2 × the same without one,
#   saving the hours (every contact's business durations and the totals again) ≤ 10 s,
#   saving one contact < 5 ms.
#
#   tests/bench/bench-hours.sh BUILD_DIR
#
# SP_BENCH_CONTACTS (1000000), SP_BENCH_RUNS (7, at least 5), SP_BENCH_DATA (BUILD_DIR/bench-data:
# the demo database is kept there between runs, shared with bench-kpis; this one works on a copy).
set -euo pipefail

build=$(cd "${1:?usage: bench-hours.sh BUILD_DIR}" && pwd)
bench=$build/tests/bench/bench-hours
app=$build/src/service-pulse
contacts=${SP_BENCH_CONTACTS:-1000000}
runs=${SP_BENCH_RUNS:-7}
data=${SP_BENCH_DATA:-$build/bench-data}
db=$data/demo-$contacts.db
copy=$data/hours-$contacts.db

[ "$runs" -ge 5 ] || runs=5
mkdir -p "$data"

if [ ! -f "$db" ]; then
  echo "Generating $db (demo --contacts $contacts) …"
  rm -f "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
  "$app" --db "$db.tmp" demo --contacts "$contacts" --seed 1 >/dev/null
  mv "$db.tmp" "$db"
fi

# brought up to date first, then copied while nothing has it open
"$app" --db "$db" kpis --from 2000-01-01 --to 2000-01-01 >/dev/null
rm -f "$copy" "$copy-wal" "$copy-shm"
cp "$db" "$copy"
trap 'rm -f "$copy" "$copy-wal" "$copy-shm"' EXIT

declare -A med
while read -r name m min max cpu; do
  med[$name]=$m
  echo "$name: median $m ms (min $min, max $max; CPU $cpu ms)"
done < <("$bench" "$copy" "$runs")

status=0
check () {
  local what=$1 ok=$2
  if [ "$ok" = 1 ]; then echo "PASS $what"; else echo "FAIL $what"; status=1; fi
}
for p in month running-month; do
  ratio=$(echo "scale=2; ${med[$p-open]} / ${med[$p-clock]}" | bc)
  echo "$p: with a schedule ${med[$p-open]} ms, without ${med[$p-clock]} ms, ratio $ratio"
done
ratio=$(echo "scale=2; ${med[month-open]} / ${med[month-clock]}" | bc)
check "a month's KPIs with a schedule ≤ 1.2 × without (ratio $ratio)" \
  "$(echo "$ratio <= 1.2" | bc)"
check "saving the hours ≤ 10000 ms (${med[save-hours]} ms)" \
  "$(echo "${med[save-hours]} <= 10000" | bc)"
check "saving one contact < 5 ms (${med[save-contact]} ms)" \
  "$(echo "${med[save-contact]} < 5" | bc)"
exit $status
