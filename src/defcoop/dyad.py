"""Deprecated: moved to :mod:`defcoop.views.dyad`, re-exported here until defcoop 0.2."""

from defcoop._moved import warn
from defcoop.views.dyad import *  # noqa: F403
from defcoop.views.dyad import __all__ as __all__

warn(__name__)
