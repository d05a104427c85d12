"""Deprecated: moved to :mod:`defcoop.views.graph`, re-exported here until defcoop 0.2."""

from defcoop._moved import warn
from defcoop.views.graph import *  # noqa: F403
from defcoop.views.graph import __all__ as __all__

warn(__name__)
