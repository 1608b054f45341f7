#!/bin/sh
# Fails when anything the owner reads names a file of the guides the
# benchmarks come from ("seeds/…") or speaks of "the articles": every
# translatable string (the po template's, window strings included), the
# desktop and metainfo files and the shipped benchmark bands cite a source
# by its title.
set -eu

top=${1:-$(dirname "$0")/..}
cd "$top"

status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
sources=$(printf '%s\n' "$listed" | grep -E '\.(c|ui)$' || true)

if command -v xgettext >/dev/null 2>&1; then
  # shellcheck disable=SC2086
  xgettext --from-code=UTF-8 -o "$tmp/template.pot" \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 $sources
  template="$tmp/template.pot"
else
  echo "xgettext is missing: checking the sources as they are"
  template=""
fi

for f in $template data/benchmarks.ini $(printf '%s\n' "$listed" | grep -vE '\.(c|ui)$'); do
  # comments in the data file are for developers, not for the owner
  found=$(grep -v '^[[:space:]]*#' "$f" | grep -inE 'seeds/|seeds[[:space:]]0|the articles' || true)
  if [ -n "$found" ]; then
    echo "$f names a file or \"the articles\" where a source's title belongs:"
    echo "$found"
    status=1
  fi
done

[ $status -eq 0 ] && echo "every source is cited by its title"
exit $status
