"""Show an attrs class's signature with the types its attributes hold.

attrs gives a field with a converter the converter's parameter type, so autodoc would show
``sources: Iterable[Any] = NOTHING`` where the record holds ``tuple[Citation, ...]``. The
reference is about what records hold, so the signature is rebuilt from the declared field
types and defaults (a factory shows as its call, ``frozenset()``; a default computed from
other attributes as ``...``, which the class docstring explains).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _default(field: attrs.Attribute[Any]) -> str | None:
    default: Any = field.default
    if default is attrs.NOTHING:
        return None
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return "..." if default.takes_self else f"{default.factory.__name__}()"
    if isinstance(default, enum.Enum):
        return f"{type(default).__name__}.{default.name}"
    return repr(default)


def _annotation(declared: Any) -> str:
    if isinstance(declared, str):  # as written, under `from __future__ import annotations`
        return declared
    return declared.__name__ if isinstance(declared, type) else repr(declared)


def attrs_signature(cls: type) -> str:
    """The parameters of an attrs class's ``__init__``, typed as its attributes are.

    >>> @attrs.frozen(kw_only=True)
    ... class Example:
    ...     names: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    ...     tags: frozenset[str] = attrs.field(factory=frozenset)
    >>> attrs_signature(Example)
    '(*, names: tuple[str, ...] = (), tags: frozenset[str] = frozenset())'
    """
    positional: list[str] = []
    keyword: list[str] = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        text = f"{field.alias}: {_annotation(field.type)}"
        default = _default(field)
        if default is not None:
            text += f" = {default}"
        (keyword if field.kw_only else positional).append(text)
    return "(" + ", ".join([*positional, *(["*", *keyword] if keyword else [])]) + ")"


def _signature(
    _app: Sphinx,
    what: str,
    _name: str,
    obj: Any,
    _options: Any,
    _signature: str | None,
    return_annotation: str | None,
) -> tuple[str, str | None] | None:
    if what in {"class", "exception"} and isinstance(obj, type) and attrs.has(obj):
        return attrs_signature(obj), return_annotation
    return None


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the signature hook for autodoc."""
    app.setup_extension("sphinx.ext.autodoc")
    app.connect("autodoc-process-signature", _signature)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
