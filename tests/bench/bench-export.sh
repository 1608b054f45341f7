#!/usr/bin/env bash
# The Excel export at 100,000 contacts:
#   the workbook of every contact (and its survey answers) in at most 1.5 s and 100 MB of
#   peak memory, and in at most 1.1 × the time of a bare libxlsxwriter program that writes
#   the same cells of the data sheets (tests/bench/bench-export.c, run in the same way);
#   and at least 3 × faster than LibreOffice converting the same workbook to ODS (when
#   LibreOffice is installed), both timed as whole commands.
#
#   tests/bench/bench-export.sh BUILD_DIR
#
# SP_BENCH_CONTACTS (100000), SP_BENCH_RUNS (7, at least 5), SP_BENCH_ODS_RUNS (3: LibreOffice
# takes long), SP_BENCH_DATA (BUILD_DIR/bench-data:
# the generated database is kept there between runs, and the workbooks are written there).
set -euo pipefail

build=$(cd "${1:?usage: bench-export.sh BUILD_DIR}" && pwd)
bench=$build/tests/bench/bench-export
app=$build/src/service-pulse
contacts=${SP_BENCH_CONTACTS:-100000}
runs=${SP_BENCH_RUNS:-7}
ods_runs=${SP_BENCH_ODS_RUNS:-3}
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

declare -A v
while IFS='=' read -r key value; do
  v[$key]=$value
done < <("$bench" "$db" period)
[ -n "${v[FROM]:-}" ] || { echo "bench-export: no period in $db" >&2; exit 1; }

median () {
  sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

# One run of bench-export in its own process: "ms cpu_ms rows peak_kb".  Each writes a new
# file: replacing one makes the export wait for the disk first (sp-export-file.c)
run () {
  local out
  rm -f "$data/export-$1.xlsx"
  out=$( { /usr/bin/time -f 'PEAK %M' "$bench" "$db" "$1" "$data/export-$1.xlsx"; } 2>&1 )
  echo "$(echo "$out" | grep -v '^PEAK') $(echo "$out" | awk '/^PEAK/ { print $2 }')"
}

echo "Database: $db"
sqlite3 "$db" "SELECT 'contacts: ' || (SELECT count(*) FROM contacts) || ', survey answers: ' ||
               (SELECT count(*) FROM surveys)"
echo "period ${v[FROM]}..${v[TO]} (every contact); medians of $runs runs after a warm-up;" \
     "the two programs take turns"
echo

run ours >/dev/null
run bare >/dev/null
: > "$data/ours.runs"
: > "$data/bare.runs"
for i in $(seq "$runs"); do
  run ours >> "$data/ours.runs"
  run bare >> "$data/bare.runs"
done

rows=$(awk '{ print $3; exit }' "$data/ours.runs")
ours_ms=$(awk '{ print $1 }' "$data/ours.runs" | median)
ours_cpu=$(awk '{ print $2 }' "$data/ours.runs" | median)
ours_kb=$(awk '{ print $4 }' "$data/ours.runs" | sort -n | tail -1)
bare_ms=$(awk '{ print $1 }' "$data/bare.runs" | median)
bare_cpu=$(awk '{ print $2 }' "$data/bare.runs" | median)
bare_kb=$(awk '{ print $4 }' "$data/bare.runs" | sort -n | tail -1)

# the command as people run it, for its peak memory and its wall time
cli_kb=$(/usr/bin/time -f '%M' "$app" --db "$db" export-xlsx "$data/export-cli.xlsx" \
           --from "${v[FROM]}" --to "${v[TO]}" 2>&1 >/dev/null | tail -1)
: > "$data/cli.runs"
for i in $(seq "$ods_runs"); do
  rm -f "$data/export-cli.xlsx"
  start=$(date +%s%N)
  "$app" --db "$db" export-xlsx "$data/export-cli.xlsx" --from "${v[FROM]}" --to "${v[TO]}" \
    >/dev/null
  echo $(( ($(date +%s%N) - start) / 1000000 )) >> "$data/cli.runs"
done
cli_ms=$(median < "$data/cli.runs")

# LibreOffice converting the same workbook to ODS, headless, with a profile of its own
# (made by a first conversion that is not counted)
soffice=$(command -v soffice || command -v libreoffice || true)
ods_ms=""
if [ -n "$soffice" ]; then
  profile="file://$data/lo-profile"
  convert () {
    rm -rf "$data/ods"
    "$soffice" --headless --norestore --nolockcheck "-env:UserInstallation=$profile" \
      --convert-to ods --outdir "$data/ods" "$data/export-ours.xlsx" >/dev/null 2>&1
    [ -s "$data/ods/export-ours.ods" ]
  }
  if convert; then
    : > "$data/ods.runs"
    for i in $(seq "$ods_runs"); do
      start=$(date +%s%N)
      convert
      echo $(( ($(date +%s%N) - start) / 1000000 )) >> "$data/ods.runs"
    done
    ods_ms=$(median < "$data/ods.runs")
  else
    echo "LibreOffice could not convert the workbook; its comparison is left out" >&2
  fi
fi

ratio=$(echo "scale=2; $ours_ms / $bare_ms" | bc)
cpu_ratio=$(echo "scale=2; $ours_cpu / $bare_cpu" | bc)
peak_mb=$(echo "scale=1; $cli_kb / 1024" | bc)

printf 'rows written: %s; workbook: %s bytes\n' "$rows" "$(stat -c %s "$data/export-ours.xlsx")"
printf '%-26s %10s %10s %12s\n' "" wall_ms cpu_ms peak_kb
printf '%-26s %10s %10s %12s\n' "export (sp_xlsx_export)" "$ours_ms" "$ours_cpu" "$ours_kb"
printf '%-26s %10s %10s %12s\n' "bare libxlsxwriter" "$bare_ms" "$bare_cpu" "$bare_kb"
printf '%-26s %10s %10s %12s\n' "service-pulse export-xlsx" "$cli_ms" "" "$cli_kb"
if [ -n "$ods_ms" ]; then
  printf '%-26s %10s\n' "LibreOffice: xlsx to ods" "$ods_ms"
fi
echo

status=0
check () {
  local what=$1 value=$2 limit=$3
  if [ "$(echo "$value <= $limit" | bc)" -eq 1 ]; then
    printf '%-34s %8s (limit %s)  ok\n' "$what" "$value" "$limit"
  else
    printf '%-34s %8s (limit %s)  OVER\n' "$what" "$value" "$limit"
    status=1
  fi
}
check "export wall time, ms" "$ours_ms" 1500
check "export / bare, wall time" "$ratio" 1.1
check "peak memory of export-xlsx, MB" "$peak_mb" 100
if [ -n "$ods_ms" ]; then
  # the export must be at least 3 × faster: its share of LibreOffice's time at most 1/3
  ods_ratio=$(echo "scale=2; $ods_ms / $cli_ms" | bc)
  share=$(echo "scale=3; $cli_ms / $ods_ms" | bc)
  check "export-xlsx / LibreOffice to ODS" "$share" 0.333
  echo "LibreOffice to ODS / export-xlsx, wall time: ${ods_ratio} × (at least 3 ×)"
fi
echo "export / bare, CPU time: $cpu_ratio (other programs on a shared machine do not inflate it)"
exit $status
