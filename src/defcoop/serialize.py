"""Deprecated: moved to :mod:`defcoop.io.serialize`, re-exported here until defcoop 0.2."""

from defcoop._moved import warn
from defcoop.io.serialize import *  # noqa: F403
from defcoop.io.serialize import __all__ as __all__

warn(__name__)
