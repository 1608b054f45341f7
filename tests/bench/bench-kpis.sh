#!/usr/bin/env bash
# The KPI engine at a million contacts:
#   all KPIs of one month ≤ 50 ms, of a year ≤ 400 ms, a 12-month trend ≤ 500 ms,
#   each within 1.5 × the same figures computed by hand-written SQL in the sqlite3 shell;
#   plus the database's size and the peak memory of `service-pulse kpis`.
#
#   tests/bench/bench-kpis.sh BUILD_DIR
#
# SP_BENCH_CONTACTS (1000000), SP_BENCH_RUNS (7, at least 5), SP_BENCH_DATA (BUILD_DIR/bench-data:
# the generated database is kept there between runs).
set -euo pipefail

build=$(cd "${1:?usage: bench-kpis.sh BUILD_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
bench=$build/tests/bench/bench-kpis
app=$build/src/service-pulse
contacts=${SP_BENCH_CONTACTS:-1000000}
runs=${SP_BENCH_RUNS:-7}
data=${SP_BENCH_DATA:-$build/bench-data}
db=$data/demo-$contacts.db

[ "$runs" -ge 5 ] || runs=5
mkdir -p "$data"

if [ ! -f "$db" ]; then
  echo "Generating $db (demo --contacts $contacts) …"
  rm -f "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
  start=$(date +%s.%N)
  "$app" --db "$db.tmp" demo --contacts "$contacts" --seed 1 >/dev/null
  mv "$db.tmp" "$db"
  printf 'generated in %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"
fi

# one made by an older version is brought up to date (the app keeps a copy of it first)
"$app" --db "$db" kpis --from 2000-01-01 --to 2000-01-01 >/dev/null

declare -A v
while IFS='=' read -r key value; do
  v[$key]=$value
done < <("$bench" "$db" periods)

median () {
  sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

# Runs a template through the sqlite3 shell RUNS + 1 times (the first warms up) and prints
# the median of the summed statement times, in ms: wall time, or with "cpu" user + sys
time_sql () {
  local template=$1 buckets=$2 what=${3:-wall} sql i
  sql=$(sed -e "s|@BUCKETS@|$buckets|g" -e "s|@NOW@|${v[NOW]}|g" \
            -e "s|@SPLIT_DAY@|${v[SPLIT_DAY]}|g" -e "s|@SPLIT_TIME@|${v[SPLIT_TIME]}|g" \
            -e "s|@TARGET_urgent@|${v[TARGET_urgent]}|g" -e "s|@TARGET_high@|${v[TARGET_high]}|g" \
            -e "s|@TARGET_normal@|${v[TARGET_normal]}|g" -e "s|@TARGET_low@|${v[TARGET_low]}|g" \
            "$template")
  for i in $(seq 0 "$runs"); do
    printf '%s\n' "$sql" | sqlite3 "$db" |
      awk -v what="$what" '/^Run Time:/ { s += (what == "cpu") ? $6 + $8 : $4 }
                           END { printf "%.1f\n", s * 1000 }' |
      { [ "$i" -eq 0 ] && cat >/dev/null || cat; }
  done | median
}

echo "Database: $db"
printf 'size: %s bytes (%s)\n' "$(stat -c %s "$db")" "$(du -h "$db" | cut -f1)"
sqlite3 "$db" "SELECT 'contacts: ' || (SELECT count(*) FROM contacts) || ', survey answers: ' ||
               (SELECT count(*) FROM surveys) || ', day-total rows: ' ||
               (SELECT count(*) FROM kpi_days) || ' + ' || (SELECT count(*) FROM survey_days) ||
               ', month-total rows: ' || (SELECT count(*) FROM kpi_months) || ' + ' ||
               (SELECT count(*) FROM survey_months) || ', hour rows: ' ||
               (SELECT count(*) FROM contact_hours) || ', resolved rows: ' ||
               (SELECT count(*) FROM resolved_days) || ' + ' ||
               (SELECT count(*) FROM resolved_months)"
echo "month ${v[MONTH_FROM]}..${v[MONTH_TO]}, year ${v[YEAR_FROM]}..${v[YEAR_TO]}," \
     "trend ${v[TREND_FROM]}..${v[TREND_TO]} by month; medians of $runs runs"
echo

declare -A engine engine_cpu hand hand_cpu raw
while read -r name med min max cpu; do
  engine[$name]=$med
  engine_cpu[$name]=$cpu
  echo "engine  $name: median $med ms (min $min, max $max; CPU $cpu ms)"
done < <("$bench" "$db" time "$runs")

for name in month year trend12; do
  case $name in month) b=${v[MONTH_BUCKETS]} ;; year) b=${v[YEAR_BUCKETS]} ;;
                trend12) b=${v[TREND_BUCKETS]} ;; esac
  hand[$name]=$(time_sql "$here/kpis-hand.sql.in" "$b")
  hand_cpu[$name]=$(time_sql "$here/kpis-hand.sql.in" "$b" cpu)
  echo "sqlite3 $name: median ${hand[$name]} ms (CPU ${hand_cpu[$name]} ms)"
done
raw[month]=$(time_sql "$here/kpis-raw.sql.in" "${v[MONTH_BUCKETS]}")
raw[year]=$(time_sql "$here/kpis-raw.sql.in" "${v[YEAR_BUCKETS]}")

rss () {
  /usr/bin/time -v "$app" --db "$db" kpis --from "$1" --to "$2" --json 2>&1 >/dev/null |
    awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }'
}
rss_month=$(rss "${v[MONTH_FROM]}" "${v[MONTH_TO]}")
rss_year=$(rss "${v[YEAR_FROM]}" "${v[YEAR_TO]}")

echo
printf '%-8s %10s %10s %7s %9s %8s  %s\n' case engine_ms sql_ms ratio cpu_ratio limit_ms result
status=0
for name in month year trend12; do
  case $name in month) limit=50 ;; year) limit=400 ;; trend12) limit=500 ;; esac
  ratio=$(echo "scale=2; ${engine[$name]} / ${hand[$name]}" | bc)
  cpu_ratio=$(echo "scale=2; ${engine_cpu[$name]} / ${hand_cpu[$name]}" | bc)
  ok=$(echo "${engine[$name]} <= $limit && $ratio <= 1.5" | bc)
  [ "$ok" -eq 1 ] && result=ok || { result=OVER; status=1; }
  printf '%-8s %10s %10s %7s %9s %8s  %s\n' "$name" "${engine[$name]}" "${hand[$name]}" \
    "$ratio" "$cpu_ratio" "$limit" "$result"
done
echo
echo "for comparison, the contacts' KPIs straight from the contacts (one pass, no day totals):"
echo "  month ${raw[month]} ms, year ${raw[year]} ms"
echo "peak memory of 'service-pulse kpis --json': month ${rss_month} KB, year ${rss_year} KB"
exit $status
