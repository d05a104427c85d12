"""Files and texts defcoop writes and reads, one module per format, and the all-or-nothing
writer they share.

Each format module declares its :class:`Format` once, as ``FORMAT``; :func:`defcoop.formats`
lists them (see ``defcoop.io._registry``). Named as pandas names its own (``pandas.io``):
``defcoop.formats`` is the function that lists the formats.
"""

from defcoop.io._registry import Format, formats

__all__ = ["Format", "formats"]
