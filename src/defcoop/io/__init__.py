"""Files and texts defcoop writes and reads, one module per format (JSON, JSON Schema, CSV,
Parquet, data packages, PLOVER, DCAD), and the all-or-nothing writer they share.

Named as pandas names its own (``pandas.io``): ``defcoop.formats`` would shadow the function
that lists the formats.
"""
