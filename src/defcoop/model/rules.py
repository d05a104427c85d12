"""The rules a record's attributes obey, as small frozen objects that can be read as data.

Each rule is declared once, on the model (``parties: tuple[str, ...] =
attrs.field(converter=to_tuple, validator=Check(InstanceOf(tuple), Each(InstanceOf(str), ID),
Unique(), NonEmpty()))``), in the manner of attrs' validators. A rule checks a
value when a record is built, raising :class:`~defcoop.errors.RecordError`, and it says what
it requires in the forms the rest of the package reads: JSON Schema keywords for
:func:`defcoop.json_schema`, a Python expression for the loader's generated fast path, and its
own fields (a pattern, a bound, a vocabulary) for the hypothesis strategies. Nothing else
restates a rule, so a rule added here is enforced everywhere at once.

>>> ID.problem("bad id", None)
"expected an id (a letter or digit, then letters, digits and _ . : -), got 'bad id'"
>>> CAMEO.json_schema({"type": "string"}, object)
{'pattern': '^(?:[0-9]{2,4})$'}
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import Any, ClassVar

import attrs

from defcoop._quote import quote
from defcoop.model._attribute import (
    Bind,
    Check,
    Local,
    Rule,
    first_repeat,
    is_optional,
    rules_of,
    to_frozenset,
    to_tuple,
)
from defcoop.model._quantities import Ascending, Between, NotBeforeYearOf, SumAtMost

__all__ = [
    "ALPHA2",
    "ALPHA3",
    "BOOKKEEPING",
    "CAMEO",
    "COUNTRY_ID",
    "COW_ABBREV",
    "CURRENCY",
    "ID",
    "IDENTIFIER",
    "NUMERIC",
    "UNTS",
    "URL",
    "WIKIDATA",
    "Among",
    "Ascending",
    "AtLeast",
    "AtMost",
    "AttributeNames",
    "Between",
    "Check",
    "Differs",
    "Each",
    "InstanceOf",
    "KeysOf",
    "MemberOf",
    "NonEmpty",
    "NotAfter",
    "NotBeforeYearOf",
    "NotBlank",
    "OnlyWith",
    "Pairs",
    "Pattern",
    "Rule",
    "SumAtMost",
    "Unique",
    "Without",
    "first_repeat",
    "inferable",
    "is_optional",
    "rules_of",
    "to_frozenset",
    "to_tuple",
]


BOOKKEEPING = frozenset({"id", "inferred", "notes", "sources"})
"""The attributes every cited record has for bookkeeping, which ``inferred`` may not name."""


def inferable(record_type: type[Any]) -> frozenset[str]:
    """The attributes of a record type that ``inferred`` may name: its data, not its bookkeeping."""
    return frozenset(attrs.fields_dict(record_type)) - BOOKKEEPING


def _shown(value: Any) -> str:
    return quote(value, 60)


@attrs.frozen
class InstanceOf(Rule):
    """The value is an instance of ``type``; ``description`` names it where the class name
    would not say it to a reader (``InstanceOf(RecordDisplay, "a record")``)."""

    expected: type[Any]
    description: str = ""

    def problem(self, value: Any, record: Any) -> str | None:
        if isinstance(value, bool) and self.expected is int:
            # bool is an int to Python, but True is not the number 1 in a data file.
            return f"expected a number, got the boolean {value}"
        if isinstance(value, self.expected):
            return None
        if self.expected is frozenset and isinstance(value, list | tuple):
            try:  # to_frozenset leaves a list with a repeat as it is, for this message
                return f"lists {_shown(first_repeat(value))} twice"
            except TypeError:
                pass  # an item that cannot be in a set: said below
        if self.expected in (tuple, frozenset):
            if isinstance(value, str | bytes):
                return f"expected a list of values, got the single string {_shown(value)}"
            if self.expected is frozenset and isinstance(value, Iterable):
                return f"expected a list of values that can form a set, got {_shown(value)}"
            return f"expected a list of values, got {type(value).__name__} {_shown(value)}"
        what = self.description or self.expected.__name__
        return f"expected {what}, got {type(value).__name__} {_shown(value)}"

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        if self.expected is int:
            return f"isinstance({value}, int) and not isinstance({value}, bool)"
        return f"isinstance({value}, {bind(self.expected)})"


@attrs.frozen
class MemberOf(Rule):
    """The value is a member of a closed vocabulary (an enum), not merely its text."""

    vocabulary: type[enum.Enum]

    def problem(self, value: Any, record: Any) -> str | None:
        if isinstance(value, self.vocabulary):
            return None
        words = ", ".join(repr(member.value) for member in self.vocabulary)
        return f"expected a member of {self.vocabulary.__name__} ({words}), got {_shown(value)}"

    def json_schema(self, schema: dict[str, Any], owner: type[Any]) -> dict[str, Any]:
        return {"enum": [member.value for member in self.vocabulary]}

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        return f"isinstance({value}, {bind(self.vocabulary)})"


@attrs.frozen
class NonEmpty(Rule):
    """The text or the list has at least one item."""

    def problem(self, value: Any, record: Any) -> str | None:
        return "must not be empty" if len(value) == 0 else None

    def json_schema(self, schema: dict[str, Any], owner: type[Any]) -> dict[str, Any]:
        return {"minItems" if schema.get("type") == "array" else "minLength": 1}

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        return value  # text and collections are true exactly when they are not empty


@attrs.frozen
class NotBlank(Rule):
    """The text says something: it is not only whitespace (an empty text is NonEmpty's)."""

    def problem(self, value: Any, record: Any) -> str | None:
        return "must hold more than whitespace" if value and value.isspace() else None

    def json_schema(self, schema: dict[str, Any], owner: type[Any]) -> dict[str, Any]:
        # Written to mean the same searched (JSON Schema) or matched whole (data packages).
        return {"pattern": r"^[\s\S]*\S[\s\S]*$"}

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        return f"not {value}.isspace()"


@attrs.frozen
class Pairs(Rule):
    """The list has exactly two items: a relationship (and a dyad) is between two countries."""

    def problem(self, value: Any, record: Any) -> str | None:
        if len(value) == 2:
            return None
        return f"expected a pair of countries (exactly 2), got {len(value)}"

    def json_schema(self, schema: dict[str, Any], owner: type[Any]) -> dict[str, Any]:
        return {"minItems": 2, "maxItems": 2}

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        return f"len({value}) == 2"


@attrs.frozen
class Pattern(Rule):
    """The value is text that matches ``regex`` as a whole; ``description`` says it in words."""

    regex: str
    description: str = ""
    _compiled: re.Pattern[str] = attrs.field(
        init=False,
        repr=False,
        eq=False,
        hash=False,
        default=attrs.Factory(lambda self: re.compile(self.regex), takes_self=True),
    )

    def matches(self, value: object) -> bool:
        """Whether ``value`` is text that obeys the rule."""
        return isinstance(value, str) and self._compiled.fullmatch(value) is not None

    def problem(self, value: Any, record: Any) -> str | None:
        if self.matches(value):
            return None
        what = self.description or f"text matching {self.regex}"
        return f"expected {what}, got {_shown(value)}"

    def json_schema(self, schema: dict[str, Any], owner: type[Any]) -> dict[str, Any]:
        return {"pattern": f"^(?:{self.regex})$"}

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        return f"{bind(self._compiled.fullmatch)}({value}) is not None"


@attrs.frozen
class AtLeast(Rule):
    """The number is ``bound`` or more."""

    bound: int

    def problem(self, value: Any, record: Any) -> str | None:
        return None if value >= self.bound else f"must be at least {self.bound}, got {value!r}"

    def json_schema(self, schema: dict[str, Any], owner: type[Any]) -> dict[str, Any]:
        return {"minimum": self.bound}

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        return f"{value} >= {self.bound!r}"


@attrs.frozen
class AtMost(Rule):
    """The list has ``bound`` items or fewer (a coverage names at most two countries)."""

    bound: int

    def problem(self, value: Any, record: Any) -> str | None:
        if len(value) <= self.bound:
            return None
        return f"has at most {self.bound} items, got {len(value)}"

    def json_schema(self, schema: dict[str, Any], owner: type[Any]) -> dict[str, Any]:
        return {"maxItems": self.bound}

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        return f"len({value}) <= {self.bound!r}"


@attrs.frozen
class Unique(Rule):
    """No item of the list is listed twice."""

    def problem(self, value: Any, record: Any) -> str | None:
        seen = set()
        for item in value:
            if item in seen:
                return f"lists {item!r} twice"
            seen.add(item)
        return None

    def json_schema(self, schema: dict[str, Any], owner: type[Any]) -> dict[str, Any]:
        return {"uniqueItems": True}

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        return f"(len({value}) < 2 or len(set({value})) == len({value}))"


@attrs.frozen(init=False)
class Each(Rule):
    """Every item of the list or set obeys ``rules``: ``Each(InstanceOf(str), ID)``."""

    rules: tuple[Rule, ...]

    def __init__(self, *rules: Rule) -> None:
        self.__attrs_init__(rules)

    def problem(self, value: Any, record: Any) -> str | None:
        for position, item in enumerate(value):
            for rule in self.rules:
                problem = rule.problem(item, record)
                if problem is not None:
                    return f"item {position}: {problem}"
        return None

    def json_schema(self, schema: dict[str, Any], owner: type[Any]) -> dict[str, Any]:
        items = dict(schema.get("items", {}))
        for rule in self.rules:
            items.update(rule.json_schema(items, owner))
        return {"items": items}

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str | None:
        parts = [rule.source("_item", bind, owner, local) for rule in self.rules]
        if any(part is None for part in parts):
            return None
        return f"all({' and '.join(map(str, parts)) or 'True'} for _item in {value})"


@attrs.frozen
class Among(Rule):
    """The value is one of the items of another attribute (an event's host among its parties)."""

    relates: ClassVar[bool] = True
    attribute: str

    def problem(self, value: Any, record: Any) -> str | None:
        others = getattr(record, self.attribute)
        if value in others:
            return None
        return f"{_shown(value)} must also be among the {self.attribute} {_shown(list(others))}"

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        return f"{value} in {local(self.attribute)}"


@attrs.frozen
class Differs(Rule):
    """The value is not that of another attribute (a visit's recipient is not its actor)."""

    relates: ClassVar[bool] = True
    attribute: str

    def problem(self, value: Any, record: Any) -> str | None:
        if value != getattr(record, self.attribute):
            return None
        return f"{value!r} cannot also be the {self.attribute}"

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        return f"{value} != {local(self.attribute)}"


@attrs.frozen
class OnlyWith(Rule):
    """The value is given only where another attribute is: true (a count only for several),
    or given at all (an event's round only with its mechanism)."""

    relates: ClassVar[bool] = True
    attribute: str

    def problem(self, value: Any, record: Any) -> str | None:
        other = getattr(record, self.attribute)
        if other is None:
            return f"is given as {_shown(value)}, which needs {self.attribute} too"
        if other is False:
            return f"is given only where {self.attribute} = true"
        return None

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        other = local(self.attribute)
        return f"({other} is not None and {other} is not False)"


@attrs.frozen
class NotAfter(Rule):
    """The date may lie no later than the start of another attribute's period (a mechanism
    is founded before the period it is reported at work): its earliest day is not after the
    start's latest one."""

    relates: ClassVar[bool] = True
    attribute: str

    def problem(self, value: Any, record: Any) -> str | None:
        other = getattr(record, self.attribute)
        if other is None or value.earliest <= other.start.latest:
            return None
        return f"{value} lies after the start of the {self.attribute}, {other}"

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        other = local(self.attribute)
        return f"({other} is None or {value}.earliest <= {other}.start.latest)"


@attrs.frozen(init=False)
class Without(Rule):
    """Where the value is given, the other ``attributes`` are empty (None or no items)."""

    relates: ClassVar[bool] = True
    attributes: tuple[str, ...]

    def __init__(self, *attributes: str) -> None:
        self.__attrs_init__(attributes)

    def problem(self, value: Any, record: Any) -> str | None:
        given = [name for name in self.attributes if getattr(record, name) not in (None, ())]
        if not given:
            return None
        return f"a record with {' or '.join(given)} of its own cannot have one"

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        return " and ".join(f"{local(name)} in (None, ())" for name in self.attributes)


@attrs.frozen
class AttributeNames(Rule):
    """Every item names a data attribute of the record's own type (see :func:`inferable`)."""

    def problem(self, value: Any, record: Any) -> str | None:
        names = inferable(type(record))
        unknown = sorted(set(value) - names)
        if not unknown:
            return None
        return (
            f"names {', '.join(map(repr, unknown))}, which "
            f"{'is' if len(unknown) == 1 else 'are'} not among {', '.join(sorted(names))}"
        )

    def json_schema(self, schema: dict[str, Any], owner: type[Any]) -> dict[str, Any]:
        return {"items": {**schema.get("items", {}), "enum": sorted(inferable(owner))}}

    def source(self, value: str, bind: Bind, owner: type[Any], local: Local) -> str:
        return f"{value} <= {bind(inferable(owner))}"


@attrs.frozen
class KeysOf(Rule):
    """The set holds exactly the ``key`` of each item of another attribute, each item once.

    A relationship's ``fields`` are the fields its ``evidence`` items name.
    """

    relates: ClassVar[bool] = True
    attribute: str
    key: str

    def problem(self, value: Any, record: Any) -> str | None:
        keys = [getattr(item, self.key) for item in getattr(record, self.attribute)]
        if len(set(keys)) != len(keys):
            return f"{self.attribute} lists a {self.key} more than once"
        if set(keys) != value:
            missing = sorted(value - set(keys))
            extra = sorted(set(keys) - value)
            return (
                f"every {self.key} needs its own {self.attribute}: {self.key}s without "
                f"{self.attribute} {missing}, {self.attribute} for {self.key}s not listed {extra}"
            )
        return None


ID = Pattern(
    r"[A-Za-z0-9][A-Za-z0-9_.:-]*",
    "an id (a letter or digit, then letters, digits and _ . : -)",
)
"""The pattern of a record id (all records share one namespace of ids)."""

CAMEO = Pattern(r"[0-9]{2,4}", "a CAMEO event code of two to four digits, such as '042'")
"""The pattern of a CAMEO event code, two to four digits (a shorter code is a root)."""

URL = Pattern(r"https?://[^\s/?#]+[^\s]*", "an http(s) address such as 'https://example.org/a'")
"""The pattern of a document's address (http or https, a host, then any path)."""

IDENTIFIER = Pattern(r"[a-z][a-z0-9-]*:\S+", "an id in another dataset, 'scheme:value'")
"""The pattern of an id in another dataset, ``scheme:value`` (``"dcad:1234"``)."""

ALPHA3 = Pattern("[A-Z]{3}", "an ISO 3166-1 alpha-3 code of three capital letters")
"""The pattern of a country's id, its ISO 3166-1 alpha-3 code."""

COUNTRY_ID = Pattern(
    "[A-Z]{3}(?:-[0-9]{1,4})?",
    "an ISO 3166-1 alpha-3 code, or a state-list abbreviation and number such as 'KOR-730'",
)
"""The pattern of a country's id, its ISO alpha-3 code or, for a state without one, its
Correlates of War abbreviation (``BAV``), followed by its number where the abbreviation is
another state's ISO code (``KOR-730``)."""

COW_ABBREV = Pattern("[A-Z]{3}", "a Correlates of War abbreviation of three capital letters")
"""A state's abbreviation in the Correlates of War state list (``DRV`` is Vietnam)."""

ALPHA2 = Pattern("[A-Z]{2}", "an ISO 3166-1 alpha-2 code of two capital letters")
"""A country's ISO 3166-1 alpha-2 code."""

CURRENCY = Pattern("[A-Z]{3}", "an ISO 4217 currency code of three capital letters, such as 'USD'")
"""A currency's ISO 4217 code (``USD``, ``RUB``, ``EUR``)."""

NUMERIC = Pattern("[0-9]{3}", "an ISO 3166-1 numeric code of three digits, such as '704'")
"""A country's ISO 3166-1 numeric code, as text (it keeps its leading zeros)."""

WIKIDATA = Pattern("Q[1-9][0-9]*", "a Wikidata item id, Q and a number, such as 'Q881'")
"""The id of a Wikidata item (``Q881`` is Vietnam), which joins a record to Wikidata."""

UNTS = Pattern(
    "(?:I|II):[1-9][0-9]*", "a UN Treaty Series registration number such as 'I:33521' or 'II:965'"
)
"""A treaty's registration number in the United Nations Treaty Series, written as the UN's
treaty collection writes it: the part (``I``, registered; ``II``, filed and recorded), a colon
and the serial number."""
