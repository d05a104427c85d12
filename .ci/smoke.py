"""Ask the installed wheel a real question, away from the checkout.

Run with ``python -I`` from a fresh virtual environment, in a folder outside the checkout
that holds a copy of README.md: it proves that defcoop is imported from the environment,
that its data ships inside the wheel, that the first load is served from the snapshot of the
bundled data compiled into the wheel (no warning, nothing parsed), and that the README's
quickstart gives the answers it shows there (its examples are run as doctests).
"""

from __future__ import annotations

import doctest
import importlib.metadata
import sys
import warnings
from pathlib import Path

import defcoop


def main() -> int:
    where = Path(defcoop.__file__).resolve()
    if not where.is_relative_to(Path(sys.prefix).resolve()):
        print(f"defcoop was imported from {where}, not from the environment at {sys.prefix}")
        return 1
    if importlib.metadata.version("defcoop") != defcoop.__version__:
        print(f"metadata {importlib.metadata.version('defcoop')} != {defcoop.__version__}")
        return 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a SnapshotWarning fails the smoke test
        db = defcoop.load()
    if "defcoop.loading._reading" in sys.modules or "tomllib" in sys.modules:
        print("the first load parsed the bundled files: the wheel's snapshot was not served")
        return 1
    print(f"defcoop {defcoop.__version__} from {where.parent}")
    print(f"{db!r}, released {db.info.released if db.info else 'never'}")
    print("Which agreements cover military science?")
    for a in db.agreements(field="military science"):
        print("   ", a.title, a.parties, a.signed, *a.sources)
    failed, tried = doctest.testfile(
        "README.md", module_relative=False, encoding="utf-8", report=True
    )
    print(f"README.md: {tried} examples, {failed} failed")
    return 1 if failed or not tried else 0


if __name__ == "__main__":
    sys.exit(main())
