#!/usr/bin/python3
"""Every shipped scenario (and the resolved scenario of a run) validates against docs/scenario.schema.json,
so the schema editors use cannot drift from what splitsim accepts. Usage: validate_schema.py SCHEMA FILE..."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failed = 0
for path in sys.argv[2:]:
    doc = json.load(open(path))
    doc.pop("run", None)  # scenario.resolved.json adds the run's provenance
    for error in validator.iter_errors(doc):
        print(f"FAIL {path}: /{'/'.join(map(str, error.path))}: {error.message}")
        failed += 1
if failed:
    sys.exit(1)
# The schema must also reject what splitsim rejects.
bad = {"clients": [{"netwrok": "imc"}]}
if validator.is_valid(bad):
    sys.exit("FAIL: the schema accepts an unknown key")
print(f"ok: {len(sys.argv) - 2} files")
