#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check a shared-mime-info package file.

Debian ships no schema for these files, and update-mime-database skips a
<mime-type> it cannot use without printing anything or failing.  So this runs
xmllint for well-formedness, checks elements and attributes against the
Shared MIME-info Database specification (as shipped in shared-mime-info 2.2,
/usr/share/doc/shared-mime-info), then builds a database from the file in a
temporary directory and checks that every type, glob and parent class reached
it.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Children of <mime-type> and the attributes each one allows.
MIME_TYPE_CHILDREN = {
    "comment": {XML_LANG},
    "acronym": {XML_LANG},
    "expanded-acronym": {XML_LANG},
    "icon": {"name"},
    "generic-icon": {"name"},
    "glob": {"pattern", "weight", "case-sensitive"},
    "glob-deleteall": set(),
    "magic": {"priority"},
    "magic-deleteall": set(),
    "treemagic": {"priority"},
    "root-XML": {"namespaceURI", "localName"},
    "alias": {"type"},
    "sub-class-of": {"type"},
}

REQUIRED_ATTRIBUTES = {
    "icon": {"name"},
    "generic-icon": {"name"},
    "glob": {"pattern"},
    "root-XML": {"namespaceURI", "localName"},
    "alias": {"type"},
    "sub-class-of": {"type"},
}


def local_name(tag):
    return tag[len(NS):] if tag.startswith(NS) else tag


def is_media_type(value):
    parts = value.split("/")
    return len(parts) == 2 and all(parts) and " " not in value


def check_structure(path):
    """Return a list of problems found in the parsed file."""
    problems = []
    root = ET.parse(path).getroot()

    if root.tag != NS + "mime-info":
        return [f"root element is {root.tag}, expected {NS}mime-info"]

    types = root.findall(NS + "mime-type")
    if not types:
        problems.append("no <mime-type> element")

    for mime_type in types:
        name = mime_type.get("type", "")
        if not is_media_type(name):
            problems.append(f"<mime-type> has an invalid type attribute: {name!r}")
            continue

        if mime_type.find(NS + "comment") is None:
            problems.append(f"{name}: missing <comment>")
        for tag in ("icon", "generic-icon"):
            if len(mime_type.findall(NS + tag)) > 1:
                problems.append(f"{name}: more than one <{tag}>")

        for child in mime_type:
            tag = local_name(child.tag)
            if tag not in MIME_TYPE_CHILDREN:
                problems.append(f"{name}: unknown element <{tag}>")
                continue

            unknown = set(child.attrib) - MIME_TYPE_CHILDREN[tag]
            missing = REQUIRED_ATTRIBUTES.get(tag, set()) - set(child.attrib)
            for attribute in sorted(unknown):
                problems.append(f"{name}: <{tag}> has unknown attribute {attribute}")
            for attribute in sorted(missing):
                problems.append(f"{name}: <{tag}> is missing attribute {attribute}")

            if tag in ("alias", "sub-class-of") and not is_media_type(child.get("type", "")):
                problems.append(f"{name}: <{tag}> has an invalid type {child.get('type')!r}")

            weight = child.get("weight")
            if tag == "glob" and weight is not None:
                if not weight.isdigit() or int(weight) > 100:
                    problems.append(f"{name}: glob weight {weight!r} is not in 0–100")

    return problems


def check_database(path):
    """Build a MIME database from the file alone and compare it with the source."""
    problems = []
    root = ET.parse(path).getroot()

    with tempfile.TemporaryDirectory(prefix="moat-mime-") as data_home:
        mime_dir = os.path.join(data_home, "mime")
        os.makedirs(os.path.join(mime_dir, "packages"))
        shutil.copy(path, os.path.join(mime_dir, "packages"))

        # With the directory on XDG_DATA_DIRS, update-mime-database prints no
        # note about the search path, so anything on stderr is a real warning.
        env = dict(os.environ, XDG_DATA_DIRS=data_home)
        result = subprocess.run(["update-mime-database", mime_dir], env=env,
                                capture_output=True, text=True)
        if result.returncode != 0 or result.stderr.strip():
            problems.append(f"update-mime-database failed (exit {result.returncode}):\n"
                            f"{result.stderr.strip()}")
            return problems

        with open(os.path.join(mime_dir, "globs2"), encoding="utf-8") as f:
            globs = {tuple(line.rstrip("\n").split(":")[1:3])
                     for line in f if not line.startswith("#")}
        with open(os.path.join(mime_dir, "subclasses"), encoding="utf-8") as f:
            subclasses = {tuple(line.split()) for line in f}

        for mime_type in root.findall(NS + "mime-type"):
            name = mime_type.get("type")
            if not os.path.exists(os.path.join(mime_dir, name + ".xml")):
                problems.append(f"{name}: not in the built database (update-mime-database "
                                "skipped it)")
                continue

            for glob in mime_type.findall(NS + "glob"):
                if (name, glob.get("pattern")) not in globs:
                    problems.append(f"{name}: glob {glob.get('pattern')} is not in globs2")
            for parent in mime_type.findall(NS + "sub-class-of"):
                if (name, parent.get("type")) not in subclasses:
                    problems.append(f"{name}: parent {parent.get('type')} is not in subclasses")

    return problems


def main():
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} MIME-PACKAGE.xml", file=sys.stderr)
        return 2
    path = sys.argv[1]

    for tool in ("xmllint", "update-mime-database"):
        if shutil.which(tool) is None:
            print(f"{tool} not found: install libxml2-utils and shared-mime-info, "
                  "or run build-aux/dev test", file=sys.stderr)
            return 1

    if subprocess.run(["xmllint", "--noout", path]).returncode != 0:
        print(f"{path}: not well-formed XML", file=sys.stderr)
        return 1

    problems = check_structure(path)
    if not problems:
        problems = check_database(path)

    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    if problems:
        return 1

    print(f"{path}: valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
