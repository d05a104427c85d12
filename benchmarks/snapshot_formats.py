"""Which form the snapshot of the bundled data takes: read times of four candidates, measured.

Usage:
    python benchmarks/snapshot_formats.py                 # the bundled data of the checkout
    python benchmarks/snapshot_formats.py --data FOLDER   # any data folder (a generated one)
    python benchmarks/snapshot_formats.py --quick         # smoke test: few repetitions

The records of a load are written in each form, then read back many times in one process,
the forms interleaved, the collector paused as a load pauses it; each figure is the median.
Every form must give back records equal to the loaded ones (exit status 1 otherwise):

- `pickle, attrs' state`: the records pickled as attrs pickles them (a dict per object,
  set back by attrs' ``__setstate__``, Python per object);
- `pickle, rebuilt per object`: each object as its class and a tuple of values, rebuilt by a
  Python function that sets its slots;
- `marshal of plain tuples`: nested tuples of plain values, rebuilt by Python code;
- `pickle, blank objects and columns` (the one chosen, ``defcoop.loading._compile``): objects
  made blank in C, their values in one tuple per class and attribute, set by a ``map`` of the
  slot's setter.
"""

from __future__ import annotations

import argparse
import enum
import gc
import io
import marshal
import pickle
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import defcoop  # noqa: E402
from defcoop.loading import _compile, _snapshot  # noqa: E402


def main() -> int:
    """Write the records in every form, time reading each back, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "src/defcoop/data")
    parser.add_argument("--quick", action="store_true", help="smoke test: few repetitions")
    args = parser.parse_args()
    db = defcoop.load(args.data)
    records = tuple(db._by_id.values())
    forms = {
        "pickle, attrs' state": _attrs_state(records),
        "pickle, rebuilt per object": _per_object(records),
        "marshal of plain tuples": _marshal(records),
        "pickle, blank objects and columns": _columns(records),
    }
    failures = [name for name, (_, read) in forms.items() if read() != records]
    times: dict[str, list[float]] = {name: [] for name in forms}
    gc.disable()
    for _ in range(3 if args.quick else 41):
        for name, (_, read) in forms.items():
            start = time.process_time()
            read()
            times[name].append(time.process_time() - start)
    gc.enable()
    chosen = statistics.median(times["pickle, blank objects and columns"])
    print(f"{len(records)} records from `{args.data}`; medians of {len(times[name])} reads\n")
    print("| form | bytes | read (CPU, median) | ratio to the chosen form |")
    print("| --- | --- | --- | --- |")
    for name, (blob, _) in forms.items():
        median = statistics.median(times[name])
        print(f"| {name} | {len(blob):,} | {median * 1000:.2f} ms | {median / chosen:.2f}× |")
    for name in failures:
        print(f"FAILED: {name} does not give back the same records", file=sys.stderr)
    return 1 if failures else 0


Form = tuple[bytes, Callable[[], Any]]


def _attrs_state(records: tuple[Any, ...]) -> Form:
    blob = pickle.dumps(records, protocol=5)
    return blob, lambda: pickle.loads(blob)


_setters: dict[type, tuple[Any, ...]] = {}


def _rebuild(cls: type, values: tuple[Any, ...]) -> Any:
    setters = _setters.get(cls)
    if setters is None:
        names = _snapshot.slot_names(cls) or ()
        setters = _setters[cls] = tuple(_snapshot._descriptor(cls, n).__set__ for n in names)
    obj = object.__new__(cls)
    for set_, value in zip(setters, values, strict=True):
        set_(obj, value)
    return obj


class _PerObject(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        names = None if isinstance(obj, type) else _snapshot.slot_names(type(obj))
        if isinstance(obj, enum.Enum) or names is None:
            return NotImplemented
        return (_rebuild, (type(obj), tuple(getattr(obj, n) for n in names)))


def _per_object(records: tuple[Any, ...]) -> Form:
    buffer = io.BytesIO()
    _PerObject(buffer, protocol=5).dump(records)
    blob = buffer.getvalue()
    return blob, lambda: pickle.loads(blob)


def _marshal(records: tuple[Any, ...]) -> Form:
    classes: list[type] = []
    index: dict[type, int] = {}

    def number(cls: type) -> int:
        if cls not in index:
            index[cls] = len(classes)
            classes.append(cls)
        return index[cls]

    def encode(value: Any) -> Any:
        if isinstance(value, enum.Enum):
            return ("e", number(type(value)), value.name)
        if isinstance(value, tuple):
            return ("t", tuple(map(encode, value)))
        if isinstance(value, frozenset):
            return ("f", tuple(map(encode, value)))
        names = _snapshot.slot_names(type(value))
        if names is None:
            return value
        return ("o", number(type(value)), tuple(encode(getattr(value, n)) for n in names))

    blob = marshal.dumps(tuple(map(encode, records)))

    def decode(value: Any) -> Any:
        if type(value) is not tuple:
            return value
        tag = value[0]
        if tag == "o":
            return _rebuild(classes[value[1]], tuple(map(decode, value[2])))
        if tag == "t":
            return tuple(map(decode, value[1]))
        if tag == "e":
            return getattr(classes[value[1]], value[2])
        return frozenset(map(decode, value[1]))

    return blob, lambda: tuple(map(decode, marshal.loads(blob)))


def _columns(records: tuple[Any, ...]) -> Form:
    buffer = io.BytesIO()
    _compile._Pickler(buffer, protocol=5).dump((_compile.columns(records), records))
    blob = buffer.getvalue()

    def read() -> Any:
        columns, loaded = pickle.loads(blob)
        _snapshot.fill(columns)
        return loaded

    return blob, read


if __name__ == "__main__":
    sys.exit(main())
