#!/usr/bin/python3
"""Every shipped file of a kind (scenarios and a run's resolved scenario, sweeps, networks) validates against
its schema in docs/, so the schemas editors use cannot drift from what splitsim accepts; each schema also
rejects a file splitsim rejects. Usage: validate_schema.py SCHEMA FILE..."""
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
bad = {"splitsim scenario": {"clients": [{"netwrok": "imc"}]},
       "splitsim sweep": {"scenario": "s.json", "axes": [{"name": "a", "path": "seed", "values": [1]}], "extra": 1},
       "splitsim network": {"name": "n", "input": {"shape": [3]}, "layers": [{"name": "a", "type": "convolution"}]}}
if validator.is_valid(bad[schema.get("title", "splitsim scenario")]):
    sys.exit(f"FAIL: {schema.get('title')}: the schema accepts a file splitsim rejects")
print(f"ok: {len(sys.argv) - 2} files")
