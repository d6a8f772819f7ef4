#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build into a temporary DESTDIR with `meson install` and
# checks that every file GNOME needs is where it looks for it, with the
# translations merged in.
#
# Usage: test-install.sh BUILD-DIR BINDIR DATADIR LOCALEDIR
# (the last three absolute, as configured in meson)

set -eu

if [ $# -ne 4 ]; then
  echo "usage: $0 BUILD-DIR BINDIR DATADIR LOCALEDIR" >&2
  exit 2
fi

build_dir=$1
bindir=$2
datadir=$3
localedir=$4
app_id=io.github.moatapp.Moat

destdir=$(mktemp -d "${TMPDIR:-/tmp}/moat-install-XXXXXX")
trap 'rm -rf "$destdir"' EXIT

# DESTDIR makes gnome.post_install skip the cache updates, as packagers
# expect.
if ! meson install -C "$build_dir" --destdir "$destdir" --no-rebuild --quiet >"$destdir.log" 2>&1; then
  echo "meson install failed:" >&2
  cat "$destdir.log" >&2
  rm -f "$destdir.log"
  exit 1
fi
rm -f "$destdir.log"

failures=0

fail() {
  echo "FAIL: $1" >&2
  failures=$((failures + 1))
}

expect_file() {
  if [ -f "$destdir$1" ]; then
    echo "ok: $1"
  else
    fail "$1 is not installed"
  fi
}

expect_text() {
  if grep -q -- "$2" "$destdir$1" 2>/dev/null; then
    echo "ok: $1 contains $2"
  else
    fail "$1 does not contain $2"
  fi
}

if [ -x "$destdir$bindir/moat" ]; then
  echo "ok: $bindir/moat"
else
  fail "$bindir/moat is not installed as an executable"
fi

expect_file "$datadir/applications/$app_id.desktop"
expect_text "$datadir/applications/$app_id.desktop" "^Icon=$app_id\$"
expect_text "$datadir/applications/$app_id.desktop" "^MimeType=application/x-moat+json;\$"
expect_text "$datadir/applications/$app_id.desktop" "^GenericName\[pt_BR\]="

expect_file "$datadir/metainfo/$app_id.metainfo.xml"
expect_text "$datadir/metainfo/$app_id.metainfo.xml" 'xml:lang="pt_BR"'

expect_file "$datadir/icons/hicolor/scalable/apps/$app_id.svg"
expect_file "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
expect_file "$datadir/icons/hicolor/scalable/mimetypes/application-x-moat+json.svg"

expect_file "$datadir/mime/packages/$app_id.xml"
expect_text "$datadir/mime/packages/$app_id.xml" '<mime-type type="application/x-moat+json">'
expect_text "$datadir/mime/packages/$app_id.xml" 'xml:lang="pt_BR"'

expect_file "$datadir/glib-2.0/schemas/$app_id.gschema.xml"

mo="$localedir/pt_BR/LC_MESSAGES/moat.mo"
expect_file "$mo"
if [ -f "$destdir$mo" ]; then
  if msgunfmt "$destdir$mo" 2>/dev/null | grep -q '^msgstr "Modelo sem título"$'; then
    echo "ok: $mo translates the application's messages"
  else
    fail "$mo lacks the application's pt_BR messages"
  fi
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures problems in the installed files" >&2
  exit 1
fi
