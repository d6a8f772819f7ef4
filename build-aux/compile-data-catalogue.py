#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compile one translation of the "moat-data" gettext domain.

  compile-data-catalogue.py LANG.po OUTPUT-FOLDER BUILD-LOCALE-FOLDER

Writes OUTPUT-FOLDER/LC_MESSAGES/moat-data.mo with `msgfmt --check`. meson
installs OUTPUT-FOLDER, named after the language, into the locale folder.
The same file is copied to BUILD-LOCALE-FOLDER/LANG/LC_MESSAGES, so that an
uninstalled program run with MOAT_LOCALEDIR=<build>/po finds it next to the
main domain's catalogue. A meson custom_target cannot write into a nested
folder of another build folder, so the copy is made here.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

DOMAIN = "moat-data"


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: compile-data-catalogue.py LANG.po OUTPUT-FOLDER BUILD-LOCALE-FOLDER")

    po_path = Path(sys.argv[1])
    output = Path(sys.argv[2])
    language = po_path.stem
    build_copy = Path(sys.argv[3]) / language / "LC_MESSAGES" / f"{DOMAIN}.mo"

    if shutil.which("msgfmt") is None:
        sys.exit("msgfmt not found: install gettext, or run build-aux/dev")

    mo_path = output / "LC_MESSAGES" / f"{DOMAIN}.mo"
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["msgfmt", "--check", "-o", str(mo_path), str(po_path)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{po_path}: msgfmt --check failed:\n{result.stderr.strip()}")

    build_copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(mo_path, build_copy)

    # ninja compares the output folder's time with the .po file's, and
    # rewriting a file inside the folder does not change the folder's time.
    os.utime(output)


if __name__ == "__main__":
    main()
