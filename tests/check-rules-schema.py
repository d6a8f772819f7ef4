#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the shipped rule library files against data/rules.schema.json, and
# that the schema rejects a rule with an unknown condition or a script.
#
# Usage: check-rules-schema.py SOURCE_ROOT

import copy
import json
import sys
from pathlib import Path

try:
    import jsonschema
except ImportError:
    sys.exit("check-rules-schema.py: the jsonschema module is missing; install "
             "python3-jsonschema (build-aux/dev does)")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check-rules-schema.py SOURCE_ROOT")

    root = Path(sys.argv[1])
    schema = json.loads((root / "data" / "rules.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failed = False

    files = sorted((root / "data" / "rules").glob("*.json"))
    if not files:
        sys.exit("check-rules-schema.py: no rule files in data/rules")

    sample = None
    for path in files:
        library = json.loads(path.read_text(encoding="utf-8"))
        errors = list(validator.iter_errors(library))
        for error in errors:
            print(f"FAIL: {path.name}: {error.json_path}: {error.message}")
        if not errors:
            print(f"ok: {path.name} is valid ({len(library['rules'])} rules)")
            sample = sample or library
        failed = failed or bool(errors)

    for change, what in (({"script": "rm -rf /"}, "a script key"),
                         ({"when": {"flow": {"colour": True}}}, "an unknown condition")):
        bad = copy.deepcopy(sample)
        bad["rules"][0].update(change)
        if validator.is_valid(bad):
            print(f"FAIL: a rule with {what} is accepted")
            failed = True
        else:
            print(f"ok: a rule with {what} is rejected")

    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
