"""Deprecated: moved to :mod:`defcoop.views.timeline`, re-exported here until defcoop 0.2."""

from defcoop._moved import warn
from defcoop.views.timeline import *  # noqa: F403
from defcoop.views.timeline import __all__ as __all__

warn(__name__)
