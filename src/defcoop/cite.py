"""Deprecated: moved to :mod:`defcoop.views.cite`, re-exported here until defcoop 0.2."""

from defcoop._moved import warn
from defcoop.views.cite import *  # noqa: F403
from defcoop.views.cite import __all__ as __all__

warn(__name__)
