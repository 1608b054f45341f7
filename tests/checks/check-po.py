#!/usr/bin/env python3
# Every language of po/LINGUAS: compiles with msgfmt --check, is translated
# whole (no fuzzy, no untranslated, no msgid of the sources missing), and
# keeps the placeholders of each msgid (printf conversions, positional or not,
# and the date patterns of g_date_time_format).
#   check-po.py TOP_SRCDIR
import os
import re
import subprocess
import sys
import tempfile

top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..')
po_dir = os.path.join(top, 'po')

with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
    languages = [w for line in f for w in line.split('#')[0].split()]

if not languages:
    print('po/LINGUAS names no language: nothing to check')
    sys.exit(77)

# The template as the sources stand now, with meson's glib preset
pot = tempfile.NamedTemporaryFile(suffix='.pot', delete=False).name
keywords = ['--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
            '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
            '--keyword=g_dpgettext2:2c,3', '--keyword=ngettext:1,2',
            '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format',
            '--flag=NC_:2:pass-c-format', '--flag=g_dngettext:2:pass-c-format',
            '--flag=g_strdup_printf:1:c-format', '--flag=g_string_printf:2:c-format',
            '--flag=g_string_append_printf:2:c-format', '--flag=g_error_new:3:c-format',
            '--flag=g_set_error:4:c-format', '--flag=g_markup_printf_escaped:1:c-format',
            '--flag=g_printerr:1:c-format', '--flag=g_print:1:c-format']
subprocess.run(['xgettext', '--from-code=UTF-8', '--add-comments', '--directory=' + top,
                '--files-from=' + os.path.join(po_dir, 'POTFILES.in'), '-o', pot] + keywords,
               check=True, stderr=subprocess.DEVNULL)


def entries(path):
    """(msgctxt, msgid, msgid_plural, [msgstr...], flags) of a .po file"""
    out = subprocess.run(['msgcat', '--no-wrap', '--no-location', path],
                         check=True, capture_output=True, text=True).stdout
    result = []
    for block in out.split('\n\n'):
        fields = {'msgctxt': None, 'msgid': None, 'msgid_plural': None}
        strs = []
        flags = ''
        current = None
        for line in block.splitlines():
            if line.startswith('#,'):
                flags = line
                continue
            if line.startswith('#'):
                continue
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                current = m.group(1)
                value = bytes(m.group(2), 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')
                if current.startswith('msgstr'):
                    strs.append(value)
                else:
                    fields[current] = value
            elif line.startswith('"') and current:
                value = bytes(line[1:-1], 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')
                if current.startswith('msgstr'):
                    strs[-1] += value
                else:
                    fields[current] = (fields[current] or '') + value
        if fields['msgid'] is None or fields['msgid'] == '':
            continue
        result.append((fields['msgctxt'], fields['msgid'], fields['msgid_plural'], strs, flags))
    return result


CONVERSION = re.compile(r'%(?:(\d+)\$)?[-+ #0\']*(?:\d+|\*)?(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t|q)?'
                        r'(?:PRI[diouxX](?:64|32)|[diouxXeEfFgGaAcspn%]|[A-Za-z])')


# g_date_time_format() patterns: "%-d %B %Y"
DATE_CONVERSION = re.compile(r'%[-_0^#]?O?[A-Za-z]')


def placeholders(text, flags=''):
    if 'c-format' in flags and 'no-c-format' not in flags:
        return sorted(m.group(0).replace(m.group(1) + '$', '') if m.group(1) else m.group(0)
                      for m in CONVERSION.finditer(text) if m.group(0) != '%%')
    if 'no-c-format' in flags:
        return []
    return sorted(DATE_CONVERSION.findall(text.replace('%%', '')))


template = {(c, i) for c, i, _p, _s, _f in entries(pot)}
status = 0

# Every message with a placeholder tells translators what goes in it
uncommented = []
out = subprocess.run(['msgcat', '--no-wrap', pot], check=True, capture_output=True,
                     text=True).stdout
for block in out.split('\n\n'):
    flags = next((l for l in block.splitlines() if l.startswith('#,')), '')
    if 'c-format' not in flags or 'no-c-format' in flags:
        continue
    if '#. TRANSLATORS' in block or '#. Translators' in block:
        continue
    where = next((l[3:].split()[0] for l in block.splitlines() if l.startswith('#:')), '?')
    msgid = next((l for l in block.splitlines() if l.startswith('msgid ')), '')
    uncommented.append(f'{where}: {msgid}')
if uncommented:
    status = 1
    print('Messages with placeholders but no TRANSLATORS: comment saying what goes in them:')
    for line in uncommented:
        print('  ' + line)

for lang in languages:
    path = os.path.join(po_dir, lang + '.po')
    problems = []
    check = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, path],
                           capture_output=True, text=True)
    if check.returncode != 0:
        problems.append(check.stderr.strip())
    stats = check.stderr.strip().splitlines()[-1] if check.stderr.strip() else ''
    if 'fuzzy' in stats or 'untranslated' in stats:
        problems.append('not translated whole: ' + stats)

    translated = {}
    for ctxt, msgid, plural, strs, flags in entries(path):
        translated[(ctxt, msgid)] = strs
        if 'fuzzy' in flags or not strs or any(s == '' for s in strs):
            continue
        want = placeholders(msgid, flags)
        allowed = [want] + ([placeholders(plural, flags)] if plural is not None else [])
        for n, s in enumerate(strs):
            got = placeholders(s, flags)
            if got in allowed:
                continue
            # the singular of a plural may say "one" instead of its count
            if plural is not None and n == 0 and set(got) <= set(want):
                continue
            problems.append(f'placeholders differ: {msgid!r} -> {s!r}')

    missing = sorted(i for c, i in template if (c, i) not in translated)
    for msgid in missing[:20]:
        problems.append(f'not in {lang}.po (run ninja -C _build service-pulse-update-po): {msgid!r}')
    if len(missing) > 20:
        problems.append(f'… and {len(missing) - 20} more msgids missing')

    if problems:
        status = 1
        print(f'po/{lang}.po:')
        for p in problems:
            print('  ' + p)
    else:
        print(f'po/{lang}.po: {stats}')

os.unlink(pot)
sys.exit(status)
