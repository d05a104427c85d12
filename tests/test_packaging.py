"""The package as users see it: public names, version, typing marker, lazy imports, data files."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from importlib import resources

import pytest

import defcoop


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
        "DefcoopError", "DataError",
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
    assert {"sources.toml", "countries.toml", "fields.toml"} <= names


def test_import_is_lazy() -> None:
    """import defcoop reads no data and imports neither cattrs nor hypothesis."""
    code = (
        "import sys, defcoop, defcoop.loading as l; "
        "print(sorted(m for m in ('cattrs', 'hypothesis', 'tomllib', 'json') if m in sys.modules), "
        "bool(l._cache))"
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


def test_public_names_load_on_first_use() -> None:
    """import defcoop imports none of its modules; using a name imports that name's module."""
    code = (
        "import sys, defcoop; before = sorted(m for m in sys.modules if m.startswith('defcoop')); "
        "attrs = 'attrs' in sys.modules; defcoop.PartialDate; "
        "print(before, attrs, 'defcoop.dates' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['defcoop', 'defcoop._version'] False True"


def test_unknown_names_raise_attribute_error() -> None:
    """A name defcoop does not have is an AttributeError, and dir() lists the public names."""
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        defcoop.nope  # noqa: B018
    assert set(defcoop.__all__) <= set(dir(defcoop))
