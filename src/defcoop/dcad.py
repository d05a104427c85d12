"""Deprecated: moved to :mod:`defcoop.io.dcad`, re-exported here until defcoop 0.2."""

from defcoop._moved import warn
from defcoop.io.dcad import *  # noqa: F403
from defcoop.io.dcad import __all__ as __all__

warn(__name__)
