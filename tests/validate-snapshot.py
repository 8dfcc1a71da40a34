#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Validates a JSON snapshot against data/snapshot.schema.json with python3-jsonschema
# (Draft 2020-12, with format checking), as a second opinion on what Archplan writes.
#
# Usage: validate-snapshot.py [--canonical] [--same-as OTHER.json] SCHEMA.json SNAPSHOT.json
#
#   --canonical         also require SNAPSHOT.json to be byte for byte what
#                       json.dumps(data, indent=2, ensure_ascii=False) + "\n" writes
#                       (Archplan's export format)
#   --same-as OTHER     also require SNAPSHOT.json to hold the same data as OTHER.json
#
# Exits 0 when the snapshot passes; 1, listing every problem on stderr, when it does not;
# 2 on bad usage; 77 (meson's "skipped") when python3-jsonschema is not installed.

import argparse
import json
import sys

try:
    import jsonschema
except ImportError:
    print("validate-snapshot: python3-jsonschema is not installed", file=sys.stderr)
    sys.exit(77)


def reject_duplicates(pairs):
    """Python keeps the last of two equal keys; a snapshot must not have them at all."""
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise ValueError("duplicate member name %r" % key)
    return dict(pairs)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=reject_duplicates)


def check_canonical(path):
    with open(path, "rb") as f:
        raw = f.read()
    data = json.loads(raw.decode("utf-8"))
    canonical = (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if raw == canonical:
        return []
    at = next((i for i, (a, b) in enumerate(zip(raw, canonical)) if a != b),
              min(len(raw), len(canonical)))
    line = raw.count(b"\n", 0, at) + 1
    return ["not in the canonical form from line %d (byte %d): %r instead of %r"
            % (line, at, raw[at:at + 40], canonical[at:at + 40])]


def main(argv):
    parser = argparse.ArgumentParser(description="Validate an Archplan snapshot.")
    parser.add_argument("--canonical", action="store_true")
    parser.add_argument("--same-as", metavar="OTHER")
    parser.add_argument("schema")
    parser.add_argument("snapshot")
    args = parser.parse_args(argv[1:])

    schema = load(args.schema)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.FormatChecker())

    try:
        snapshot = load(args.snapshot)
    except ValueError as e:
        print("%s: not JSON: %s" % (args.snapshot, e), file=sys.stderr)
        return 1

    errors = sorted(validator.iter_errors(snapshot), key=lambda e: list(e.absolute_path))
    problems = ["%s: %s" % (e.json_path, e.message) for e in errors]
    if args.canonical:
        problems += check_canonical(args.snapshot)
    if args.same_as is not None and load(args.same_as) != snapshot:
        problems.append("does not hold the same data as %s" % args.same_as)
    for problem in problems:
        print("%s: %s" % (args.snapshot, problem), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
