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


def suggest(name: str, choices: Iterable[str], *, limit: int = 3) -> list[str]:
    """The choices closest to ``name``, best first, compared as normalized names."""
    import difflib  # only a misspelling needs it, and it is not free to import

    by_key: dict[str, str] = {}
    for choice in choices:
        by_key.setdefault(normalize(choice), choice)
    key = normalize(name)
    close = difflib.get_close_matches(key, list(by_key), n=limit, cutoff=0.6)
    if not close:
        close = [k for k in by_key if key and (key in k or k in key)][:limit]
    return [by_key[k] for k in close]


def did_you_mean(close: Sequence[str]) -> str:
    """The hint that ends a message about an unknown name: empty when nothing is close.

    >>> did_you_mean(["visit", "meeting"])
    "; did you mean 'visit' or 'meeting'?"
    """
    return f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
