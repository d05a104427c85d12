"""Writing, compiling and keeping the source of each record type's fast structurer.

For each record type, Python source is generated from its attrs fields (their annotations
say how to read a value, their :mod:`defcoop.model.rules` what to check), compiled once per type
and registered with :mod:`linecache`, so that tracebacks and debuggers show it, as cattrs
does for its own generated functions. Where every rule of a type can be said as an
expression, the generated function checks them itself and sets the record's slots directly;
otherwise it builds the record through its ``__init__``, which checks every rule. Read a
type's source with :func:`source_of`; :class:`defcoop.loading.fast._fast.Structurer` runs them.
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
from typing import Any, Protocol

import attrs

from defcoop.errors import DefcoopError
from defcoop.model import registry
from defcoop.model._fieldtypes import guaranteed, hints, unwrap_optional
from defcoop.model._values import LARGEST_INT
from defcoop.model.dates import PartialDate, Period
from defcoop.model.records import Citation
from defcoop.model.rules import (
    Check,
    Each,
    NonEmpty,
    NotBlank,
    Rule,
    Unique,
    rules_of,
    to_frozenset,
    to_tuple,
)

__all__ = ["Structure", "UnsoundError", "made", "source_of"]

Structure = Callable[[Any], Any]

# What reading a malformed value raises inside a generated function: a missing key or an
# unknown vocabulary word (KeyError), a value that cannot be hashed (TypeError), a date that
# cannot exist or a nested record that breaks a rule (DefcoopError). Each becomes an
# UnsoundError; anything else is a bug and propagates.
_MALFORMED = (KeyError, TypeError, DefcoopError)
_ABSENT: Any = object()


class UnsoundError(Exception):
    """Raised by a fast structurer for a value it does not vouch for; cattrs then says why."""


class Host(Protocol):
    """What a generated structurer needs of the load that runs it: the
    :class:`~defcoop.loading.fast._fast.Structurer`, which imports this module (so this module
    names it by what it does, not by importing it)."""

    _citations: dict[Any, Citation]

    def function(self, cls: type) -> Structure | None:
        """The fast structurer of ``cls``, or None."""

    def checked(self, key: Any) -> dict[Any, Any]:
        """The values already checked against one set of rules, by their raw form."""


_Need = Callable[[Host], Any]
_made_by_type: dict[type, tuple[Callable[..., Structure], list[_Need]] | None] = {}
_sources: dict[type, str] = {}
_serial = itertools.count()


def made(cls: type) -> tuple[Callable[..., Structure], list[_Need]] | None:
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
    made(cls)
    return _sources.get(cls)


def _attribute(name: str) -> _Need:
    return operator.attrgetter(name)


def _citation_lookup(structurer: Host) -> Callable[[Any], Citation]:
    return structurer._citations.__getitem__


@functools.cache
def _twin(cls: type) -> type:
    """A mutable twin of the frozen ``cls``, with the same slots, which plain assignment sets.

    Python runs a plain ``record.name = value`` on a slot at a fraction of the cost of
    calling the slot's ``__set__``; a frozen class refuses it. A twin instance, once every
    slot is set, becomes a ``cls`` by assigning its ``__class__`` (Python checks the two
    layouts are the same). No twin instance ever leaves a generated function.

    The twin is a sibling of ``cls`` (same bases, same slots in the same order) where Python
    accepts one, so that ``cls.__subclasses__()`` lists only the model's own classes: it does
    for every record class, whose ``__weakref__`` slot is their base's. A part whose own
    ``__weakref__`` slot comes after its attributes' cannot have a sibling of the same
    layout, and gets a subclass that adds no slot instead.
    """
    namespace = {
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
        "__module__": __name__,
        "__qualname__": f"_twin_of_{cls.__qualname__}",
        "__doc__": f"{cls.__name__} while the fast path sets its slots.",
    }
    slots = cls.__dict__.get("__slots__")
    if slots is not None and "__weakref__" not in slots:
        sibling = type(f"_twin_of_{cls.__name__}", cls.__bases__, {**namespace, "__slots__": slots})
        probe: Any = object.__new__(sibling)
        try:
            probe.__class__ = cls
        except TypeError:
            pass
        else:
            return sibling
    twin = type(f"_twin_of_{cls.__name__}", (cls,), {**namespace, "__slots__": ()})
    probe = object.__new__(twin)
    probe.__class__ = cls  # the layouts are the same, or a TypeError here
    return twin


@functools.cache
def _list_reader(check: str, constants: tuple[tuple[str, Any], ...], origin: type) -> Any:
    """The compiled factory of a function reading a list of text not read before in a load.

    ``check`` is the expression refusing an item ``x`` (a generated test of its rules), under
    ``constants``. One is compiled per distinct check and kind of collection, and shared by
    every attribute and record type that reads lists with the same rules. Each item is
    checked once per load, then shared with the values of every attribute with those rules.
    """
    lines = [
        "def make(items):",
        "    get = items.get",
        "    def read(v):",
        "        if type(v) is not list:",
        "            raise _Unsound",
        "        found = tuple(map(get, v))",
        "        if None in found:  # an item not seen before in this load",
        "            for x in v:",
        "                if x not in items:",
        f"                    if {check}:",
        "                        raise _Unsound",
        "                    items[x] = x",
        "            found = tuple(map(get, v))",
    ]
    if origin is frozenset:  # a set from a list that names an item twice is refused
        lines += ["        found = frozenset(found)", "        if len(found) != len(v):"]
        lines += ["            raise _Unsound"]
    source = "\n".join([*lines, "        return found", "    return read"]) + "\n"
    name = f"<defcoop fast list reader {origin.__name__}-{next(_serial)}>"
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    namespace = {"_Unsound": UnsoundError, **dict(constants)}
    exec(compile(source, name, "exec"), namespace)
    return namespace["make"]


def _reads_list(make: Any, key: Any) -> _Need:
    return lambda structurer: make(structurer.checked(key))


def _checked(key: Any) -> _Need:
    return lambda structurer: structurer.checked(key)


def _function(cls: type, structurer: Host) -> Structure | None:
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
            *([] if direct else ["        get = raw.get"]),
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
        try:
            _twin(cls)
        except TypeError:  # not a class whose instances can change class (no slots, say)
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
        fields = attrs.fields(self.cls)
        required = sum(field.default is attrs.NOTHING for field in fields)
        # How many optional keys are left to read: once none is, the remaining optional
        # attributes take their defaults without a look-up each.
        lines: list[str] = [f"left = len(raw) - {required}"] if direct else ["kw = {}"]
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
                given = [f"if left and {key} in raw:", "    left -= 1", f"    v = raw[{key}]"]
                if default is None:
                    given += ["    if v is None:", f"        {local} = None", "    else:"]
                    given += ["        " + line for line in read]
                else:
                    given += ["    " + line for line in read]
                lines += [*given, "else:", f"    {local} = {self.bind(default)}"]
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
        lines += relating
        # Built as its mutable twin, whose slots plain assignments set (at the speed of a
        # local variable), then turned into the record type itself, all slots set.
        lines.append(f"r = {self.bind(object.__new__)}({self.bind(_twin(self.cls))})")
        lines += [f"r.{field.name} = a_{field.name}" for field in attrs.fields(self.cls)]
        lines += [f"r.__class__ = {self.bind(self.cls)}", "return r"]
        return lines

    def _tests(self, rules: tuple[Rule, ...], value: str, texts: str = "") -> str:
        """One expression true when ``value`` obeys every rule that does not relate."""
        tests = []
        for rule in rules:
            if rule.relates:
                continue
            name = texts if texts and isinstance(rule, Unique) else value
            test = rule.source(name, self.bind, self.cls, lambda name: f"a_{name}")
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
        if isinstance(hint, type) and attrs.has(hint):  # one part, such as a transfer's value
            if made(hint) is None:
                raise _UnreadableError(hint)
            build = self.need(f"build_{name}", functools.partial(_function, hint))
            return [f"{local} = {build}(v)", *self._check(guaranteed(rules, hint), local)]
        raise _UnreadableError(hint)

    def _check(self, rules: tuple[Rule, ...], local: str, texts: str = "") -> list[str]:
        """Lines refusing ``local`` unless it obeys ``rules``; with ``texts``, the name of the
        texts ``local`` was read from one to one, a rule on repeats is checked on those."""
        tests = self._tests(rules, local, texts)
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
        # A costly rule (a pattern): each distinct value is checked once per load, then
        # remembered with the values of any attribute with the same rules.
        checked = self.need(f"checked_{local}", _checked((hint, rules)))
        return [
            f"{local} = {checked}.get(v)",
            f"if {local} is None:",
            f"    if {exact} or not ({tests}):",
            "        raise _Unsound",
            f"    {checked}[v] = {local} = v",
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
            # A list of texts all read before holds each citation as often as its text: a
            # citation has one spelling ("src#3", never "src#03"), so a rule on repeats
            # (Unique) can be checked on the texts, whose hashes Python keeps, rather than on
            # the citations. Citations read now are checked as they come.
            convert = [f"{local} = frozenset({local})"] if origin is frozenset else []
            each = self._check_each(item_rules, local)
            read_now = convert + each + self._check(tuple(outer), local)
            read_before = convert + each + self._check(tuple(outer), local, "v")
            return [
                "if type(v) is not list:",
                "    raise _Unsound",
                "try:",
                f"    {local} = tuple(map({known}, v))",
                "except (KeyError, TypeError):",
                f"    {local} = {read}(v)",
                *("    " + line for line in read_now),
                *(["else:", *("    " + line for line in read_before)] if read_before else []),
            ]
        if attrs.has(item):
            if made(item) is None:
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
        items = _Generator(self.cls)  # names of its own, so that equal checks share a reader
        tests = items._tests(item_rules, "x")
        check = f"type(x) is not str or not ({tests})" if tests else "type(x) is not str"
        constants = tuple((key, items.constants[key]) for key in items._names.values())
        make = _list_reader(check, constants, origin)
        read = self.need(f"read_{name}", _reads_list(make, (str, item_rules)))
        return [
            f"{local} = {lists}.get(tuple(v)) if type(v) is list else None",
            f"if {local} is None:",
            f"    {local} = {read}(v)",
            *("    " + line for line in self._check(tuple(outer), local)),
            # A tuple read equals the list's texts, so it is its own key: one tuple kept, not
            # two (a set is keyed by the texts in their order).
            f"    {lists}[{local if origin is tuple else 'tuple(v)'}] = {local}",
        ]

    def _check_each(self, rules: tuple[Rule, ...], local: str) -> list[str]:
        if not rules:
            return []
        return self._check((Each(*rules),), local)
