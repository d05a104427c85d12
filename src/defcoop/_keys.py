"""The names and codes a record is looked up by, read from its record type's declaration, for
the lookups and for the load-time check that keeps them unambiguous.

A record type declares its name attributes once (``names=`` in :mod:`defcoop.registry`): a
country's alpha-2, ISO numeric and COW codes and names, a field's label and aliases, a
person's name and aliases. The dataset indexes exactly these
(:class:`defcoop._lookup.NameIndex`), and the loader refuses two countries that would share
a key, or a name that is another record's id; an exact id always finds its own record.
"""

from __future__ import annotations

from collections.abc import Iterator

from defcoop import registry
from defcoop.model import Record

LATER = frozenset({"cow_code"})
"""Name attributes in a namespace of their own, tried after the others: COW codes.

The COW and ISO numeric systems number countries independently (360 is Indonesia's ISO
numeric code and Romania's COW code), so a COW code may equal another country's ISO numeric
code. Text such as ``"360"`` finds the ISO numeric code first; an int is always a COW code.
Two countries may share neither a COW code nor any other key."""


def name_keys(record: Record) -> Iterator[tuple[str, str]]:
    """Every name a record is found by besides its id, as ``(attribute, text)``."""
    for name in registry.of(type(record)).names:
        value = getattr(record, name)
        if isinstance(value, tuple):
            for item in value:
                yield name, item
        elif value is not None:
            yield name, str(value)
