"""Deprecated: moved to :mod:`defcoop.query.results`, re-exported here until defcoop 0.2."""

from defcoop._moved import warn
from defcoop.query.results import *  # noqa: F403
from defcoop.query.results import __all__ as __all__

warn(__name__)
