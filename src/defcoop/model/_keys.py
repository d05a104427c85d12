"""The names and codes a record is looked up by, read from its record type's declaration, for
the lookups and for the load-time check that keeps them unambiguous.

A record type declares its name attributes once (``names=`` in :mod:`defcoop.model.registry`): a
country's alpha-2, ISO numeric and COW codes and names, a field's label and aliases, a
person's name and aliases. The dataset indexes exactly these
(:class:`defcoop.query._lookup.NameIndex`, strongest kind of name first), and the loader refuses two
countries sharing a key of one kind, or a name that is another record's id. A record's ids
in public registers (``external=``: a Wikidata id, a UN Treaty Series number) are keys too, so
that each finds one record of its type; ``db.get()`` accepts them
(:mod:`defcoop.query._external`).
"""

from __future__ import annotations

from collections.abc import Iterator

from defcoop.model import registry
from defcoop.model.records import Record


def name_keys(record: Record) -> Iterator[tuple[str, str]]:
    """Every name a record is found by besides its id, as ``(attribute, text)``: its names
    and its ids in public registers (``external`` in its declaration, a Wikidata id)."""
    declared = registry.of(type(record))
    for name in (*declared.names, *declared.external):
        value = getattr(record, name)
        if isinstance(value, tuple):
            for item in value:
                yield name, item
        elif value is not None:
            yield name, str(value)
