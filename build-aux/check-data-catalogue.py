#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that a translation of the "moat-data" domain covers its template.

  check-data-catalogue.py SOURCE-ROOT LANG

Merges po-data/LANG.po with po-data/moat-data.pot, without fuzzy matching,
and fails when a text of the template has no translation there. The
data-strings-current test keeps the template in step with data/stride.json
and data/rules/*.json, so together they fail when a new or changed English
text reaches the data files without a translation.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile


def run_tool(args):
    if shutil.which(args[0]) is None:
        sys.exit(f"{args[0]} not found: install gettext, or run build-aux/dev test")
    return subprocess.run(args, capture_output=True, text=True)


def list_messages(po_path, attribute_option):
    """Return the msgids that msgattrib selects with the given option."""
    result = run_tool(["msgattrib", attribute_option, "--no-wrap", "--no-location", po_path])
    if result.returncode != 0:
        sys.exit(f"msgattrib failed on {po_path}:\n{result.stderr.strip()}")
    return re.findall(r'^msgid "(.+)"$', result.stdout, re.MULTILINE)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: check-data-catalogue.py SOURCE-ROOT LANG")

    source_root, language = sys.argv[1], sys.argv[2]
    po_path = os.path.join(source_root, "po-data", language + ".po")
    template = os.path.join(source_root, "po-data", "moat-data.pot")

    for path in (po_path, template):
        if not os.path.isfile(path):
            sys.exit(f"{path} not found")

    with tempfile.TemporaryDirectory(prefix="moat-po-data-") as scratch:
        merged = os.path.join(scratch, language + ".po")
        result = run_tool(["msgmerge", "--quiet", "--no-fuzzy-matching",
                           f"--output-file={merged}", po_path, template])
        if result.returncode != 0:
            sys.exit(f"msgmerge failed:\n{result.stderr.strip()}")

        missing = list_messages(merged, "--untranslated")
        fuzzy = list_messages(merged, "--only-fuzzy")

    if missing or fuzzy:
        print(f"{po_path}: {len(missing)} texts of {template} are not translated and "
              f"{len(fuzzy)} are fuzzy; run msgmerge --update {po_path} {template}, "
              "translate them and remove the fuzzy flags:", file=sys.stderr)
        for msgid in missing:
            print(f"  untranslated: {msgid}", file=sys.stderr)
        for msgid in fuzzy:
            print(f"  fuzzy: {msgid}", file=sys.stderr)
        return 1

    print(f"{po_path}: translates every text of {template}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
