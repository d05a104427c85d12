"""Deprecated: moved to :mod:`defcoop.io.exports`, re-exported here until defcoop 0.2."""

from defcoop._moved import warn
from defcoop.io.exports import *  # noqa: F403
from defcoop.io.exports import __all__ as __all__

warn(__name__)
