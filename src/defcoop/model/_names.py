"""Name matching that ignores case, diacritics and spacing, with suggestions for misspellings."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

# Letters that carry their mark in the letter itself, so that NFKD cannot split it off.
_UNDECOMPOSABLE = str.maketrans({"đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l"})


def normalize(name: str) -> str:
    """The key a name is matched by: case-folded, without diacritics, single-spaced.

    >>> normalize("  Ngô Xuân   LỊCH ")
    'ngo xuan lich'
    >>> normalize("Đà Nẵng") == normalize("da nang")
    True
    """
    if name.isascii():  # most names: nothing to decompose, and 20 times cheaper
        return " ".join(name.casefold().split())
    decomposed = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSABLE))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().replace("\u2019", "'").split())


_SCAN = 2000  # pools up to this size are compared whole; larger ones by their neighbors
_NEIGHBORS = 60  # names taken on each side of a misspelling, in each of two orders
_LONGEST = 200  # characters of a misspelling compared; beyond, nothing is close anyway


class Suggester:
    """The names of a pool closest to a misspelling, at a cost that does not grow with the pool.

    A small pool (up to 2,000 names) is compared whole with :mod:`difflib`. In a larger one,
    only the names next to the misspelling in two sorted orders are compared: by their
    beginnings and by their endings, so that a typo anywhere but at both ends at once is
    found; sorting happens once, on the first misspelling. Answers are remembered.

    A name is suggested only when it is really close (:func:`is_close`): a few typos away,
    or holding the misspelling as whole words (``Putin`` in ``Vladimir Putin``). A name
    that merely shares letters is not a suggestion: better none than a wrong lead.

    >>> Suggester(["visit", "meeting", "exercise"]).close("vsit")
    ['visit']
    >>> Suggester(["Aleksandr Gura", "Vladimir Putin"]).close("Putin")
    ['Vladimir Putin']
    >>> Suggester(["Aleksandr Gura", "Sergei Shoigu"]).close("Putin")
    []
    """

    __slots__ = ("_by_key", "_choices", "_known", "_reversed", "_sorted")

    def __init__(self, choices: Iterable[str]) -> None:
        self._choices = choices
        self._by_key: dict[str, str] | None = None
        self._sorted: list[str] = []
        self._reversed: list[str] = []
        self._known: dict[tuple[str, int], list[str]] = {}

    def _keys(self) -> dict[str, str]:
        by_key = self._by_key
        if by_key is None:
            by_key = {}
            for choice in self._choices:
                by_key.setdefault(normalize(choice), choice)
            if len(by_key) > _SCAN:
                self._sorted = sorted(by_key)
                self._reversed = sorted(key[::-1] for key in by_key)
            self._by_key = by_key
        return by_key

    def close(self, name: str, limit: int = 3) -> list[str]:
        """The choices closest to ``name``, best first (none when nothing is close)."""
        known = self._known.get((name, limit))
        if known is not None:
            return known
        import difflib  # only a misspelling needs it, and it is not free to import

        by_key = self._keys()
        key = normalize(name[:_LONGEST])
        pool: Iterable[str] = by_key
        if self._sorted:
            pool = dict.fromkeys(
                [*_around(self._sorted, key), *_around_reversed(self._reversed, key)]
            )
        # A name whose length differs by more than the typos allowed cannot be close: it is
        # left out before difflib's costly ratios (it may still hold the name as words).
        allowed = _allowed(key)
        size = len(key)
        within = [k for k in pool if abs(len(k) - size) <= allowed]
        near = difflib.get_close_matches(key, within, n=max(4 * limit, 12), cutoff=0.6)
        close = [k for k in near if typos(key, k, allowed) <= allowed][:limit]
        if not close:
            close = [k for k in pool if _holds_words(k, key) or _holds_words(key, k)][:limit]
        found = [by_key[k] for k in close]
        if len(self._known) < 4096:
            self._known[(name, limit)] = found
        return found

    def sample(self, count: int) -> list[str]:
        """The first ``count`` choices in sorted order, to show where none is close."""
        import heapq

        return heapq.nsmallest(count, self._keys().values())


def typos(first: str, second: str, most: int | None = None) -> int:
    """The edits (insertions, deletions, changes, swaps of neighbours) between two texts.

    With ``most``, any count above it may be answered as ``most + 1`` without being
    counted in full: enough to tell whether two texts are close, at a fraction of the cost
    for those that are not.

    >>> typos("militery", "military"), typos("LOA", "LAO"), typos("rusia", "prussia")
    (1, 1, 2)
    >>> typos("sorce-1", "src-17"), typos("sorce-1", "src-17", most=1)
    (3, 2)
    """
    if most is not None and abs(len(first) - len(second)) > most:
        return most + 1
    before: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i]
        for j, b in enumerate(second, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        # A swap reaches back two rows, so only two rows both over the bound settle it.
        if most is not None and min(current) > most and min(previous) > most:
            return most + 1
        before, previous = previous, current
    return previous[-1]


def _allowed(key: str) -> int:
    """How many typos a suggestion may be from a name: one in four letters, at least one."""
    return max(1, len(key) // 4)


def _holds_words(name: str, part: str) -> bool:
    """Whether ``part`` is one or more whole words of ``name`` (both normalized)."""
    return bool(part) and part != name and f" {part} " in f" {name} "


def _around(ordered: list[str], key: str) -> list[str]:
    import bisect

    at = bisect.bisect_left(ordered, key)
    return ordered[max(0, at - _NEIGHBORS) : at + _NEIGHBORS]


def _around_reversed(ordered: list[str], key: str) -> list[str]:
    return [found[::-1] for found in _around(ordered, key[::-1])]


def suggest(name: str, choices: Iterable[str], *, limit: int = 3) -> list[str]:
    """The choices closest to ``name``, best first, compared as normalized names."""
    return Suggester(choices).close(name, limit)


def did_you_mean(close: Sequence[str]) -> str:
    """The hint that ends a message about an unknown name: empty when nothing is close.

    >>> did_you_mean(["visit", "meeting"])
    "; did you mean 'visit' or 'meeting'?"
    """
    return f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
