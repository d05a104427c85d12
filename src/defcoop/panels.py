"""Deprecated: moved to :mod:`defcoop.views.panels`, re-exported here until defcoop 0.2."""

from defcoop._moved import warn
from defcoop.views.panels import *  # noqa: F403
from defcoop.views.panels import __all__ as __all__

warn(__name__)
