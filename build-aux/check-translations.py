#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the gettext catalogues in po/.

  check-translations.py msgfmt FILE.po
      msgfmt --check passes, with no fuzzy and no untranslated message.
  check-translations.py potfiles SOURCE-ROOT
      every file under src/ and ui/ with a translatable string is listed in
      po/POTFILES.in, and every listed file exists.
  check-translations.py current SOURCE-ROOT LANG
      po/LANG.po translates every message that the sources contain now
      (extracted with xgettext, as the moat-pot target does).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

# The arguments of meson's i18n.gettext(preset: 'glib') for xgettext.
XGETTEXT_ARGS = [
    "--from-code=UTF-8",
    "--add-comments",
    "--keyword=_",
    "--keyword=N_",
    "--keyword=C_:1c,2",
    "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2",
    "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format",
    "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format",
    "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]

# A call of a gettext macro, or a translatable attribute in a GtkBuilder file.
TRANSLATABLE = re.compile(r'(?<![A-Za-z0-9_])(?:N?C?_|[A-Za-z0-9_]*gettext[0-9]?)\s*\(|'
                          r'translatable="yes"')
SCANNED_DIRS = ("src", "ui")
SCANNED_SUFFIXES = (".c", ".h", ".ui")

STATISTICS = re.compile(r"(\d+) (translated|fuzzy|untranslated)")


def run_tool(args, **kwargs):
    if shutil.which(args[0]) is None:
        raise SystemExit(f"{args[0]} not found: install gettext, or run build-aux/dev test")
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def statistics(po_path):
    """Return (translated, fuzzy, untranslated, errors) as msgfmt --check reports them."""
    result = run_tool(["msgfmt", "--check", "--statistics", "-o", os.devnull, po_path],
                      env=dict(os.environ, LC_ALL="C"))
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, kind in STATISTICS.findall(result.stderr):
        counts[kind] = int(number)

    errors = "" if result.returncode == 0 else result.stderr.strip()
    return counts["translated"], counts["fuzzy"], counts["untranslated"], errors


def list_messages(po_path, attribute_option):
    """Return the msgids that msgattrib selects with the given option."""
    result = run_tool(["msgattrib", attribute_option, "--no-wrap", "--no-location", po_path])
    return re.findall(r'^msgid "(.+)"$', result.stdout, re.MULTILINE)


def check_msgfmt(po_path):
    translated, fuzzy, untranslated, errors = statistics(po_path)
    if errors:
        print(f"{po_path}: msgfmt --check failed:\n{errors}", file=sys.stderr)
        return 1

    if fuzzy or untranslated:
        print(f"{po_path}: {fuzzy} fuzzy and {untranslated} untranslated messages; "
              "translate them and remove the fuzzy flags:", file=sys.stderr)
        for msgid in list_messages(po_path, "--only-fuzzy"):
            print(f"  fuzzy: {msgid}", file=sys.stderr)
        for msgid in list_messages(po_path, "--untranslated"):
            print(f"  untranslated: {msgid}", file=sys.stderr)
        return 1

    if translated == 0:
        print(f"{po_path}: no translated messages", file=sys.stderr)
        return 1

    print(f"{po_path}: {translated} messages, all translated")
    return 0


def read_potfiles(source_root):
    with open(os.path.join(source_root, "po", "POTFILES.in"), encoding="utf-8") as f:
        lines = (line.strip() for line in f)
        return [line for line in lines if line and not line.startswith("#")]


def check_potfiles(source_root):
    listed = read_potfiles(source_root)
    problems = [f"{path}: listed in po/POTFILES.in but does not exist"
                for path in listed if not os.path.isfile(os.path.join(source_root, path))]

    for directory in SCANNED_DIRS:
        for parent, _, names in os.walk(os.path.join(source_root, directory)):
            for name in sorted(names):
                if not name.endswith(SCANNED_SUFFIXES):
                    continue
                path = os.path.join(parent, name)
                relative = os.path.relpath(path, source_root)
                with open(path, encoding="utf-8", errors="replace") as f:
                    if TRANSLATABLE.search(f.read()) and relative not in listed:
                        problems.append(f"{relative}: has translatable strings but is "
                                        "missing from po/POTFILES.in")

    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1

    print(f"po/POTFILES.in lists all {len(listed)} files with translatable strings")
    return 0


def check_current(source_root, language):
    po_path = os.path.join(source_root, "po", language + ".po")

    with tempfile.TemporaryDirectory(prefix="moat-po-") as scratch:
        files_from = os.path.join(scratch, "POTFILES")
        with open(files_from, "w", encoding="utf-8") as f:
            f.write("\n".join(read_potfiles(source_root)) + "\n")

        template = os.path.join(scratch, "moat.pot")
        result = run_tool(["xgettext", "--package-name=moat", f"--directory={source_root}",
                           f"--files-from={files_from}", f"--output={template}",
                           *XGETTEXT_ARGS])
        if result.returncode != 0:
            print(f"xgettext failed:\n{result.stderr.strip()}", file=sys.stderr)
            return 1

        merged = os.path.join(scratch, language + ".po")
        result = run_tool(["msgmerge", "--quiet", "--no-fuzzy-matching", f"--output-file={merged}",
                           po_path, template])
        if result.returncode != 0:
            print(f"msgmerge failed:\n{result.stderr.strip()}", file=sys.stderr)
            return 1

        missing = list_messages(merged, "--untranslated")
        if missing:
            print(f"{po_path}: {len(missing)} messages in the sources are not translated; "
                  "run 'meson compile -C _build moat-update-po' and translate them:",
                  file=sys.stderr)
            for msgid in missing:
                print(f"  {msgid}", file=sys.stderr)
            return 1

    print(f"{po_path}: translates every message in the sources")
    return 0


def main():
    usage = f"usage: {sys.argv[0]} msgfmt FILE.po | potfiles SOURCE-ROOT | current SOURCE-ROOT LANG"
    args = sys.argv[1:]

    if len(args) == 2 and args[0] == "msgfmt":
        return check_msgfmt(args[1])
    if len(args) == 2 and args[0] == "potfiles":
        return check_potfiles(args[1])
    if len(args) == 3 and args[0] == "current":
        return check_current(args[1], args[2])

    print(usage, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
