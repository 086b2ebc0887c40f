"""Batch runner for the interop suite: many BentoML checks in ONE python process.

Reads a JSON list of operations on stdin, runs each against the BentoML store named by
$BENTOML_HOME, and prints one JSON list of results (same order) on stdout. An operation
that raises gives {"error": <exception type>, "message": <text>} instead of stopping the
batch. Values that JSON cannot carry exactly are tagged: {"$int": "..."} for integers
beyond 2**53, {"$date": "YYYY-MM-DD"}, {"$datetime": iso}, {"$binary": base64},
{"$float": "nan"|"inf"|"-inf"}. Inputs use the same tags (plus {"$now": true} for an
aware datetime.now(timezone.utc)).
"""

import base64
import datetime as dt
import json
import os
import sys
import uuid

SAFE = 2**53


def decode(value):
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if "$int" in value:
            return int(value["$int"])
        if "$date" in value:
            return dt.date.fromisoformat(value["$date"])
        if "$datetime" in value:
            return dt.datetime.fromisoformat(value["$datetime"])
        if "$now" in value:
            return dt.datetime.now(dt.timezone.utc)
        if "$binary" in value:
            return base64.b64decode(value["$binary"])
        if "$float" in value:
            return float(value["$float"])
        return {k: decode(v) for k, v in value.items()}
    return value


def encode(value):
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value if -SAFE <= value <= SAFE else {"$int": str(value)}
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else {"$float": repr(value)}
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, bytes):
        return {"$binary": base64.b64encode(value).decode("ascii")}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        # A key YAML typed as bool/int/float (an unquoted `yes:` or `1.5:`) must show up in the diff.
        return {k if isinstance(k, str) else "$key(%s):%r" % (type(k).__name__, k): encode(v) for k, v in value.items()}
    return {"$repr": repr(value)}


def write_files(root, files):
    for spec in files:
        target = os.path.join(root, spec["path"])
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            if "text" in spec:
                handle.write(spec["text"].encode("utf-8"))
            else:
                remaining = spec["size"]
                while remaining > 0:
                    chunk = os.urandom(min(remaining, 1 << 20))
                    handle.write(chunk)
                    remaining -= len(chunk)


def epoch_us(when):
    if when.tzinfo is None:
        return None
    return (when - dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)) // dt.timedelta(microseconds=1)


def describe(model):
    from bentoml._internal.utils.filesystem import calc_dir_size

    info = model.info
    return {
        "size": calc_dir_size(model.path),
        "tag": str(model.tag),
        "path": model.path,
        "module": info.module,
        "labels": encode(info.labels),
        "metadata": encode(info.metadata),
        "creation_time": info.creation_time.isoformat(),
        "aware": info.creation_time.tzinfo is not None,
        "epoch_us": epoch_us(info.creation_time),
        "api_version": info.api_version,
        "context": encode(info.context.to_dict()),
    }


def op_versions(_):
    import bentoml

    return {"bentoml": bentoml.__version__, "python": "%d.%d.%d" % sys.version_info[:3]}


def op_create(args):
    import bentoml

    with bentoml.models.create(
        args["name"] if "version" not in args else "%s:%s" % (args["name"], args["version"]),
        labels=decode(args.get("labels")),
        metadata=decode(args.get("metadata")),
    ) as model:
        write_files(model.path, args.get("files", []))
    # After save the object still points at its temp dir; describe the stored copy.
    return describe(bentoml.models.get(model.tag))


def op_get(args):
    import bentoml

    return describe(bentoml.models.get(args["tag"]))


def op_list(_):
    import bentoml

    return [describe(m) for m in bentoml.models.list()]


def op_set_creation_time(args):
    """Rewrites creation_time of a stored version the way BentoML writes model.yaml (PyYAML safe_dump)."""
    import yaml

    path = os.path.join(os.environ["BENTOML_HOME"], "models", args["name"], args["version"], "model.yaml")
    with open(path, encoding="utf8") as handle:
        info = yaml.safe_load(handle)
    # as_datetime: PyYAML then writes an unquoted YAML timestamp, which BentoML also reads (§3.4).
    info["creation_time"] = dt.datetime.fromisoformat(args["text"]) if args.get("as_datetime") else args["text"]
    with open(path, "w", encoding="utf8") as handle:
        yaml.safe_dump(info, handle, sort_keys=False)
    return True


def op_parse_times(args):
    """How BentoML's structure hook (datetime.fromisoformat on this Python) reads each string."""
    out = []
    for text in args["texts"]:
        try:
            when = dt.datetime.fromisoformat(text)
            out.append({"ok": True, "aware": when.tzinfo is not None, "epoch_us": epoch_us(when)})
        except ValueError as exc:
            out.append({"ok": False, "message": str(exc)})
    return out


def op_delete(args):
    import bentoml

    bentoml.models.delete(args["tag"])
    return True


def op_export(args):
    import bentoml

    return bentoml.models.export_model(args["tag"], args["out"], output_format=args.get("format"))


def op_import(args):
    import bentoml

    return str(bentoml.models.import_model(args["path"]).tag)


def op_yaml_keys(args):
    """Key order of a model.yaml as PyYAML reads it: top level and inside `context`."""
    import yaml

    with open(args["path"], encoding="utf8") as handle:
        info = yaml.safe_load(handle)
    return {"top": list(info), "context": list(info.get("context") or {})}


def op_tar_members(args):
    """Member names as Python's tarfile reads them (compression detected from the content)."""
    import tarfile

    with tarfile.open(args["path"]) as archive:
        return archive.getnames()


def op_tag_from_str(args):
    from bentoml._internal.tag import Tag

    out = []
    for text in args["inputs"]:
        try:
            tag = Tag.from_str(text)
            out.append({"ok": True, "name": tag.name, "version": tag.version})
        except Exception as exc:  # noqa: BLE001 - we report every rejection
            out.append({"ok": False, "error": type(exc).__name__, "message": str(exc)})
    return out


def op_check_versions(args):
    """Ids that BentoML's Tag refuses, or that change when Tag lowercases them."""
    from bentoml._internal.tag import Tag

    bad = []
    for version in args["ids"]:
        try:
            if Tag(args.get("name", "x"), version).version != version:
                bad.append(version)
        except Exception:  # noqa: BLE001
            bad.append(version)
    return bad


def op_make_versions(args):
    from bentoml._internal.tag import Tag

    return [Tag("x").make_new_version().version for _ in range(args["n"])]


def op_version_from_fields(args):
    """§4.3 vectors: build the uuid1 from explicit fields, then apply make_new_version's steps 2-4."""
    out = []
    for case in args["cases"]:
        ticks = int(case["unix_ns"]) // 100 + 0x01B21DD213814000
        seq = int(case["clock_seq"], 16)
        u = uuid.UUID(
            fields=(ticks & 0xFFFFFFFF, (ticks >> 32) & 0xFFFF, (ticks >> 48) & 0x0FFF,
                    (seq >> 8) & 0x3F, seq & 0xFF, int(case["node"], 16)),
            version=1,
        )
        raw = bytearray(u.bytes)
        out.append(base64.b32encode(raw[:6] + raw[8:12]).decode("ascii").lower())
    return out


def op_bentos(_):
    """Bentos as BentoML's bento store loads them, with the model tags each one pins."""
    from bentoml._internal.configuration.containers import BentoMLContainer

    store = BentoMLContainer.bento_store.get()
    return [
        {"tag": str(b.tag), "models": sorted(str(m.tag) for m in b.info.all_models),
         "private_models": b._model_store is not None}
        for b in store.list()
    ]


def typed(value):
    """A value with its exact Python type, so that 1000 and 1000.0, or 0 and -0.0, stay apart in JSON."""
    if isinstance(value, bool):
        return {"t": "bool", "r": value}
    if value is None:
        return {"t": "none"}
    if isinstance(value, int):
        return {"t": "int", "r": str(value)}
    if isinstance(value, float):
        return {"t": "float", "r": repr(value)}
    if isinstance(value, str):
        return {"t": "str", "r": value}
    if isinstance(value, list):
        return {"t": "list", "v": [typed(v) for v in value]}
    if isinstance(value, dict):
        return {"t": "dict", "v": [[k if isinstance(k, str) else "$key:%r" % (k,), typed(v)] for k, v in value.items()]}
    return {"t": type(value).__name__, "r": repr(value)}


def op_json_loads(args):
    """What Python's json.loads makes of each text: the typed value, or the exception's type."""
    out = []
    for text in args["texts"]:
        try:
            out.append({"ok": True, "value": typed(json.loads(text))})
        except Exception as exc:  # noqa: BLE001 - ValueError and RecursionError count as "not JSON" too
            out.append({"ok": False, "error": type(exc).__name__})
    return out


def op_typed_metadata(args):
    """A stored model's metadata as BentoML loads it, with exact types (see typed)."""
    import bentoml

    return typed(bentoml.models.get(args["tag"]).info.metadata)


OPS = {name[3:]: fn for name, fn in globals().items() if name.startswith("op_")}


def main():
    results = []
    for operation in json.load(sys.stdin):
        try:
            results.append(OPS[operation["op"]](operation))
        except Exception as exc:  # noqa: BLE001 - reported to the test, which decides
            results.append({"error": type(exc).__name__, "message": str(exc)})
    sys.stdout.write(json.dumps(results))


if __name__ == "__main__":
    main()
