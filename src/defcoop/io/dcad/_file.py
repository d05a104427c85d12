"""Reading a DCAD CSV file row by row: a regular file only, its header checked, every row
streamed (never the whole file in memory), each fault an error of defcoop's naming its row.

A FIFO, a device or a folder is refused before anything is read from it (reading a FIFO
would wait for a writer; reading ``/dev/zero`` would never end). A cell longer than
:data:`~defcoop.io.dcad.MAX_CELL` characters, a row with more or fewer cells than the
header, a quote left open, bytes that are not UTF-8: each is a :class:`~defcoop.DataError`
problem naming the file, the row and the column, never a :mod:`csv` or decoding error.
"""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import IO

from defcoop._quote import quote
from defcoop.errors import ArgumentError, DataError, Problem
from defcoop.io.dcad.columns import MAX_CELL
from defcoop.model._names import did_you_mean, suggest

__all__ = ["DcadFile", "file_name"]

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def file_name(path: object) -> str:
    """The file name of a ``path`` argument (text or a path object), checked.

    Raises:
        ArgumentError: for another type, or a name holding a NUL character.
    """
    if not isinstance(path, str | os.PathLike):
        raise ArgumentError(f"path= expects a file name or a path, got {type(path).__name__}")
    name = os.fspath(path)
    if not isinstance(name, str):
        raise ArgumentError(f"path= expects a file name as text, got {quote(name)}")
    if "\0" in name:
        raise ArgumentError(f"path= holds a NUL character, which no file name has: {quote(name)}")
    return name


class DcadFile:
    """One DCAD CSV file, open for reading: its header, then its rows as they come.

    Problems found on the way (short or long rows, oversized cells) are added to
    ``problems``; a fault the CSV reader cannot go on after (a quote left open, bytes that
    are not UTF-8) ends the rows with a problem of its own.
    """

    def __init__(self, name: str, expected: Sequence[str], problems: list[Problem]) -> None:
        """Open ``name`` and read its header, which must hold every column of ``expected``.

        Raises:
            DataError: for a file that cannot be opened, is not a regular file, or whose
                header lacks a column or repeats one.
        """
        self.name, self.problems = name, problems
        self._file = _open(name)
        self._reader = csv.reader(self._file, strict=True)
        self.header: tuple[str, ...] = ()
        self.count = 0
        """The number of rows read so far (blank lines not counted)."""
        try:
            header = self._next()
        except DataError:
            self._file.close()
            raise
        self.header = tuple(header or ())
        if self.header and self.header[0].startswith("\ufeff"):
            self.header = (self.header[0][1:], *self.header[1:])
        faults = self._header_faults(expected)
        if faults:
            self._file.close()
            raise DataError([Problem(file=name, path="header", message=m) for m in faults])
        self.positions = {column: i for i, column in enumerate(self.header)}

    def _header_faults(self, expected: Sequence[str]) -> list[str]:
        faults = []
        seen: dict[str, int] = {}
        for number, column in enumerate(self.header, start=1):
            if column in seen:
                faults.append(
                    f"column {quote(column)} is given twice (columns {seen[column]} and "
                    f"{number}): which one to read is not clear"
                )
            seen.setdefault(column, number)
        for column in expected:
            if column not in seen:
                close = suggest(column, seen)
                faults.append(
                    f"is not a DCAD main file: no column {column}{did_you_mean(close)}"
                    if close
                    else f"is not a DCAD main file: no column {column}"
                )
        return faults

    def _next(self) -> list[str] | None:
        try:
            return next(self._reader)
        except StopIteration:
            return None
        except (csv.Error, UnicodeDecodeError, OSError) as exc:
            raise self._fault(exc) from None

    def _fault(self, exc: Exception) -> DataError:
        """The error of a fault the CSV reader cannot go on after, naming where it is."""
        if isinstance(exc, csv.Error):
            where = f"row {max(self._reader.line_num - 1, 1)}" if self.header else "header"
            return DataError(
                [Problem(file=self.name, path=where, message=f"is not valid CSV: {_csv(exc)}")]
            )
        if isinstance(exc, UnicodeDecodeError):
            where = f"row {max(self._reader.line_num, 1)}" if self.header else "header"
            message = f"is not UTF-8 text: {exc.reason} (byte {exc.start} of a block read)"
            return DataError([Problem(file=self.name, path=where, message=message)])
        assert isinstance(exc, OSError)
        message = f"cannot be read: {exc.strerror or exc}"
        return DataError([Problem(file=self.name, message=message)])

    def batches(self, size: int = 256) -> Iterator[tuple[Sequence[int], list[list[str]]]]:
        """The rows, ``size`` at a time: each row's number (from 1, after the header) and its
        cells. Rows of the wrong width or with an oversized cell are reported and left out.
        Closes the file at the end.

        A batch is read and checked with a few calls over the whole batch (every row as
        wide as the header, no row longer than a cell may be), so that a million rows cost
        little more than the csv module's own reading; a batch that fails a check is gone
        through row by row.

        Raises:
            DataError: every problem so far and the fault, for a fault the reader cannot go
                on after (after the rows read before it are given).
        """
        width, reader, join = len(self.header), self._reader, "".join
        try:
            while True:
                batch: list[list[str]] = []
                fault = None
                try:
                    batch.extend(islice(reader, size))  # keeps the rows read before a fault
                except (csv.Error, UnicodeDecodeError, OSError) as exc:
                    fault = self._fault(exc)
                if batch:
                    first = self.count + 1
                    if set(map(len, batch)) == {width} and max(map(len, map(join, batch))) <= (
                        MAX_CELL  # no cell is longer than its whole row
                    ):
                        self.count += len(batch)
                        yield range(first, self.count + 1), batch
                    else:
                        yield from self._checked(batch, width)
                if fault is not None:
                    raise DataError([*self.problems, *fault.problems]) from None
                if len(batch) < size:
                    return
        finally:
            self._file.close()

    def _checked(
        self, batch: list[list[str]], width: int
    ) -> Iterator[tuple[Sequence[int], list[list[str]]]]:
        """The rows of a batch one at a time: blank lines skipped, faulty rows reported
        when they are reached (so that problems stay in the order of the rows)."""
        for cells in batch:
            if not cells:  # a blank line, which the csv module reads as no cells
                continue
            self.count += 1
            if len(cells) != width:
                self._width(self.count, cells, width)
            elif max(map(len, cells)) > MAX_CELL:
                self._oversized(self.count, cells)
            else:
                yield (self.count,), [cells]

    def _width(self, number: int, cells: list[str], width: int) -> None:
        what = "more" if len(cells) > width else "fewer"
        column = self.header[min(len(cells), width) - 1]
        message = (
            f"has {len(cells)} cells, {what} than the header's {width} columns: "
            "a separator inside an unquoted cell, or a cell missing?"
        )
        self.problems.append(
            Problem(file=self.name, path=f"row {number}", attribute=column, message=message)
        )

    def _oversized(self, number: int, cells: list[str]) -> None:
        for column, cell in zip(self.header, cells, strict=True):
            if len(cell) > MAX_CELL:
                message = (
                    f"a cell of {len(cell):,} characters, over the {MAX_CELL:,} a DCAD cell "
                    "may have (defcoop.io.dcad.MAX_CELL)"
                )
                self.problems.append(
                    Problem(file=self.name, path=f"row {number}", attribute=column, message=message)
                )


def _csv(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return "a cell runs past the CSV reader's limit: a quote left open, or a huge cell"
    if "unexpected end of data" in text:
        return "a quote is opened and never closed"
    return text


def _open(name: str) -> IO[str]:
    """The file opened for reading as UTF-8 text, after making sure it is a regular file.

    It is opened without blocking and checked with ``fstat`` on the open descriptor, so that
    a FIFO is refused without waiting for a writer, and the check is of the file read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(name, flags)
    except OSError as exc:
        message = f"cannot be read: {exc.strerror or exc}"
        raise DataError([Problem(file=name, message=message)]) from None
    try:
        mode = os.fstat(descriptor).st_mode
        for test, kind in _KINDS:
            if test(mode):
                message = f"is {kind}, not a file: only a regular file is read"
                raise DataError([Problem(file=name, message=message)])
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return open(descriptor, encoding="utf-8-sig", newline="")
    except BaseException:
        os.close(descriptor)
        raise
