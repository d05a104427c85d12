"""A reader for ``CITATION.cff``: the block subset of YAML that the file uses, without PyYAML.

defcoop's only dependencies are attrs and cattrs, yet :func:`defcoop.cite_dataset` must read
``CITATION.cff`` (YAML) as the one source of the dataset's citation. This reads the part of
YAML such a file needs: block mappings and block sequences by indentation (a sequence may
start at its key's indentation), ``- key: value`` items, plain, single- and double-quoted
scalars, folded (``>``, ``>-``) and literal (``|``, ``|-``) block scalars, and ``#``
comments. Every scalar is read as text, as YAML's base schema reads it (``year: 2020`` gives
``"2020"``). Anything else (flow collections, anchors, tags, tabs, several documents) is
refused with a :class:`~defcoop.errors.DataError` naming the line, never misread.

>>> read('title: "defcoop"\\nauthors:\\n  - name: The team\\nyear: 2026\\n')
{'title': 'defcoop', 'authors': [{'name': 'The team'}], 'year': '2026'}
"""

from __future__ import annotations

import json
import re
from typing import Any

from defcoop.errors import DataError, Problem

__all__ = ["read"]

# A key, plain or quoted, then a colon and the value if it is on the same line.
_KEY = re.compile(
    r"""^(?:([A-Za-z0-9_][A-Za-z0-9_.-]*)|'((?:[^']|'')*)'|"((?:[^"\\]|\\.)*)"):(?:\s+(.*))?$"""
)
_BLOCK_SCALARS = (">", ">-", "|", "|-")


def read(text: str, *, name: str = "CITATION.cff") -> dict[str, Any]:
    """The mapping a ``CITATION.cff`` text holds; raises DataError outside the subset read."""
    reader = _Reader(text, name)
    found = reader.next_line()
    if found is None:
        return {}
    indent, content = found
    if indent != 0 or content.startswith("-") or not _KEY.match(content):
        raise reader.error("expected a mapping of keys (`key: value`) at the top level")
    document = reader.mapping(0)
    rest = reader.next_line()
    if rest is not None:
        raise reader.error("expected a key at the indentation of the mapping above")
    return document


class _Reader:
    """The lines of the file, read once from the top by recursive descent on indentation."""

    def __init__(self, text: str, name: str) -> None:
        self.lines = text.splitlines()
        self.name = name
        self.at = 0

    def error(self, message: str) -> DataError:
        line = min(self.at, len(self.lines) - 1) + 1
        return DataError([Problem(file=self.name, path=f"line {line}", message=message)])

    def next_line(self) -> tuple[int, str] | None:
        """The indentation and content of the next line that holds a value, not consumed."""
        while self.at < len(self.lines):
            raw = self.lines[self.at]
            content = raw.strip()
            if content and not content.startswith("#"):
                margin = raw[: len(raw) - len(raw.lstrip())]
                if "\t" in margin:
                    raise self.error("a tab in the indentation (YAML indents with spaces)")
                if content.startswith(("---", "...", "&", "*", "!", "%", "[", "{")):
                    raise self.error(f"{content[:3]!r}: only block mappings and lists are read")
                return len(margin), content
            self.at += 1
        return None

    def mapping(self, indent: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while (found := self.next_line()) is not None and found[0] >= indent:
            if found[0] > indent:
                raise self.error("unexpected indentation")
            match = _KEY.match(found[1])
            if match is None:
                if found[1].startswith("-"):
                    break
                raise self.error(f"expected `key: value`, got {found[1]!r}")
            key = _key(match)
            if key in result:
                raise self.error(f"the key {key!r} is given twice")
            self.at += 1
            result[key] = self.value(match[4] or "", indent)
        return result

    def value(self, text: str, indent: int) -> Any:
        if text in _BLOCK_SCALARS:
            return self.block_scalar(text, indent)
        if text:
            return _scalar(text, self)
        found = self.next_line()
        if found is None:
            return None
        if found[0] > indent:
            return self.sequence(found[0]) if _is_item(found[1]) else self.mapping(found[0])
        if found[0] == indent and _is_item(found[1]):
            return self.sequence(indent)
        return None

    def sequence(self, indent: int) -> list[Any]:
        items: list[Any] = []
        while (found := self.next_line()) is not None and found[0] == indent:
            if not _is_item(found[1]):
                break
            rest = found[1][1:].lstrip()
            inner = indent + len(found[1]) - len(rest)
            if not rest:
                self.at += 1
                items.append(self.value("", indent))
            elif _KEY.match(rest) or _is_item(rest):
                # "- key: value" opens a mapping whose keys stand at the key's column, and
                # "- - item" a list whose items do.
                self.lines[self.at] = " " * inner + rest
                items.append(self.sequence(inner) if _is_item(rest) else self.mapping(inner))
            else:
                self.at += 1
                items.append(_scalar(rest, self))
        if found is not None and found[0] > indent:
            raise self.error("unexpected indentation")
        return items

    def block_scalar(self, style: str, indent: int) -> str:
        lines: list[str] = []
        margin: int | None = None
        while self.at < len(self.lines):
            raw = self.lines[self.at]
            if raw.strip():
                width = len(raw) - len(raw.lstrip(" "))
                if width <= indent:
                    break
                margin = width if margin is None else margin
                if width < margin:
                    raise self.error("a block scalar's line is less indented than its first")
                lines.append(raw[margin:])
            else:
                lines.append("")
            self.at += 1
        while lines and not lines[-1]:
            lines.pop()
        if style.startswith("|"):
            text = "\n".join(lines)
        else:
            text = ""
            for previous, line in zip(["", *lines], lines, strict=False):
                if not line:
                    text += "\n"
                elif text and previous:
                    text += " " + line
                else:
                    text += line
        return text if style.endswith("-") or not text else text + "\n"


def _key(match: re.Match[str]) -> str:
    if match[1] is not None:
        return match[1]
    if match[2] is not None:
        return match[2].replace("''", "'")
    value: str = json.loads(f'"{match[3]}"')
    return value


def _is_item(content: str) -> bool:
    return content == "-" or content.startswith("- ")


def _scalar(text: str, reader: _Reader) -> str:
    if text.startswith('"'):
        end = _closing_quote(text)
        if end is None or text[end + 1 :].strip()[:1] not in ("", "#"):
            raise reader.error(f"a double-quoted scalar must end on its line: {text!r}")
        value: str = json.loads(text[: end + 1])
        return value
    if text.startswith("'"):
        match = re.match(r"'((?:[^']|'')*)'\s*(#.*)?$", text)
        if match is None:
            raise reader.error(f"a single-quoted scalar must end on its line: {text!r}")
        return match[1].replace("''", "'")
    if text.startswith(("[", "{", "&", "*", "!", "|", ">", "%", "@", "`")):
        raise reader.error(f"{text!r}: only plain, quoted and block scalars are read")
    return re.split(r"\s+#", text, maxsplit=1)[0].rstrip()


def _closing_quote(text: str) -> int | None:
    escaped = False
    for index, char in enumerate(text[1:], start=1):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            return index
    return None
