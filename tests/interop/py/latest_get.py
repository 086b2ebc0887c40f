"""What BentoML resolves `iris:latest` to, for many model stores in ONE python process.

Reads a JSON list of `models` folders on stdin and prints one JSON list: {"version": v} when
`Store.get("iris:latest")` loads version v, or {"error": <exception type>, "message": <text>}.
`Store.get` is exactly what `bentoml.models.get` and `bentoml models get` call; a fresh
ModelStore per folder avoids BENTOML_HOME being fixed once per process. Store.get REWRITES a
missing or stale `latest`, so pass copies of the stores you want to keep.
"""

import json
import sys

from bentoml._internal.models.model import ModelStore

results = []
for models_dir in json.load(sys.stdin):
    try:
        results.append({"version": ModelStore(models_dir).get("iris:latest").tag.version})
    except Exception as exc:  # every failure is an answer: BentoML cannot resolve latest
        results.append({"error": type(exc).__name__, "message": str(exc)[:300]})
print(json.dumps(results))
