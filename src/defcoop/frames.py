"""Deprecated: moved to :mod:`defcoop.query.frames`, re-exported here until defcoop 0.2."""

from defcoop._moved import warn
from defcoop.query.frames import *  # noqa: F403
from defcoop.query.frames import __all__ as __all__

warn(__name__)
