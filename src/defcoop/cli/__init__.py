"""The ``defcoop`` command and its subcommands."""

from defcoop.cli._main import main

__all__ = ["main"]
