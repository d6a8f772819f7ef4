#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks data/moat-format.schema.json against files that Moat's loader
# accepts and rejects. The examples and the valid test input must pass. The
# inputs with a defect that the schema can express must fail. The inputs
# whose defect only the loader can see (references, uniqueness, calendar
# dates) must pass, which marks where the schema stops.
#
# Usage: check-schema.py SOURCE_ROOT

import json
import sys
from pathlib import Path

try:
    import jsonschema
except ImportError:
    sys.exit("check-schema.py: the jsonschema module is missing; install python3-jsonschema "
             "(build-aux/dev does)")

VALID = [
    "examples/payment-webhook.moat",
    "examples/ai-agent.moat",
    "tests/data/format/minimal.moat",
]

SCHEMA_ERRORS = [
    "missing-required-key.moat",
    "wrong-type.moat",
    "unknown-enum-value.moat",
    "empty-id.moat",
    "coordinate-out-of-range.moat",
    "unknown-key.moat",
    "no-diagrams.moat",
    "newer-version.moat",
    "not-a-model.moat",
    "format-not-a-string.moat",
    "due-date-with-sign.moat",
    "threat-dragon-v2-new-model.json",
]

LOADER_ONLY_ERRORS = [
    "flow-missing-element.moat",
    "flow-other-diagram.moat",
    "threat-missing-target.moat",
    "duplicate-id.moat",
    "duplicate-threat-number.moat",
    "next-threat-number-too-low.moat",
    "invalid-due-date.moat",
]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check-schema.py SOURCE_ROOT")

    root = Path(sys.argv[1])
    schema = json.loads((root / "data" / "moat-format.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0

    def errors_of(path):
        instance = json.loads(path.read_text(encoding="utf-8"))
        return sorted(validator.iter_errors(instance), key=lambda error: list(error.path))

    for name in VALID + ["tests/data/format/" + name for name in LOADER_ONLY_ERRORS]:
        errors = errors_of(root / name)
        for error in errors:
            print(f"{name}: $.{'.'.join(map(str, error.path))}: {error.message}")
        if errors:
            failures += 1
        else:
            print(f"ok: {name} is valid")

    for name in SCHEMA_ERRORS:
        errors = errors_of(root / "tests" / "data" / "format" / name)
        if errors:
            print(f"ok: {name} is rejected: {errors[0].message}")
        else:
            print(f"{name}: the schema accepts it, but Moat's loader rejects it")
            failures += 1

    if failures:
        sys.exit(f"check-schema.py: {failures} file(s) did not match the schema as expected")


if __name__ == "__main__":
    main()
