"""The format registry: each format declares itself once, in its own module of :mod:`defcoop.io`.

A format module holds one module-level ``FORMAT``, a :class:`Format` that says the format's
name, its files' suffix, the extra it needs, what it writes (and reads, where it does) and its
writer. :func:`formats` finds them by walking the modules of :mod:`defcoop.io` (as pandas
finds its IO accessors and frictionless its plugins), so that there is no list to keep: the
``defcoop export --format`` choices, :func:`defcoop.io.exports.render`, the documentation's
table of formats and :func:`defcoop.formats` all read what the modules declare, and adding a
format is one new module (and its tests).

>>> named("csv").suffix, named("parquet").extra
('.csv', 'arrow')
>>> named("dcad").writer is None  # read only
True
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from defcoop.dataset import Dataset

__all__ = ["Format", "formats", "named", "of_style", "writers"]


@attrs.frozen(kw_only=True)
class Format:
    """One file format defcoop writes or reads, declared once in its module as ``FORMAT``.

    Attributes:
        name: what ``defcoop export --format`` and :func:`defcoop.io.exports.export` take
            (``"csv"``).
        suffix: the suffix of its files (``".csv"``).
        title: its name for people (``"CSV"``), in the documentation's table.
        writes: what an export writes, in words; None for a format that is only read.
        reads: what it reads, in words, and the call that reads it; None for a format that
            is only written.
        extra: the optional extra its writer or reader needs (``"arrow"``:
            ``pip install "defcoop[arrow]"``), or None.
        writer: the files of a dataset, by name (:func:`defcoop.io.exports.render` returns
            them); None for a format that is only read.
        formulas: whether spreadsheets open its files, so that its writer takes
            ``formulas=`` (``"escape"`` or ``"raw"``, ``defcoop.query._csv``).
        module: the module that declares it (:func:`defcoop.formats` fills it in).
    """

    name: str
    suffix: str
    title: str
    writes: str | None = None
    reads: str | None = None
    extra: str | None = None
    # Called with the dataset, and formulas= when ``formulas`` is true.
    writer: Callable[..., Mapping[str, str | bytes]] | None = attrs.field(default=None, repr=False)
    formulas: bool = False
    module: str = ""


@functools.cache
def formats() -> tuple[Format, ...]:
    """Every format that a module of :mod:`defcoop.io` declares, by name.

    A module declares its format as a module-level ``FORMAT``; modules whose names start with
    an underscore hold shared machinery and declare none. Two modules declaring one name is
    an error, found the first time the formats are listed.

    >>> import defcoop
    >>> {"csv", "json", "parquet", "plover"} <= {f.name for f in defcoop.formats()}
    True
    """
    # The package's path read from the module table, not imported: the package imports this
    # module, and no import loop is allowed, however late.
    package = sys.modules[__package__]
    found: dict[str, Format] = {}
    for info in pkgutil.iter_modules(package.__path__, f"{__package__}."):
        if info.name.rpartition(".")[2].startswith("_"):
            continue
        declared = getattr(importlib.import_module(info.name), "FORMAT", None)
        if not isinstance(declared, Format):
            continue
        if declared.name in found:
            raise ValueError(
                f"{info.name} and {found[declared.name].module} both declare the format "
                f"{declared.name!r}"
            )
        found[declared.name] = attrs.evolve(declared, module=info.name)
    return tuple(found[name] for name in sorted(found))


def writers() -> tuple[str, ...]:
    """The names of the formats that write a dataset: ``defcoop export --format``'s choices."""
    return tuple(f.name for f in formats() if f.writer is not None)


def named(name: str, *, writing: bool = False) -> Format:
    """The format called ``name``; with ``writing``, only one that writes a dataset.

    Raises:
        UnknownNameError: naming the formats there are and the closest to ``name``.
    """
    from defcoop.query._lookup import unknown

    text = name if isinstance(name, str) else str(name)
    for declared in formats():
        if declared.name == text and (declared.writer is not None or not writing):
            return declared
    choices = writers() if writing else tuple(f.name for f in formats())
    raise unknown("export format" if writing else "format", text, choices, sample=len(choices))


def of_style(name: str, writes: str) -> Format:
    """The export format of the citation style ``name`` (:func:`defcoop.views.cite.styles`):
    one file of the style's entries for every source, named after the style's suffix.

    ``writes`` says what an entry is (``"a BibTeX entry for each source"``).
    """
    from defcoop.views.cite import styles

    (style,) = (style for style in styles() if style.name == name)

    def files(dataset: Dataset) -> dict[str, str]:
        return {f"sources{style.suffix}": style.entries([(s, (), None) for s in dataset.sources])}

    return Format(
        name=style.name,
        suffix=style.suffix,
        title=style.title,
        writes=f"``sources{style.suffix}``: {writes}",
        writer=files,
    )
