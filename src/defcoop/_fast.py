"""The fast way from parsed data-file values to records, generated from the model's rules.

Structuring through cattrs with detailed validation costs about 9 µs per agreement, most of
it spent getting ready to explain problems that sound data does not have. The functions here
read the same schema with the same rules, but are built for the common case: any doubt at all,
and they raise :class:`UnsoundError`, so that the loader hands that one record to the cattrs
converter, which gives the detailed error or, if the value is fine after all, the record. They
never accept a value the converter would refuse.

Nothing here restates a rule. For each record type, Python source is generated from its attrs
fields (their annotations say how to read a value, their :mod:`defcoop.rules` what to check),
compiled once per type and registered with :mod:`linecache`, so that tracebacks and debuggers
show it, as cattrs does for its own generated functions. Where every rule of a type can be said
as an expression, the generated function checks them itself and sets the record's slots
directly; otherwise it builds the record through its ``__init__``, which checks every rule.
Values that repeat (ids, dates, periods, citations, id lists) are checked once per load and
shared between records: records are immutable, so sharing equal values is safe and saves memory.
"""

from __future__ import annotations

import enum
import functools
import itertools
import linecache
import operator
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from defcoop import registry
from defcoop._fieldtypes import guaranteed, hints, unwrap_optional
from defcoop._values import LARGEST_INT, plain_citation, structure_citation, structure_date
from defcoop._values import structure_period as _period_of
from defcoop.dates import PartialDate, Period
from defcoop.errors import DefcoopError
from defcoop.model import Citation
from defcoop.rules import (
    Check,
    Each,
    NonEmpty,
    NotBlank,
    Rule,
    rules_of,
    to_frozenset,
    to_tuple,
)

__all__ = ["Structure", "Structurer", "UnsoundError", "source_of"]

Structure = Callable[[Any], Any]

# What reading a malformed value raises inside a generated function: a missing key or an
# unknown vocabulary word (KeyError), a value that cannot be hashed (TypeError), a date that
# cannot exist or a nested record that breaks a rule (DefcoopError). Each becomes an
# UnsoundError; anything else is a bug and propagates.
_MALFORMED = (KeyError, TypeError, DefcoopError)
_ABSENT: Any = object()


class UnsoundError(Exception):
    """Raised by a fast structurer for a value it does not vouch for; cattrs then says why."""


class Structurer:
    """Record builders for one load, sharing the values they have already read."""

    def __init__(self) -> None:
        self._checked: dict[Any, dict[Any, Any]] = {}
        self._dates: dict[Any, PartialDate] = {}
        self._periods: dict[Any, Period] = {}
        self._citations: dict[Any, Citation] = {}
        self._by_type: dict[type, Structure | None] = {}

    def function(self, cls: type) -> Structure | None:
        """The fast structurer for ``cls``, or None where there is none (always use cattrs)."""
        if cls not in self._by_type:
            self._by_type[cls] = None  # a type that holds itself goes through cattrs
            made = _made(cls)
            if made is not None:
                factory, needs = made
                self._by_type[cls] = factory(*(need(self) for need in needs))
        return self._by_type[cls]

    def checked(self, key: Any) -> dict[Any, Any]:
        """The values already checked against one set of rules, by their raw form."""
        return self._checked.setdefault(key, {})

    def date(self, value: Any) -> PartialDate:
        """A date from its text, read once per load."""
        known = self._dates.get(value)
        if known is None:
            known = structure_date(value)
            if type(value) is str:
                self._dates[value] = known
        return known

    def period(self, value: Any) -> Period:
        """A period from its text, read once per load."""
        known = self._periods.get(value)
        if known is None:
            known = _period_of(value)
            if type(value) is str:
                self._periods[value] = known
        return known

    def citations(self, value: Any) -> tuple[Citation, ...]:
        """A list of citations (``"source#3"`` or tables), each text read once per load."""
        if type(value) is not list:
            raise UnsoundError
        known = self._citations
        try:
            return tuple(map(known.__getitem__, value))
        except (KeyError, TypeError):
            pass  # a citation not read before, or a table: read them one by one
        found = []
        for item in value:
            if type(item) is dict:
                found.append(plain_citation(item))
                continue
            citation = known.get(item)
            if citation is None:
                citation = known[item] = structure_citation(item)
            found.append(citation)
        return tuple(found)


# Generation ---------------------------------------------------------------------------------

_Need = Callable[[Structurer], Any]
_made_by_type: dict[type, tuple[Callable[..., Structure], list[_Need]] | None] = {}
_sources: dict[type, str] = {}
_serial = itertools.count()


def _made(cls: type) -> tuple[Callable[..., Structure], list[_Need]] | None:
    """The compiled factory of ``cls``'s structurer and what it needs from a Structurer."""
    if cls not in _made_by_type:
        _made_by_type[cls] = None
        generator = _Generator(cls)
        source = generator.generate()
        if source is not None:
            name = f"<defcoop fast structure {cls.__module__}.{cls.__qualname__}-{next(_serial)}>"
            linecache.cache[name] = (len(source), None, source.splitlines(True), name)
            namespace = dict(generator.constants)
            exec(compile(source, name, "exec"), namespace)
            _sources[cls] = source
            _made_by_type[cls] = (namespace["make"], generator.needs)
    return _made_by_type[cls]


def source_of(cls: type) -> str | None:
    """The generated source of ``cls``'s fast structurer, for reading and debugging."""
    _made(cls)
    return _sources.get(cls)


def _attribute(name: str) -> _Need:
    return operator.attrgetter(name)


def _citation_lookup(structurer: Structurer) -> Callable[[Any], Citation]:
    return structurer._citations.__getitem__


def _value_checker(key: tuple[type, tuple[Rule, ...]], structurer: Structurer) -> Structure:
    """A function that checks a value not seen before against its rules, then remembers it."""
    expected, rules = key
    known = structurer.checked(key)

    def check(value: Any) -> Any:
        if type(value) is not expected:
            raise UnsoundError
        if type(value) is int and not -LARGEST_INT <= value <= LARGEST_INT:
            raise UnsoundError
        for rule in rules:
            if not rule.relates and rule.problem(value, None) is not None:
                raise UnsoundError
        known[value] = value
        return value

    return check


def _list_reader(
    item_key: tuple[type, tuple[Rule, ...]], origin: type, structurer: Structurer
) -> Structure:
    """A function that reads a list of text into a tuple or set, each item checked once."""
    get = structurer.checked(item_key).get
    check = _value_checker(item_key, structurer)

    def read(value: Any) -> Any:
        if type(value) is not list:
            raise UnsoundError
        found = tuple(map(get, value))
        if None in found:  # an item not seen before in this load
            found = tuple(
                [
                    check(item) if known is None else known
                    for item, known in zip(value, found, strict=True)
                ]
            )
        result = origin(found)
        if len(result) != len(found):  # a set built from a list that names an item twice
            raise UnsoundError
        return result

    return read


def _checked(key: Any) -> _Need:
    return lambda structurer: structurer.checked(key)


def _function(cls: type, structurer: Structurer) -> Structure | None:
    return structurer.function(cls)


class _UnreadableError(Exception):
    """An attribute the generator does not know how to read: no fast path for its type."""


class _Generator:
    """Writes the source of one record type's fast structurer."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.constants: dict[str, Any] = {
            "_Unsound": UnsoundError,
            "_MALFORMED": _MALFORMED,
            "_ABSENT": _ABSENT,
            "_LARGEST": LARGEST_INT,
        }
        self._names: dict[int, str] = {}
        self.needs: list[_Need] = []
        self.parameters: list[str] = []
        self.lines: list[str] = []

    def bind(self, value: object) -> str:
        """The global name under which the generated code reaches ``value``."""
        name = self._names.get(id(value))
        if name is None:
            name = self._names[id(value)] = f"_k{len(self._names)}"
            self.constants[name] = value
        return name

    def need(self, name: str, need: _Need) -> str:
        """A parameter of the factory: something each load has its own of (a cache)."""
        self.parameters.append(name)
        self.needs.append(need)
        return name

    def generate(self) -> str | None:
        cls = self.cls
        if not attrs.has(cls):
            return None
        try:
            types_ = hints(cls)
            direct = self._direct_possible()
            body = self._body(types_, direct)
        except (_UnreadableError, NameError):
            return None
        parameters = ", ".join(self.parameters)
        header = [
            f"def make({parameters}):",
            "    def structure(raw):",
            f"        if type(raw) is not dict or not raw.keys() <= {self.bind(self._keys())}:",
            "            raise _Unsound",
            "        get = raw.get",
            "        try:",
        ]
        footer = [
            "        except _MALFORMED:",
            "            raise _Unsound from None",
            "    return structure",
        ]
        return "\n".join(header + ["            " + line for line in body] + footer) + "\n"

    def _keys(self) -> frozenset[str]:
        return frozenset(field.name for field in attrs.fields(self.cls))

    def _direct_possible(self) -> bool:
        """Whether records can be built by setting their slots, checking every rule here."""
        cls = self.cls
        if hasattr(cls, "__attrs_post_init__") or hasattr(cls, "__attrs_pre_init__"):
            return False
        for field in attrs.fields(cls):
            slot = cls.__dict__.get(field.name)
            if not isinstance(slot, types.MemberDescriptorType):
                return False
            if field.validator is not None and not isinstance(field.validator, Check):
                return False
            if field.converter not in (None, to_tuple, to_frozenset):
                return False
            default = field.default
            if isinstance(default, attrs.Factory) and (  # type: ignore[arg-type]
                default.takes_self or default.factory not in (tuple, frozenset)
            ):
                return False
            for rule in rules_of(field):
                probe = rule.source("_probe", lambda value: "_x", cls, lambda name: name)
                if probe is None:
                    return False
        return True

    def _body(self, hints: dict[str, Any], direct: bool) -> list[str]:
        lines: list[str] = [] if direct else ["kw = {}"]
        relating: list[str] = []
        for field in attrs.fields(self.cls):
            hint, optional = unwrap_optional(hints[field.name])
            local = f"a_{field.name}"
            key = repr(field.name)
            rules = rules_of(field) if direct else ()
            read = self._read(hint, rules, local, field.name)
            if field.default is attrs.NOTHING:
                lines += [f"v = raw[{key}]", *read]
            elif direct:
                default = field.default
                if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                    default = default.factory()
                if default is None:
                    lines += [f"v = get({key})", "if v is None:", f"    {local} = None", "else:"]
                else:
                    lines += [
                        f"v = get({key}, _ABSENT)",
                        "if v is _ABSENT:",
                        f"    {local} = {self.bind(default)}",
                        "else:",
                    ]
                lines += ["    " + line for line in read]
            else:
                none = ["elif v is None:", f"    kw[{key}] = None"] if optional else []
                lines += [f"v = get({key}, _ABSENT)", "if v is _ABSENT:", "    pass", *none]
                lines += ["else:", *("    " + line for line in read)]
            if not direct:
                if field.default is attrs.NOTHING:
                    lines.append(f"kw[{key}] = {local}")
                else:
                    lines.append(f"    kw[{key}] = {local}")
            for rule in rules:
                if rule.relates:
                    test = rule.source(local, self.bind, self.cls, lambda name: f"a_{name}")
                    guard = f"{local} is not None and " if optional else ""
                    relating += [f"if {guard}not ({test}):", "    raise _Unsound"]
        if not direct:
            return [*lines, f"return {self.bind(self.cls)}(**kw)"]
        new = self.bind(object.__new__)
        lines += relating
        lines.append(f"r = {new}({self.bind(self.cls)})")
        for field in attrs.fields(self.cls):
            setter = self.bind(self.cls.__dict__[field.name].__set__)
            lines.append(f"{setter}(r, a_{field.name})")
        lines.append("return r")
        return lines

    def _tests(self, rules: tuple[Rule, ...], value: str) -> str:
        """One expression true when ``value`` obeys every rule that does not relate."""
        tests = []
        for rule in rules:
            if rule.relates:
                continue
            test = rule.source(value, self.bind, self.cls, lambda name: f"a_{name}")
            assert test is not None  # _direct_possible made sure
            tests.append(f"({test})")
        return " and ".join(tests)

    def _read(self, hint: Any, rules: tuple[Rule, ...], local: str, name: str) -> list[str]:
        """Lines that read the raw value ``v`` into ``local``, raising _Unsound on any doubt."""
        if hint is str or hint is int or hint is bool:
            # A record's own id is unique to it: remembering it would cost without saving.
            unique = name == self._id_attribute()
            return self._scalar(hint, guaranteed(rules, hint), local, remember=not unique)
        if hint is PartialDate or hint is Period:
            reader = "date" if hint is PartialDate else "period"
            known = self.need(f"{reader}s_{name}", _attribute(f"_{reader}s"))
            read = self.need(f"read_{reader}_{name}", _attribute(reader))
            return [
                f"{local} = {known}.get(v)",
                f"if {local} is None:",
                f"    {local} = {read}(v)",
                *self._check(guaranteed(rules, hint), local),
            ]
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            members = self.bind({member.value: member for member in hint})
            return [f"{local} = {members}[v]", *self._check(guaranteed(rules, hint), local)]
        origin = typing.get_origin(hint)
        if origin in (tuple, frozenset):
            return self._collection(origin, typing.get_args(hint)[0], rules, local, name)
        raise _UnreadableError(hint)

    def _check(self, rules: tuple[Rule, ...], local: str) -> list[str]:
        tests = self._tests(rules, local)
        return [f"if not ({tests}):", "    raise _Unsound"] if tests else []

    def _id_attribute(self) -> str:
        try:
            return registry.of(self.cls).id_attribute
        except TypeError:  # not a record type: a value class such as a citation or a role
            return "id"

    def _scalar(
        self, hint: type, rules: tuple[Rule, ...], local: str, *, remember: bool
    ) -> list[str]:
        exact = f"type(v) is not {hint.__name__}"
        if hint is int:
            exact += " or not -_LARGEST <= v <= _LARGEST"
        tests = self._tests(rules, "v")
        cheap = hint is int or all(isinstance(rule, NonEmpty | NotBlank) for rule in rules)
        if not tests or cheap or not remember:
            condition = f"{exact} or not ({tests})" if tests else exact
            return [f"if {condition}:", "    raise _Unsound", f"{local} = v"]
        # A costly rule (a pattern): each distinct value is checked once per load, by the
        # rules themselves; only a value seen before is taken on trust.
        key = (hint, rules)
        checked = self.need(f"checked_{local}", _checked(key))
        check = self.need(f"check_{local}", functools.partial(_value_checker, key))
        return [
            f"{local} = {checked}.get(v)",
            f"if {local} is None:",
            f"    {local} = {check}(v)",
        ]

    def _collection(
        self, origin: type, item: Any, rules: tuple[Rule, ...], local: str, name: str
    ) -> list[str]:
        rules = guaranteed(rules, origin)
        item_rules: tuple[Rule, ...] = ()
        outer: list[Rule] = []
        for rule in rules:
            if isinstance(rule, Each):
                item_rules += guaranteed(rule.rules, item)
            else:
                outer.append(rule)
        if item is Citation:
            # Citations read before in this load, looked up at C speed; the others one by one.
            known = self.need(f"citation_of_{name}", _citation_lookup)
            read = self.need(f"citations_{name}", _attribute("citations"))
            lines = [
                "if type(v) is not list:",
                "    raise _Unsound",
                "try:",
                f"    {local} = tuple(map({known}, v))",
                "except (KeyError, TypeError):",
                f"    {local} = {read}(v)",
            ]
            if origin is frozenset:
                lines.append(f"{local} = frozenset({local})")
            return lines + self._check_each(item_rules, local) + self._check(tuple(outer), local)
        if attrs.has(item):
            if _made(item) is None:
                raise _UnreadableError(item)
            build = self.need(f"build_{name}", functools.partial(_function, item))
            kind = origin.__name__
            return [
                "if type(v) is not list:",
                "    raise _Unsound",
                f"{local} = {kind}([{build}(x) for x in v])",
                *self._check_each(item_rules, local),
                *self._check(tuple(outer), local),
            ]
        if item is not str:
            raise _UnreadableError(item)
        # Lists of text: each distinct list is read and checked once per load, then shared.
        lists = self.need(f"lists_{name}", _checked(("list", self.cls, name, rules)))
        read = self.need(f"read_{name}", functools.partial(_list_reader, (str, item_rules), origin))
        return [
            f"{local} = {lists}.get(tuple(v)) if type(v) is list else None",
            f"if {local} is None:",
            f"    {local} = {read}(v)",
            *("    " + line for line in self._check(tuple(outer), local)),
            f"    {lists}[tuple(v)] = {local}",
        ]

    def _check_each(self, rules: tuple[Rule, ...], local: str) -> list[str]:
        if not rules:
            return []
        return self._check((Each(*rules),), local)
