#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest offline.

flatpak-builder --show-manifest parses the manifest with flatpak-builder's own
reader, but it exits 0 on an unknown key and only warns on stderr, so any
stderr output is a failure here.  Then the sandbox permissions are compared
with the list below, so a new permission is a reviewed change of this file.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

# Wayland with an X11 fallback, shared memory for X11, and GPU rendering.
# Files are opened through the portal-backed GtkFileChooserNative, so there is
# no filesystem access.
EXPECTED_FINISH_ARGS = [
    "--socket=wayland",
    "--socket=fallback-x11",
    "--share=ipc",
    "--device=dri",
]


def main():
    if len(sys.argv) != 3:
        print(f"usage: {sys.argv[0]} MANIFEST APP-ID", file=sys.stderr)
        return 2
    path, app_id = sys.argv[1:]

    if shutil.which("flatpak-builder") is None:
        print("flatpak-builder not found: install it, or run build-aux/dev test",
              file=sys.stderr)
        return 1

    # flatpak-builder creates its state directory .flatpak-builder in the
    # working directory even for --show-manifest, so it runs in a scratch one.
    with tempfile.TemporaryDirectory(prefix="moat-flatpak-") as scratch:
        result = subprocess.run(["flatpak-builder", "--show-manifest", os.path.abspath(path)],
                                cwd=scratch, capture_output=True, text=True)
    if result.returncode != 0 or result.stderr.strip():
        print(f"{path}: flatpak-builder --show-manifest failed (exit {result.returncode}):\n"
              f"{result.stderr.strip()}", file=sys.stderr)
        return 1

    manifest = json.loads(result.stdout)
    problems = []

    if manifest.get("id") != app_id:
        problems.append(f"id is {manifest.get('id')!r}, expected {app_id!r}")
    if manifest.get("command") != "moat":
        problems.append(f"command is {manifest.get('command')!r}, expected 'moat'")

    finish_args = manifest.get("finish-args", [])
    if finish_args != EXPECTED_FINISH_ARGS:
        added = [arg for arg in finish_args if arg not in EXPECTED_FINISH_ARGS]
        removed = [arg for arg in EXPECTED_FINISH_ARGS if arg not in finish_args]
        problems.append(f"finish-args are {finish_args}, expected {EXPECTED_FINISH_ARGS} "
                        f"(added: {added}, missing: {removed}); if the change is intended, "
                        "update EXPECTED_FINISH_ARGS in this script")

    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    if problems:
        return 1

    print(f"{path}: valid, finish-args {' '.join(finish_args)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
