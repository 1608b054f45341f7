#!/usr/bin/env bash
# The monthly report at a million contacts: `service-pulse report FILE.pdf --month M`
# for the last whole month ≤ 1 s, the whole command as the owner runs it.  It also times the
# parts in one process (bench-report: load, layout, PDF) and gives the PDF's pages and size.
#
#   tests/bench/bench-report.sh BUILD_DIR
#
# SP_BENCH_CONTACTS (1000000), SP_BENCH_RUNS (7, at least 5), SP_BENCH_DATA (BUILD_DIR/bench-data,
# shared with the kpis benchmark: the generated database is kept there between runs).
set -euo pipefail

build=$(cd "${1:?usage: bench-report.sh BUILD_DIR}" && pwd)
bench=$build/tests/bench/bench-report
app=$build/src/service-pulse
contacts=${SP_BENCH_CONTACTS:-1000000}
runs=${SP_BENCH_RUNS:-7}
data=${SP_BENCH_DATA:-$build/bench-data}
db=$data/demo-$contacts.db
limit=1000

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

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

median () {
  sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

echo "Database: $db"
sqlite3 "$db" "SELECT 'contacts: ' || (SELECT count(*) FROM contacts) || ', survey answers: ' ||
               (SELECT count(*) FROM surveys) || ', agents: ' || (SELECT count(*) FROM agents)"

month=
while read -r name med min max cpu; do
  if [ "$name" = month ]; then
    month=$med
    echo "month $month; medians of $runs runs after a warm-up, in one process:"
    continue
  fi
  echo "  $name: median $med ms (min $min, max $max; CPU $cpu ms)"
done < <("$bench" "$db" "$runs")

# the command as the owner runs it: a new process each time, the PDF written and renamed
wall=()
cpu=()
for i in $(seq 0 "$runs"); do
  start=$(date +%s%N)
  times=$( { /usr/bin/time -f '%U %S %M' "$app" --db "$db" report "$out/report.pdf" \
             --month "$month" >/dev/null; } 2>&1 | tail -n 1)
  end=$(date +%s%N)
  [ "$i" -eq 0 ] && continue
  wall+=("$(( (end - start) / 1000000 ))")
  cpu+=("$(echo "$times" | awk '{ printf "%.0f", ($1 + $2) * 1000 }')")
  rss=$(echo "$times" | awk '{ print $3 }')
done

cli=$(printf '%s\n' "${wall[@]}" | median)
cli_cpu=$(printf '%s\n' "${cpu[@]}" | median)
pages=$(pdfinfo "$out/report.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }' || true)

echo
echo "service-pulse report --month $month: median $cli ms (CPU $cli_cpu ms), limit $limit ms"
echo "the PDF: ${pages:-?} pages, $(stat -c %s "$out/report.pdf") bytes; peak memory ${rss} KB"

if [ "$cli" -le "$limit" ]; then
  echo "report: ok"
else
  echo "report: OVER"
  exit 1
fi
