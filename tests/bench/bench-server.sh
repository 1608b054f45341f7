#!/usr/bin/env bash
# A shop of a million contacts on a PostgreSQL server, each case the median of several runs
# next to a baseline measured in the same run:
#   move-to of the shop file onto an empty server ≤ 60 s    (baseline: the contacts alone,
#                                                             sqlite3 | psql COPY by hand)
#   first open of the server's shop, making the copy        (baseline: the contacts alone,
#                                                             psql COPY | sqlite3 .import)
#   a later open, bringing the copy up to date              (baseline: opening the shop file)
#   all KPIs of a month ≤ 50 ms, of a year ≤ 400 ms          (baseline: the same KPI queries
#                                                             written by hand, in psql against
#                                                             the server: kpis-hand-pg.sql.in)
#   the Log's first page ≤ 300 ms                           (baseline: the same on the file)
#     and, with a display or Xvfb, the Log page from opening the shop to its first rows
#     painted (bench-log-page)
#   one contact saved ≤ 20 ms                               (baseline: the same on the file)
#
#   tests/bench/bench-server.sh BUILD_DIR
#
# Runs inside pg_virtualenv (started here when PGPORT is not set: a throwaway cluster, fsync
# off).  SP_BENCH_CONTACTS (1000000), SP_BENCH_RUNS (7: the quick cases), SP_BENCH_HEAVY_RUNS
# (3: move-to and the first open, minutes each at a million), SP_BENCH_SAVES (51),
# SP_BENCH_DATA (BUILD_DIR/bench-data: the database made by `demo`, shared with the kpis
# benchmark, is kept there).
set -euo pipefail

if [ -z "${PGPORT:-}" ]; then
  if ! command -v pg_virtualenv >/dev/null 2>&1; then
    echo "bench-server needs pg_virtualenv (postgresql-common) and a PostgreSQL server" >&2
    exit 2
  fi
  # -t: a cluster of its own in a temporary folder, even as root
  exec pg_virtualenv -t -o fsync=off -o shared_buffers=256MB "$0" "$@"
fi

build=$(cd "${1:?usage: bench-server.sh BUILD_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
bench=$build/tests/bench/bench-server
app=$build/src/service-pulse
contacts=${SP_BENCH_CONTACTS:-1000000}
runs=${SP_BENCH_RUNS:-7}
heavy=${SP_BENCH_HEAVY_RUNS:-3}
saves=${SP_BENCH_SAVES:-51}
data=${SP_BENCH_DATA:-$build/bench-data}
db=$data/demo-$contacts.db

[ "$runs" -ge 5 ] || runs=5
[ "$heavy" -ge 1 ] || heavy=1
mkdir -p "$data"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the copies of the server's shop are kept here, not in the user's cache
export XDG_CACHE_HOME=$work/cache
mkdir -p "$XDG_CACHE_HOME"

now () { date +%s.%N; }
ms_since () { echo "($(now) - $1) * 1000" | bc; }
median () { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
psql_q () { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

if [ ! -f "$db" ]; then
  echo "Generating $db (demo --contacts $contacts) …"
  rm -f "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
  start=$(now)
  "$app" --db "$db.tmp" demo --contacts "$contacts" --seed 1 >/dev/null
  mv "$db.tmp" "$db"
  printf 'generated in %.1f s\n' "$(echo "$(now) - $start" | bc)"
fi
# one made by an older version is brought up to date (the app keeps a copy of it first)
"$app" --db "$db" kpis --from 2000-01-01 --to 2000-01-01 >/dev/null

echo "Shop file: $db ($(du -h "$db" | cut -f1))"
echo "Server: PostgreSQL $(psql_q -Atc 'SHOW server_version' postgres) on port $PGPORT"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# The contacts' columns, for the baselines that move them by hand
columns=$(sqlite3 "$db" "SELECT group_concat(name, ', ') FROM pragma_table_info('contacts')")
plain_table=$(sqlite3 "$db" "SELECT 'CREATE TABLE plain (' || group_concat(name || ' ' ||
  CASE upper(type) WHEN 'INTEGER' THEN 'bigint' WHEN 'REAL' THEN 'float8' ELSE 'text' END,
  ', ') || ')' FROM pragma_table_info('contacts')")

declare -A value base

# ---- move-to ----
shop=
for i in $(seq 1 "$heavy"); do
  name=sp_bench_$i
  psql_q -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" postgres
  "$app" --db "postgresql:///$name" setup-server >/dev/null
  start=$(now)
  "$app" --db "$db" move-to "postgresql:///$name" >/dev/null
  t=$(ms_since "$start")
  echo "move-to run $i: $(printf '%.0f' "$t") ms"
  echo "$t" >>"$work/move"
  [ -n "$shop" ] && psql_q -c "DROP DATABASE $shop" postgres
  shop=$name
done
uri=postgresql:///$shop

for i in $(seq 1 "$heavy"); do
  psql_q -c "DROP DATABASE IF EXISTS sp_bench_hand" -c "CREATE DATABASE sp_bench_hand" postgres
  psql_q -c "$plain_table" sp_bench_hand
  start=$(now)
  sqlite3 -csv "$db" "SELECT $columns FROM contacts" |
    psql_q -c "\\copy plain FROM STDIN WITH (FORMAT csv)" sp_bench_hand
  t=$(ms_since "$start")
  echo "by hand, sqlite3 | psql COPY of the contacts, run $i: $(printf '%.0f' "$t") ms"
  echo "$t" >>"$work/move-hand"
done
psql_q -c "DROP DATABASE sp_bench_hand" postgres
value[move-to]=$(median <"$work/move")
base[move-to]=$(median <"$work/move-hand")

# ---- opening ----
for i in $(seq 1 "$heavy"); do
  rm -rf "$XDG_CACHE_HOME/service-pulse"
  t=$("$bench" "$uri" open)
  echo "first open run $i: $t ms"
  echo "$t" >>"$work/first"

  rm -f "$work/hand.db"
  sqlite3 "$work/hand.db" "${plain_table/plain/plain_copy}"
  start=$(now)
  psql_q -c "\\copy (SELECT $columns FROM contacts) TO STDOUT WITH (FORMAT csv)" "$shop" |
    sqlite3 "$work/hand.db" ".mode csv" ".import /dev/stdin plain_copy"
  t=$(ms_since "$start")
  echo "by hand, psql COPY | sqlite3 .import of the contacts, run $i: $(printf '%.0f' "$t") ms"
  echo "$t" >>"$work/first-hand"
done
rm -f "$work/hand.db"
value["first open"]=$(median <"$work/first")
base["first open"]=$(median <"$work/first-hand")

# each later open has a change by another computer to fetch: one contact changed on the server
for i in $(seq 1 "$runs"); do
  psql_q -c "UPDATE contacts SET note = 'changed elsewhere $i'
             WHERE id = (SELECT max (id) FROM contacts)" "$shop"
  "$bench" "$uri" open >>"$work/later"
  "$bench" "$db" open >>"$work/later-file"
done
value["later open"]=$(median <"$work/later")
base["later open"]=$(median <"$work/later-file")
echo "later open: $(tr '\n' ' ' <"$work/later")ms; the file: $(tr '\n' ' ' <"$work/later-file")ms"

# ---- KPIs ----
declare -A v
while IFS='=' read -r key val; do
  v[$key]=$val
done < <("$bench" "$uri" periods)
echo "month ${v[MONTH_FROM]}..${v[MONTH_TO]}, year ${v[YEAR_FROM]}..${v[YEAR_TO]}"

# Runs the hand-written KPI queries in psql RUNS + 1 times (the first warms up) and prints
# the median of the summed statement times, in ms
time_psql () {
  local buckets=$1 sql i
  sql=$(sed -e "s|@BUCKETS@|$buckets|g" -e "s|@NOW@|${v[NOW]}|g" \
            -e "s|@SPLIT_DAY@|${v[SPLIT_DAY]}|g" -e "s|@SPLIT_TIME@|${v[SPLIT_TIME]}|g" \
            -e "s|@TARGET_urgent@|${v[TARGET_urgent]}|g" -e "s|@TARGET_high@|${v[TARGET_high]}|g" \
            -e "s|@TARGET_normal@|${v[TARGET_normal]}|g" -e "s|@TARGET_low@|${v[TARGET_low]}|g" \
            "$here/kpis-hand-pg.sql.in")
  for i in $(seq 0 "$runs"); do
    printf '\\o /dev/null\n%s\n' "$sql" | psql -X -q -v ON_ERROR_STOP=1 -f - "$shop" |
      awk '/^Time:/ { s += $2 } END { printf "%.2f\n", s }' |
      { [ "$i" -eq 0 ] && cat >/dev/null || cat; }
  done | median
}

while read -r name med min max cpu; do
  value["KPIs $name"]=$med
  echo "engine on the server's shop, $name: median $med ms (min $min, max $max; CPU $cpu ms)"
done < <("$bench" "$uri" kpis "$runs")
while read -r name med min max cpu; do
  echo "engine on the shop file, $name: median $med ms (min $min, max $max; CPU $cpu ms)"
done < <("$bench" "$db" kpis "$runs")
base["KPIs month"]=$(time_psql "${v[MONTH_BUCKETS]}")
base["KPIs year"]=$(time_psql "${v[YEAR_BUCKETS]}")
echo "by hand in psql: month ${base[KPIs month]} ms, year ${base[KPIs year]} ms"

# ---- the Log's first page ----
read -r _ med min max _ < <("$bench" "$uri" page "$runs")
value["Log first page"]=$med
echo "Log's first page on the server's shop: median $med ms (min $min, max $max)"
read -r _ med min max _ < <("$bench" "$db" page "$runs")
base["Log first page"]=$med
echo "Log's first page on the shop file: median $med ms (min $min, max $max)"

# ---- the Log page on screen: from opening the shop to its first rows painted ----
log_page () {
  "$build/tests/bench/bench-log-page" --db "$1" --runs 5 --steps 10 |
    sed -n 's/^median  first rows \([0-9.]*\) ms,.*$/\1/p'
}
if [ -x "$build/tests/bench/bench-log-page" ] && command -v Xvfb >/dev/null 2>&1; then
  . "$here/../../build-aux/setup.sh"
  sp_ensure_display
  # it stops its Xvfb on exit in a trap of its own, which took the place of the one above
  [ -n "${SP_XVFB_PID:-}" ] && trap 'kill "$SP_XVFB_PID" 2>/dev/null; rm -rf "$work"' EXIT
  export GSETTINGS_BACKEND=memory GSK_RENDERER=cairo GDK_BACKEND=x11 NO_AT_BRIDGE=1
  value["Log first rows"]=$(log_page "$uri")
  base["Log first rows"]=$(log_page "$db")
  echo "Log page, opening to first rows painted: the server's shop ${value["Log first rows"]} ms," \
       "the shop file ${base["Log first rows"]} ms (medians of 5)"
fi

# ---- one save ----
read -r _ med min max _ < <("$bench" "$uri" save "$saves")
value[save]=$med
echo "save on the server's shop: median $med ms (min $min, max $max) of $saves"
cp "$db" "$work/save.db"
read -r _ med min max _ < <("$bench" "$work/save.db" save "$saves")
base[save]=$med
echo "save on a copy of the shop file: median $med ms (min $min, max $max) of $saves"
rm -f "$work/save.db"*

# ---- the table ----
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-15s %11s  %-34s %11s %7s %9s  %s\n' case median_ms baseline baseline_ms ratio limit_ms \
  result
status=0
row () {
  local name=$1 label=$2 limit=$3 result=-
  local ratio
  ratio=$(awk -v a="${value[$name]}" -v b="${base[$name]}" 'BEGIN { printf "%.2f", a / b }')
  if [ "$limit" != - ]; then
    if [ "$(echo "${value[$name]} <= $limit" | bc)" -eq 1 ]; then
      result=ok
    else
      result=OVER
      status=1
    fi
  fi
  printf '%-15s %11.1f  %-34s %11.1f %7s %9s  %s\n' "$name" "${value[$name]}" "$label" \
    "${base[$name]}" "$ratio" "$limit" "$result"
}
row "move-to" "contacts, sqlite3 | psql COPY" 60000
row "first open" "contacts, psql COPY | sqlite3" -
row "later open" "opening the shop file" -
row "KPIs month" "hand-written SQL in psql" 50
row "KPIs year" "hand-written SQL in psql" 400
row "Log first page" "the same on the shop file" 300
[ -n "${value["Log first rows"]:-}" ] && row "Log first rows" "the same on the shop file" 300
row "save" "the same on the shop file" 20
exit $status
