"""Short sentences: the tutorial and the how-to guides average under 25 words a sentence.

The pages are those of the sidebar's "Getting started" and "How-to guides" sections, read
from the toctrees of ``docs/index.md``. Only prose counts: code blocks, tables, headings,
directives and labels are left out; inline code counts as one word. A sentence ends at ".",
"!" or "?" before a space and a word, or at the end of a paragraph or list item ("e.g.",
"i.e." and "2018-11-15" do not end one).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
LIMIT = 25
_TOCTREE = re.compile(r"```\{toctree\}\n(.*?)```", re.DOTALL)
_FENCED = re.compile(r"^(```+|~~~+).*?^\1\s*$", re.DOTALL | re.MULTILINE)
_END = re.compile(r"(?<=[.!?])\s+(?=[A-Za-z*_\[(\"'])")
_ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|cf|vs)\.")
_ITEM = re.compile(r"\n(?=[-*] |\d+\. )")


def pages(*captions: str) -> list[str]:
    """The documents listed under the toctrees of index.md with these captions."""
    found = []
    for body in _TOCTREE.findall((DOCS / "index.md").read_text("utf-8")):
        caption = re.search(r"^:caption: (.*)$", body, re.MULTILINE)
        if caption and caption.group(1).strip() in captions:
            found += [line.strip() for line in body.splitlines() if line.strip()[:1].isalpha()]
    return found


def sentences(markdown: str) -> list[str]:
    """The sentences of a page's prose."""
    found = []
    blocks = re.split(r"\n\s*\n", _FENCED.sub("", markdown))
    for paragraph in (item for block in blocks for item in _ITEM.split(block)):
        text = paragraph.strip()
        if not text or text.startswith(("#", "|", "(", "%", "<!--", "{", ":", ">", "```")):
            continue
        text = re.sub(r"`[^`]*`", "code", " ".join(text.split()))
        text = _ABBREVIATIONS.sub(r"\1", text)
        text = re.sub(r"\{[a-z:]+\}", "", text)
        text = re.sub(r"\]\([^)]*\)", "]", text)
        text = re.sub(r"^[-*] |^\d+\. ", "", text)
        found += [s for s in _END.split(text) if s.strip()]
    return found


def test_sentences_are_found_as_a_reader_would() -> None:
    """Abbreviations, dates and code do not end a sentence; a capital after a stop does."""
    text = "Use `db.load()` on 2018-11-15, e.g. twice. Then [read](x.md) it!\n\n```\nA. B.\n```"
    assert sentences(text) == ["Use code on 2018-11-15, e.g twice.", "Then [read] it!"]
    assert sentences("- One item.\n- and another.") == ["One item.", "and another."]


def test_the_sections_list_their_pages() -> None:
    """The captions this test reads exist and hold the tutorial and the panels how-to."""
    assert "tutorial" in pages("Getting started")
    assert "panels" in pages("How-to guides")


@pytest.mark.parametrize("page", pages("Getting started", "How-to guides"))
def test_sentences_average_under_25_words(page: str) -> None:
    """The page's prose averages fewer than 25 words a sentence."""
    found = sentences((DOCS / f"{page}.md").read_text("utf-8"))
    words = [len(s.split()) for s in found]
    average = sum(words) / len(words)
    longest = max(found, key=lambda s: len(s.split()))
    assert average < LIMIT, f"{page}: {average:.1f} words a sentence; longest: {longest}"
