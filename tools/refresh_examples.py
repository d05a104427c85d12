"""Print again the outputs of the examples (doctests) that the bundled data has changed.

When the bundled data grows, examples in the docs that print counts or lists of the bundled
data print new answers. This runs the examples of the given Markdown pages as the test suite
does, and for each example whose output changed rewrites the expected output in the page with
what it prints now. Review the diff before committing: a changed answer must be a change of
the data, never a bug. Examples with ``+ELLIPSIS`` or ``+SKIP`` are left as they are and listed.

Usage: ``python tools/refresh_examples.py docs/tutorial.md README.md ...``
"""

from __future__ import annotations

import doctest
import sys
from pathlib import Path


class _Recorder(doctest.DocTestRunner):
    def __init__(self) -> None:
        super().__init__(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE * 0)
        self.changed: list[tuple[doctest.Example, str]] = []

    def report_failure(self, out, test, example, got):  # type: ignore[no-untyped-def]
        self.changed.append((example, got))

    def report_unexpected_exception(self, out, test, example, exc_info):  # type: ignore[no-untyped-def]
        print(f"{test.filename}:{example.lineno + 1}: raised {exc_info[1]!r}", file=sys.stderr)


def refresh(path: Path) -> int:
    text = path.read_text("utf-8")
    test = doctest.DocTestParser().get_doctest(text, {}, path.name, str(path), 0)
    runner = _Recorder()
    runner.run(test, out=lambda _: None, clear_globs=True)
    lines = text.split("\n")
    done = 0
    for example, got in sorted(runner.changed, key=lambda c: -c[0].lineno):
        flags = example.options
        if flags.get(doctest.ELLIPSIS) or flags.get(doctest.SKIP):
            print(f"{path}:{example.lineno + 1}: left as it is (ELLIPSIS or SKIP)")
            continue
        start = example.lineno + len(example.source.splitlines())
        count = len(example.want.splitlines())
        new = [" " * example.indent + line if line else "" for line in got.rstrip("\n").split("\n")]
        lines[start : start + count] = new
        done += 1
    if done:
        path.write_text("\n".join(lines), "utf-8")
    print(f"{path}: {done} example(s) printed again")
    return done


if __name__ == "__main__":
    for name in sys.argv[1:]:
        refresh(Path(name))
