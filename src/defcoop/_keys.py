"""The names and codes each record can be looked up by, written once for the lookups and the
load-time check that keeps them unambiguous.

A country is found by its alpha-3 code (its id), alpha-2, ISO numeric and COW codes and its
names; a field by its id, label and aliases; a person by id, name and aliases. The dataset
indexes exactly these (:class:`defcoop._lookup.NameIndex`), and the loader refuses two
countries that would share a key, or a name that is another record's id; an exact id
always finds its own record.
"""

from __future__ import annotations

from collections.abc import Iterator

from defcoop.model import Country, Field, Person, Record


def country_keys(country: Country) -> Iterator[tuple[str, str]]:
    """Every key of a country but its code, as ``(attribute, text)``, codes first."""
    yield "alpha2", country.alpha2
    if country.numeric:
        yield "numeric", country.numeric
    if country.cow_code is not None:
        yield "cow_code", str(country.cow_code)
    yield "name", country.name
    for name in country.names:
        yield "names", name


def name_keys(record: Record) -> Iterator[tuple[str, str]]:
    """The names a field or person is found by besides its id, as ``(attribute, text)``."""
    if isinstance(record, Country):
        yield from country_keys(record)
    elif isinstance(record, Field):
        yield "label", record.label
        for alias in record.aliases:
            yield "aliases", alias
    elif isinstance(record, Person):
        yield "name", record.name
        for alias in record.aliases:
            yield "aliases", alias


def names_of(record: Record) -> tuple[str, ...]:
    """The names of :func:`name_keys` a record is found by first (all but a COW code)."""
    return tuple(text for attribute, text in name_keys(record) if attribute not in LATER)


def later_names_of(record: Record) -> tuple[str, ...]:
    """The names a record is found by when no first name matches: a COW code as text."""
    return tuple(text for attribute, text in name_keys(record) if attribute in LATER)


LATER = frozenset({"cow_code"})
"""Keys in a namespace of their own, tried after the others: COW codes.

The COW and ISO numeric systems number countries independently (360 is Indonesia's ISO
numeric code and Romania's COW code), so a COW code may equal another country's ISO numeric
code. Text such as ``"360"`` finds the ISO numeric code first; an int is always a COW code.
Two countries may not share a COW code, nor any other key."""
