"""Deprecated: moved to :mod:`defcoop.model.rules`, re-exported here until defcoop 0.2."""

from defcoop._moved import warn
from defcoop.model.rules import *  # noqa: F403
from defcoop.model.rules import __all__ as __all__

warn(__name__)
