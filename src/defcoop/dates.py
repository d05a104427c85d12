"""Deprecated: moved to :mod:`defcoop.model.dates`, re-exported here until defcoop 0.2."""

from defcoop._moved import warn
from defcoop.model.dates import *  # noqa: F403
from defcoop.model.dates import __all__ as __all__

warn(__name__)
