"""The model: record classes, their parts and rules, dates, vocabularies, the record types.

The bottom layer of defcoop above :mod:`defcoop.errors`: nothing here imports the query,
views, loading, formats or command-line layers. The record classes are re-exported here, so
``from defcoop.model import Agreement`` keeps working (they are defined in
:mod:`defcoop.model.records`).
"""

from defcoop.model._compiled import cached

# Every model module is imported from here (a submodule's import runs this first), with the
# compiled code of attrs' generated methods taken from a cache (see _compiled).
with cached():
    from defcoop.model.records import *  # noqa: F403
    from defcoop.model.records import __all__ as __all__
