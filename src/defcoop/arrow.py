"""Deprecated: moved to :mod:`defcoop.query.arrow`, re-exported here until defcoop 0.2."""

from defcoop._moved import warn
from defcoop.query.arrow import *  # noqa: F403
from defcoop.query.arrow import __all__ as __all__

warn(__name__)
