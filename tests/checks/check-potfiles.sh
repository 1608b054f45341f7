#!/bin/sh
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -eu

top=${1:-$(dirname "$0")/..}
cd "$top"

status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in names $f, which does not exist"
    status=1
  fi
done

marked=$( (grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' \
             --include='*.c' src 2>/dev/null || true;
           grep -rl 'translatable="yes"' --include='*.ui' src 2>/dev/null || true) | sort -u)

for f in $marked; do
  if ! printf '%s\n' "$listed" | grep -qx "$f"; then
    echo "$f has translatable strings but is missing from po/POTFILES.in"
    status=1
  fi
done

# Strings must reach translators whole: a macro such as G_GINT64_FORMAT inside
# a translatable string cuts it short (use PRId64, which xgettext knows)
if command -v xgettext >/dev/null 2>&1; then
  c_files=$(printf '%s\n' "$listed" | grep '\.c$' || true)
  # shellcheck disable=SC2086
  # meson's glib preset, and the C library's printf family
  warnings=$(xgettext --from-code=UTF-8 --language=C -o /dev/null \
               --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
               --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
               --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
               --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
               --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
               --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
               --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
               --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
               --flag=printf:1:c-format --flag=fprintf:2:c-format $c_files 2>&1 |
             grep -E 'not a valid C format string|used without plural and with plural' || true)
  if [ -n "$warnings" ]; then
    echo "Translatable strings that xgettext cuts short:"
    echo "$warnings"
    status=1
  fi
fi

[ $status -eq 0 ] && echo "po/POTFILES.in lists every file with translatable strings"
exit $status
