"""Indexes from the names people type to record ids, and the coercion of query arguments."""

from __future__ import annotations

import enum
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from defcoop._quote import described, quote
from defcoop.errors import DateError, QueryError, UnknownNameError
from defcoop.model import registry
from defcoop.model._names import Suggester, normalize
from defcoop.model.dates import PartialDate, Period
from defcoop.model.rules import CAMEO
from defcoop.query._table import name_values

E = TypeVar("E", bound=enum.StrEnum)
_MEMO_SIZE = 4096


class NameIndex:
    """Maps normalized names (ids, labels, codes, aliases) to the ids they stand for.

    The maps are built on the first lookup, not with the dataset: normalizing every name of
    a large dataset costs more than loading its small record types.
    """

    __slots__ = (
        "_kind",
        "_listing",
        "_maps",
        "_pending",
        "_read",
        "_resolved",
        "_suggester",
    )

    def __init__(
        self,
        kind: str,
        entries: Iterable[Entry] | Callable[[], Iterable[Entry]],
        *,
        listing: str | None = None,
    ) -> None:
        self._kind = kind
        self._listing = listing
        self._resolved: dict[str, str] = {}
        # A function giving the entries is called on the first lookup: a dataset that is never
        # searched by name, such as a first load answering a query by field, never pays for it.
        # (Two threads' first lookups may both call it; each makes the same entries.)
        self._pending = entries if callable(entries) else tuple(entries).__iter__
        self._read: tuple[list[tuple[str, Tiers]], frozenset[str]] | None = None
        self._maps: tuple[dict[str, set[str]], dict[str, str]] | None = None
        self._suggester: Suggester | None = None

    def _listed(self) -> tuple[list[tuple[str, Tiers]], frozenset[str]]:
        """Each record's id and names as tiers, and the ids given (read from ``entries`` once)."""
        if self._read is None:
            entries = [
                (record_id, names if isinstance(names, Tiers) else Tiers((record_id, *names)))
                for record_id, names in self._pending()
            ]
            self._read = (entries, frozenset(record_id for record_id, _ in entries))
        return self._read

    @property
    def _ids(self) -> dict[str, set[str]]:
        return self._built()[0]

    @property
    def _shown(self) -> dict[str, str]:
        return self._built()[1]

    def _built(self) -> tuple[dict[str, set[str]], dict[str, str]]:
        if self._maps is None:
            ids: dict[str, set[str]] = {}
            shown: dict[str, str] = {}
            tier_of: dict[str, int] = {}
            entries = self._listed()[0]
            depth = max((len(tiers.names) for _, tiers in entries), default=0)
            for tier in range(depth):
                for record_id, tiers in entries:
                    for name in tiers.names[tier] if tier < len(tiers.names) else ():
                        key = normalize(name)
                        # A name already meaning another record at a stronger tier keeps it.
                        if tier_of.setdefault(key, tier) < tier and record_id not in ids[key]:
                            continue
                        ids.setdefault(key, set()).add(record_id)
                        shown.setdefault(key, name)
            self._maps = (ids, shown)
        return self._maps

    def resolve(self, name: str, argument: str) -> str:
        """The one id ``name`` stands for; raises naming the closest names when there is none.

        An exact id always finds its record, whatever other records are also called. Names
        already resolved are remembered (up to a bound), as normalizing one costs more than
        the rest of a query.
        """
        if type(name) is str:
            known = self._resolved.get(name)
            if known is not None:
                return known
            if name in self._listed()[1]:
                return name
        ids = self.resolve_all(name, argument)
        if len(ids) > 1:
            raise QueryError(
                f"{argument}={quote(name)} is ambiguous: it names {', '.join(sorted(ids))}; "
                "pass one of those ids"
            )
        (found,) = ids
        if type(name) is str and len(self._resolved) < _MEMO_SIZE:
            self._resolved[name] = found
        return found

    def resolve_all(self, name: str, argument: str) -> frozenset[str]:
        """Every id ``name`` stands for (more than one only for a shared alias)."""
        check_text(name, argument)
        key = normalize(name)
        ids = self._ids.get(key)
        if not ids:
            raise self._unknown(name)
        return frozenset(ids)

    def _unknown(self, name: str) -> UnknownNameError:
        """The error for an unknown name: one suggestion per record, by its closest name."""
        close: list[str] = []
        claimed: set[str] = set()
        if self._suggester is None:
            self._suggester = Suggester(self._shown.values())
        for shown in self._suggester.close(name, limit=12):
            key = normalize(shown)
            ids = self._ids[key]
            if not ids <= claimed:
                claimed |= ids
                close.append(shown)
        if close:
            return UnknownNameError(self._kind, name, close[:3])
        if self._listing is not None:
            return UnknownNameError(self._kind, name, (), close=False, listing=self._listing)
        return UnknownNameError(self._kind, name, sorted(self._shown.values())[:8], close=False)


class Tiers:
    """A record's names in order of strength: a name of a stronger tier is never shadowed.

    Countries need it: ``AUS`` is Australia's ISO code and Austria's COW abbreviation, and
    the ISO code wins; ``"704"`` is Vietnam's ISO numeric code and Uzbekistan's COW number.
    """

    __slots__ = ("names",)

    def __init__(self, *names: Iterable[str]) -> None:
        self.names = tuple(tuple(tier) for tier in names)


Entry = tuple[str, Iterable[str] | Tiers]
"""A record's id and its names (or its names as tiers)."""


def check_text(value: object, argument: str) -> str:
    """``value`` if it is a non-empty string; a :class:`QueryError` otherwise."""
    if not isinstance(value, str):
        raise QueryError(f"{argument}= expects a string, got {described(value)}")
    if not value.strip():
        raise QueryError(f"{argument}= expects a name, got an empty string")
    return value


def coerce_period(value: object, argument: str) -> Period:
    """A date filter as a :class:`Period`, from a Period, a PartialDate or their text."""
    if not isinstance(value, Period | PartialDate | str):
        raise QueryError(
            f"{argument}= expects a PartialDate, a Period or text such as '2018' or '2018-11', "
            f"got {described(value)}"
        )
    try:
        return Period.coerce(value)
    except DateError as exc:
        raise QueryError(f"{argument}={quote(value)}: {exc}") from None


def coerce_member(value: object, vocabulary: type[E], kind: str, argument: str) -> E:
    """A member of a closed vocabulary from itself or its value, ignoring case."""
    if isinstance(value, vocabulary):
        return value
    check_text(value, argument)
    by_key: Mapping[str, E] = {normalize(m.value): m for m in vocabulary}
    member = by_key.get(normalize(str(value)))
    if member is None:
        raise unknown(kind, str(value), [m.value for m in vocabulary])
    return member


def plover_filter(value: object) -> str:
    """A ``plover=`` argument as the key events are indexed under: ``"CONSULT"`` or
    ``"CONSULT-visit"``, checked against PLOVER's event types and the crosswalk's modes."""
    from defcoop.model.plover import MODES, PloverEvent

    text = check_text(value, "plover").strip()
    event_word, dash, mode_word = text.partition("-")
    event = coerce_member(event_word.upper(), PloverEvent, "PLOVER event", "plover")
    if not dash:
        return event.value
    modes = MODES[event.value]
    mode = mode_word.lower()
    if mode not in modes:
        if not modes:
            raise QueryError(f"plover={quote(text)}: the crosswalk gives {event.value} no modes")
        raise unknown(f"{event.value} mode", mode_word, modes)
    return f"{event.value}-{mode}"


def unknown(
    kind: str,
    name: str,
    choices: Iterable[str] | Suggester,
    *,
    sample: int = 8,
    listing: str | None = None,
) -> UnknownNameError:
    """The error for a name that matches nothing: the closest choices, or else where to look.

    Where no choice is close, the error says how to list the choices (``listing``, for names
    of records, which are many and say nothing of each other), or else gives a sample of them
    (a vocabulary's words). ``choices`` may be a :class:`~defcoop.model._names.Suggester`
    kept for a large pool, so that each misspelling costs the same whatever the pool's size.
    """
    suggester = choices if isinstance(choices, Suggester) else Suggester(choices)
    close = suggester.close(name)
    if close:
        return UnknownNameError(kind, name, close)
    if listing is not None:
        return UnknownNameError(kind, name, (), close=False, listing=listing)
    return UnknownNameError(kind, name, suggester.sample(sample), close=False)


def listing(key: str, attribute: object) -> str | None:
    """How to list the records of a kind: ``db.people()`` for a query method, ``db.fields``
    for a property, None where the dataset has neither (``attribute`` is what it has)."""
    if attribute is None:
        return None
    return f"db.{key}()" if callable(attribute) else f"db.{key}"


def record_kind(kind: object) -> type[Any]:
    """The record class for a data-file key (``"agreements"``), its singular, or the class.

    Raises:
        UnknownNameError: naming the closest kinds for an unknown word.
        QueryError: for a value that is neither text nor a record class.
    """
    declared = registry.record_types()
    if isinstance(kind, type) and kind in {d.cls for d in declared}:
        return kind
    if isinstance(kind, type):
        raise QueryError(f"kind= expects a record class such as Agreement, got {kind.__name__}")
    word = normalize(check_text(kind, "kind"))
    for record_type in declared:
        if word in (record_type.key, record_type.singular):
            return record_type.cls
    raise unknown("record kind", str(kind), registry.keys())


def designation_key(
    value: object, known: Container[tuple[str, ...]], transfers: Callable[[], Iterable[Any]]
) -> str:
    """A ``designation=`` filter as the key transfers are indexed under
    (:func:`~defcoop.model._parts.compact`). A key not ``known`` is an error naming the
    closest designations and aliases of ``transfers``, as a misspelt name is elsewhere."""
    from defcoop.model._parts import compact

    key = compact(check_text(value, "designation"))
    if (key,) not in known:
        names = (name for t in transfers() for name in (t.designation, *t.aliases))
        raise unknown("designation", str(value), dict.fromkeys(names))
    return key


def cameo_code(value: object) -> str:
    """A ``cameo=`` filter, checked against the model's CAMEO pattern."""
    code = check_text(value, "cameo")
    if not CAMEO.matches(code):
        # The words are the rule's own, as a data file's error gives them.
        raise QueryError(f"cameo= expects {CAMEO.description}, got {quote(code)}")
    return code


_MEMO_SIZE = 4096
_day_ranges: dict[str, tuple[int, int]] = {}


def day_range(value: PartialDate | Period | str | None, argument: str) -> tuple[int, int] | None:
    """A date filter as its first and last day numbers; text filters are read once."""
    if value is None:
        return None
    if type(value) is str:
        known = _day_ranges.get(value)
        if known is not None:
            return known
    period = coerce_period(value, argument)
    days = (period.earliest.toordinal(), period.latest.toordinal())
    if type(value) is str and len(_day_ranges) < _MEMO_SIZE:
        _day_ranges[value] = days
    return days


_COUNTRY_FILTERS = frozenset(("party", "actor", "recipient", "host"))
"""The event filters that name a country."""


def event_filters(
    arguments: Mapping[str, Any],
    country: Callable[[Any, str], str],
    person: Callable[[Any], str],
    mechanism: Callable[[str], str],
) -> dict[str, str]:
    """The index filters of an event query (``Collection.events``) from its arguments, each
    None where not given: vocabularies coerced, and countries, people and mechanisms resolved
    to ids by the collection's ``country``, ``person`` and ``mechanism`` lookups."""
    given = {name: value for name, value in arguments.items() if value is not None}
    filters: dict[str, str] = {}
    if given.keys() <= _COUNTRY_FILTERS:  # most queries: countries only (or nothing)
        for name, value in given.items():
            filters[name] = country(value, name)
        return filters
    from defcoop.model.kinds import EventKind, EventStatus
    from defcoop.model.records import Mechanism

    if "kind" in given:
        filters["kind"] = coerce_member(given["kind"], EventKind, "event kind", "kind").value
    if "status" in given:
        word = coerce_member(given["status"], EventStatus, "event status", "status")
        filters["status"] = word.value
    for name in ("party", "actor", "recipient", "host"):
        if name in given:
            filters[name] = country(given[name], name)
    if "person" in given:
        filters["person"] = person(given["person"])
    if "plover" in given:
        filters["plover"] = plover_filter(given["plover"])
    if "mechanism" in given:
        value = given["mechanism"]
        found = isinstance(value, Mechanism)
        filters["mechanism"] = value.id if found else mechanism(check_text(value, "mechanism"))
    if "cameo" in given:
        filters["cameo"] = cameo_code(given["cameo"])
    return filters


def named_tiers(records: Sequence[Any], names: Sequence[str]) -> Iterator[tuple[str, Tiers]]:
    """Each record's id and its names as tiers, for a :class:`NameIndex` to read when first used."""
    return ((r.id, Tiers((r.id,), *name_values(r, names))) for r in records)
