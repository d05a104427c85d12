"""The package as users see it: public names, version, typing marker, lazy imports, data files."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import defcoop

ROOT = Path(__file__).resolve().parents[1]


def test_all_is_sorted_and_resolves() -> None:
    """__all__ is sorted and every name in it exists."""
    assert defcoop.__all__ == sorted(defcoop.__all__)
    for name in defcoop.__all__:
        assert hasattr(defcoop, name), name


def test_contract_names_are_public() -> None:
    """The names other code relies on are exported."""
    contract = {
        "load", "Dataset", "PartialDate", "Period", "Citation", "Source", "Country", "Person",
        "Organization", "Field", "Agreement", "Event", "Mechanism", "Relationship",
        "DefcoopError", "DataError", "Results", "Timeline", "DyadProfile", "Evidence",
        "CitedParagraph", "MissingExtraError", "json_schema", "to_frame", "to_graph",
    }  # fmt: skip
    assert contract <= set(defcoop.__all__)


def test_version_matches_metadata() -> None:
    """The version has one source: the installed metadata agrees with __version__."""
    assert importlib.metadata.version("defcoop") == defcoop.__version__


def test_py_typed_and_data_are_package_resources() -> None:
    """py.typed and the data files are inside the package, readable through importlib.resources."""
    package = resources.files("defcoop")
    assert package.joinpath("py.typed").is_file()
    names = {entry.name for entry in package.joinpath("data").iterdir()}
    assert {"sources.toml", "countries.json", "countries.md", "fields.toml"} <= names


def test_import_is_lazy() -> None:
    """import defcoop reads no data and imports no serializer, optional extra or CLI module."""
    heavy = (
        "cattrs hypothesis tomllib json pandas networkx matplotlib jsonschema argparse html csv "
        "pyarrow duckdb frictionless pybtex citeproc "
        "defcoop.cli._main defcoop.query.frames defcoop.views.graph defcoop.io.schema "
        "defcoop.views.timeline defcoop.query.arrow "
        "defcoop.io.dcad defcoop.views.cite defcoop.io.exports defcoop.io.datapackage"
    )
    code = (
        "import sys, defcoop, defcoop.loading._loader as l; "
        f"print(sorted(m for m in {heavy.split()!r} if m in sys.modules), bool(l._cache))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] False"


def test_errors_share_one_root() -> None:
    """Every public exception derives from DefcoopError and the builtin it means."""
    assert issubclass(defcoop.DataError, defcoop.DefcoopError)
    assert issubclass(defcoop.DataError, ValueError)
    assert issubclass(defcoop.UnknownNameError, LookupError)
    assert issubclass(defcoop.QueryError, ValueError)
    assert issubclass(defcoop.DateError, ValueError)
    assert issubclass(defcoop.RecordError, ValueError)


def test_bundled_data_has_its_own_version_and_date() -> None:
    """The bundled dataset's version and date at run time are those of its [dataset] table."""
    import tomllib

    text = resources.files("defcoop").joinpath("data", "sources.toml").read_text("utf-8")
    table = tomllib.loads(text)["dataset"]
    info = defcoop.load().info
    assert info is not None
    assert (info.name, info.version, str(info.released)) == (
        table["name"],
        table["version"],
        table["released"],
    )


def test_changelog_names_the_versions() -> None:
    """CHANGELOG.md names the bundled data's version, and has a section for this release."""
    from packaging.version import Version

    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    info = defcoop.load().info
    assert info is not None
    assert f"dataset version {info.version}" in changelog
    version = Version(defcoop.__version__)
    assert str(version) == defcoop.__version__, "the version is not in its normal PEP 440 form"
    heading = "## [Unreleased]" if version.is_devrelease else f"## [{version}]"
    assert heading in changelog.splitlines()


def test_lazy_names_resolve_and_are_listed() -> None:
    """Names loaded on first use resolve to their modules' objects and appear in dir()."""
    from defcoop.views.timeline import Timeline

    assert defcoop.Timeline is Timeline
    assert {"Timeline", "to_frame", "to_graph", "json_schema"} <= set(dir(defcoop))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        defcoop.nothing  # type: ignore[attr-defined]  # noqa: B018


def test_extras_are_declared() -> None:
    """pandas, networkx, plot, arrow and cite are optional extras; the CLI is a console script."""
    metadata = importlib.metadata.metadata("defcoop")
    extras = set(metadata.get_all("Provides-Extra") or [])
    assert {"pandas", "networkx", "plot", "arrow", "cite"} <= extras
    requirements = importlib.metadata.requires("defcoop") or []
    core = [r for r in requirements if "extra ==" not in r]
    assert sorted(r.split(">")[0] for r in core) == ["attrs", "cattrs"]


def test_public_names_load_on_first_use() -> None:
    """import defcoop imports none of its modules; using a name imports that name's module."""
    code = (
        "import sys, defcoop; before = sorted(m for m in sys.modules if m.startswith('defcoop')); "
        "attrs = 'attrs' in sys.modules; defcoop.PartialDate; "
        "print(before, attrs, 'defcoop.model.dates' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['defcoop', 'defcoop._version'] False True"


def test_unknown_names_raise_attribute_error() -> None:
    """A name defcoop does not have is an AttributeError, and dir() lists the public names."""
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        defcoop.nope  # noqa: B018
    assert set(defcoop.__all__) <= set(dir(defcoop))


def test_loading_imports_no_export_format() -> None:
    """Loading and querying the bundled data imports none of the formats' modules or extras."""
    code = (
        "import sys, defcoop; db = defcoop.load(); db.events(plover='CONSULT'); "
        "print(sorted(m for m in ['pyarrow', 'duckdb', 'frictionless', 'csv', "
        "'defcoop.query.arrow', "
        "'defcoop.io.dcad', 'defcoop.views.cite', 'defcoop.io.exports', 'defcoop.io.datapackage'] "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# Import names whose distribution is named otherwise.
_DISTRIBUTIONS = {"citeproc": "citeproc-py", "yaml": "pyyaml"}
# Extras for working on defcoop, not for using it.
_DEVELOPMENT = {"test", "lint", "docs", "bench", "dev", "all"}


def _extras() -> dict[str, list[str]]:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras: dict[str, list[str]] = config["project"]["optional-dependencies"]
    return extras


def _installed_by(extra: str, extras: dict[str, list[str]]) -> set[str]:
    """The distributions an extra installs, through the extras it names, by lower-case name."""
    import re

    found: set[str] = set()
    for requirement in extras[extra]:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement)[0].lower()  # type: ignore[index]
        if name == "defcoop":
            for inner in re.search(r"\[(.*)\]", requirement)[1].split(","):  # type: ignore[index]
                found |= _installed_by(inner.strip(), extras)
        else:
            found.add(name)
    return found


def test_the_all_extra_installs_every_users_extra() -> None:
    """`defcoop[all]` names every extra but those for developing defcoop."""
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("no pyproject.toml beside the tests (an installed package)")
    extras = _extras()
    everything = _installed_by("all", extras)
    for extra in sorted(set(extras) - _DEVELOPMENT):
        assert _installed_by(extra, extras) <= everything, extra


def test_the_all_extra_installs_what_the_docs_examples_import() -> None:
    """Every package the README's and the docs' examples import is installed by `all`."""
    import re

    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("no pyproject.toml beside the tests (an installed package)")
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    imported: set[str] = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for line in re.findall(r"^(?:>>>|\.\.\.) +(?:import|from) (.*)$", text, flags=re.M):
            for part in line.split(" import ")[0].split(","):
                imported.add(part.strip().split(".")[0].split(" ")[0])
    third_party = {
        name
        for name in imported
        if name and name not in sys.stdlib_module_names and name != "defcoop"
    }
    assert {"pandas", "duckdb"} <= third_party  # the scan finds the examples' imports
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    core = {re.match(r"[A-Za-z0-9_.-]+", r)[0].lower() for r in config["project"]["dependencies"]}  # type: ignore[index]
    everything = _installed_by("all", _extras()) | core
    missing = {_DISTRIBUTIONS.get(name, name) for name in third_party} - everything
    assert not missing, f"add to the all extra: {sorted(missing)}"
