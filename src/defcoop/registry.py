"""Deprecated: moved to :mod:`defcoop.model.registry`, re-exported here until defcoop 0.2."""

from defcoop._moved import warn
from defcoop.model.registry import *  # noqa: F403
from defcoop.model.registry import __all__ as __all__

warn(__name__)
