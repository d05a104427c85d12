"""Check what `python -m build` made: one wheel and one sdist, both holding the data.

Usage: python .ci/check_dists.py DIST_FOLDER

The wheel must hold every file of src/defcoop/data and the py.typed marker, and nothing
from the checkout that is not the package; it must also hold the snapshot of the bundled
data that the build hook compiles (``defcoop/data/_snapshot.pickle``), keyed to the data
files the wheel holds. The sdist must hold the same data files besides the tests, the docs,
the changelog and the build hook, and no snapshot (the wheel built from it compiles its
own), so that everything can be rebuilt and checked from it alone. Exits non-zero, listing
every missing file, when either falls short.
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


SNAPSHOT = "defcoop/data/_snapshot.pickle"


def package_files() -> list[str]:
    """The package's data files and typing marker, as paths inside the package."""
    data = sorted(
        f"defcoop/data/{p.name}"
        for p in (ROOT / "src/defcoop/data").iterdir()
        if f"defcoop/data/{p.name}" != SNAPSHOT
    )
    return [*data, "defcoop/py.typed"]


def snapshot_problems(wheel: zipfile.ZipFile) -> list[str]:
    """What is wrong with the wheel's snapshot: missing, or keyed to other data files."""
    sys.path.insert(0, str(ROOT / "src"))
    from defcoop.loading import _snapshot

    if SNAPSHOT not in wheel.namelist():
        return [f"lacks {SNAPSHOT} (the build hook, hatch_build.py, did not run)"]
    files = sorted(
        (name, wheel.read(name))
        for name in wheel.namelist()
        if name.startswith("defcoop/data/") and name.lower().endswith((".toml", ".json"))
    )
    blob = wheel.read(SNAPSHOT)
    start = len(_snapshot.MAGIC)
    if not blob.startswith(_snapshot.MAGIC) or blob[start : start + 32] != _snapshot.data_key(
        files
    ):
        return [f"holds a {SNAPSHOT} whose key is not that of its data files"]
    return []


def main(dist: Path) -> int:
    wheels = sorted(dist.glob("defcoop-*.whl"))
    sdists = sorted(dist.glob("defcoop-*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        print(f"expected one wheel and one sdist in {dist}, found {wheels + sdists}")
        return 1
    with zipfile.ZipFile(wheels[0]) as wheel:
        in_wheel = set(wheel.namelist())
        problems = [f"{wheels[0].name} {problem}" for problem in snapshot_problems(wheel)]
    with tarfile.open(sdists[0]) as sdist:
        top = sdists[0].name.removesuffix(".tar.gz")
        in_sdist = {name.removeprefix(f"{top}/") for name in sdist.getnames()}
    wanted_in_sdist = [
        *(f"src/{name}" for name in package_files()),
        "tests/test_packaging.py",
        "docs/conf.py",
        "docs/tutorial.md",
        "CHANGELOG.md",
        "README.md",
        "LICENSE",
        "pyproject.toml",
        "hatch_build.py",
    ]
    problems += [
        f"{wheels[0].name} lacks {name}" for name in package_files() if name not in in_wheel
    ]
    if f"src/{SNAPSHOT}" in in_sdist:
        problems.append(f"{sdists[0].name} holds src/{SNAPSHOT}: the wheel compiles its own")
    problems += [
        f"{sdists[0].name} lacks {name}" for name in wanted_in_sdist if name not in in_sdist
    ]
    stray = sorted(name for name in in_wheel if not name.startswith(("defcoop/", "defcoop-")))
    problems += [
        f"{wheels[0].name} holds {name}, which is not part of the package" for name in stray
    ]
    for problem in problems:
        print(problem)
    if not problems:
        print(f"{wheels[0].name}: {len(in_wheel)} files; {sdists[0].name}: {len(in_sdist)} files")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
