"""Building blocks of the strategies: texts, names, ids, pools and optional values."""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Literal, TypeVar

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from defcoop.model.dates import PartialDate, Period
from defcoop.model.records import Citation, Record, Source
from defcoop.model.rules import ID, inferable

T = TypeVar("T")
R = TypeVar("R", bound=Record)

_EVERY_DAY = Period(PartialDate(1), PartialDate(9999))  # every day a PartialDate can name
_DEFAULT_SPAN = Period(PartialDate(1900), PartialDate(2100))  # the dates of datasets()

# Letters whose case and diacritics normalize cleanly; names never hold digits or "-", so a
# generated name can never be mistaken for a generated id ("field-3") or code ("VNM", "704").
_LATIN = string.ascii_lowercase + "áàảãạâấầăắđéèêếệíìóòôốồơớờúùưứừýçñöüøł"
_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщыэюя"
_SURROGATES: list[Literal["Cs"]] = ["Cs"]
# Any character but surrogates, without the UTF-8 codec table hypothesis would compute.
_CHARACTERS = st.characters(codec=None, exclude_categories=_SURROGATES)


def _strategy(value: T | SearchStrategy[T]) -> SearchStrategy[T]:
    if isinstance(value, st.SearchStrategy):
        return value
    return st.just(value)


# The helpers below are called inside composite strategies, once per record drawn; each new
# strategy object costs hypothesis a validation on its first draw (and st.builds a reading of
# its class's annotations). So they hand back the same object for the same arguments, which
# are strategies (hashed by identity), numbers and tuples: built and validated once.
_CACHED = functools.lru_cache(maxsize=4096)


def _maybe(strategy: SearchStrategy[T]) -> SearchStrategy[T | None]:
    return _maybe_of(strategy)


@_CACHED
def _maybe_of(strategy: SearchStrategy[Any]) -> SearchStrategy[Any]:
    return st.none() | strategy


def _usually(strategy: SearchStrategy[T]) -> SearchStrategy[T | None]:
    """A value of ``strategy`` three times in four, else None (as most events have dates)."""
    return _usually_of(strategy)


@_CACHED
def _usually_of(strategy: SearchStrategy[Any]) -> SearchStrategy[Any]:
    return _usually_drawn(strategy)


@st.composite
def _usually_drawn(draw: st.DrawFn, strategy: SearchStrategy[T]) -> T | None:
    return draw(strategy) if draw(st.integers(0, 3)) else None


def _pool(values: Sequence[T]) -> SearchStrategy[T]:
    """One of ``values``; nothing at all when there are none, so optional references stay None.

    A tuple, so that hypothesis caches the strategy: pools of the same values (the ids of one
    dataset after another) are then built and validated once.
    """
    return st.sampled_from(tuple(values)) if values else st.nothing()


def _lists(
    elements: SearchStrategy[T],
    *,
    min_size: int = 0,
    max_size: int,
    unique: bool = False,
    unique_by: Callable[[T], Hashable] | None = None,
) -> SearchStrategy[list[T]]:
    """Lists of ``elements``; only empty ones when there are no elements to draw.

    (``st.lists`` of an empty strategy gives up on the whole example instead: a dataset
    without fields would be thrown away at its relationships' evidence.)
    """
    return _lists_of(elements, min_size, max_size, unique, unique_by)


@_CACHED
def _lists_of(
    elements: SearchStrategy[Any],
    min_size: int,
    max_size: int,
    unique: bool,
    unique_by: Callable[[Any], Hashable] | None,
) -> SearchStrategy[list[Any]]:
    if elements.is_empty and min_size == 0:
        return st.just([])
    return st.lists(
        elements, min_size=min_size, max_size=max_size, unique=unique, unique_by=unique_by
    )


def _sets(elements: SearchStrategy[T], *, max_size: int) -> SearchStrategy[frozenset[T]]:
    return _lists(elements, max_size=max_size).map(frozenset)


@functools.cache
def _text(max_size: int = 30) -> SearchStrategy[str]:
    # Text says something: not only whitespace, which the model refuses.
    return st.text(_CHARACTERS, min_size=1, max_size=max_size).filter(lambda t: not t.isspace())


@functools.cache
def _notes() -> SearchStrategy[str | None]:
    return _maybe(_text(60))


@functools.cache
def _names() -> SearchStrategy[str]:
    """Names of one to three capitalized words, Latin (with diacritics) or Cyrillic."""
    scripts = [st.text(letters, min_size=4, max_size=9) for letters in (_LATIN, _CYRILLIC)]
    word = st.one_of(scripts).map(str.capitalize)
    return st.lists(word, min_size=1, max_size=3).map(" ".join)


@functools.cache
def _urls() -> SearchStrategy[str]:
    """http(s) addresses: a host of lower-case labels and an optional path."""
    label = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8)
    host = st.lists(label, min_size=2, max_size=3).map(".".join)
    path = st.lists(label, max_size=3).map(lambda parts: "".join("/" + p for p in parts))
    return st.builds(
        lambda scheme, host, path: f"{scheme}://{host}{path}",
        st.sampled_from(("http", "https")),
        host,
        path,
    )


@functools.cache
def _identifiers() -> SearchStrategy[str]:
    """Ids in other datasets, ``scheme:value`` (``"dcad:1234"``)."""
    scheme = st.sampled_from(("dcad", "unts", "atop"))
    value = st.text(string.ascii_letters + string.digits + "-_.", min_size=1, max_size=8)
    return st.builds(lambda s, v: f"{s}:{v}", scheme, value)


@functools.cache
def _aliases(max_size: int = 3) -> SearchStrategy[list[str]]:
    return st.lists(_names(), unique=True, max_size=max_size)


@functools.cache
def _letters(size: int) -> SearchStrategy[str]:
    return st.text(string.ascii_uppercase, min_size=size, max_size=size)


@functools.cache
def _inferred(record_type: type[Record]) -> SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(sorted(inferable(record_type))), max_size=2)


@_CACHED
def _cited(citations: SearchStrategy[Citation] | None) -> SearchStrategy[list[Citation]]:
    # Repeats are dropped after drawing (a record cites a paragraph once): asking hypothesis for
    # unique lists from a pool of one or two citations makes it search for a long time.
    return st.lists(
        _any_citations() if citations is None else citations, min_size=1, max_size=3
    ).map(lambda cited: list(dict.fromkeys(cited)))


# Character classes one after another, each perhaps repeated: [A-Z]{3}, [0-9]{2,4},
# [A-Za-z0-9][A-Za-z0-9_.:-]*. No escapes, no negation, no groups.
_CLASS = r"\[([A-Za-z0-9_.:-]+)\](\*|\+|\?|\{([0-9]+)(?:,([0-9]+))?\})?"
_ONE_CLASS = re.compile(_CLASS)
_CLASSES = re.compile(f"(?:{_CLASS})+")
_REPEATS: dict[str | None, tuple[int, int | None]] = {
    None: (1, 1),
    "*": (0, None),
    "+": (1, None),
    "?": (0, 1),
}


@functools.cache
def _matching(regex: str) -> SearchStrategy[str]:
    """Text that matches ``regex`` as a whole.

    A pattern made of character classes, each perhaps repeated, is drawn as text of each
    class's alphabet: one draw a class rather than one a character (``from_regex`` costs a
    few times more, and ids and ISO and CAMEO codes are drawn for every record). Any other
    pattern goes through ``from_regex``.
    """
    if _CLASSES.fullmatch(regex) is None:
        return st.from_regex(regex, fullmatch=True, alphabet=_CHARACTERS)
    parts = [_class_text(shape) for shape in _ONE_CLASS.finditer(regex)]
    return parts[0] if len(parts) == 1 else st.tuples(*parts).map("".join)


def _class_text(shape: re.Match[str]) -> SearchStrategy[str]:
    members, repeat, least, most = shape.groups()
    alphabet = ""
    i = 0
    while i < len(members):
        if i + 2 < len(members) and members[i + 1] == "-":  # a range, such as A-Z
            alphabet += "".join(map(chr, range(ord(members[i]), ord(members[i + 2]) + 1)))
            i += 3
        else:
            alphabet += members[i]
            i += 1
    if repeat in _REPEATS:
        low, high = _REPEATS[repeat]
    else:
        low = int(least)
        high = int(most or least)
    return st.text(alphabet, min_size=low, max_size=high)


@functools.cache
def record_ids() -> SearchStrategy[str]:
    """Valid record ids: a letter or digit, then letters, digits and ``_ . : -``.

    Drawn from the pattern the model declares for ids (:data:`defcoop.model.rules.ID`).
    """
    return _matching(ID.regex)


def _ids(ids: SearchStrategy[str] | None) -> SearchStrategy[str]:
    return record_ids() if ids is None else ids


def _codes(codes: SearchStrategy[str] | None) -> SearchStrategy[str]:
    return _letters(3) if codes is None else codes


@functools.cache
def _any_citations() -> SearchStrategy[Citation]:
    return st.builds(Citation, source=record_ids(), paragraph=st.integers(1, 1000))


def _paragraphs_of(source: Source) -> SearchStrategy[Citation]:
    """Citations of one of ``source``'s paragraphs."""
    return _citing(source.id, source.paragraphs)


@functools.lru_cache(maxsize=1024)
def _citing(source: str, paragraphs: int) -> SearchStrategy[Citation]:
    """Built once per source, not once per citation drawn."""
    return st.builds(Citation, source=st.just(source), paragraph=st.integers(1, paragraphs))
