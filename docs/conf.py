"""Sphinx configuration: furo, MyST Markdown and autodoc, built without network access.

The version comes from the package itself (``defcoop.__version__``), so it has one source.
The extensions under ``_ext`` generate the coverage page from the bundled data, show attrs
classes with the types their attributes hold, and resolve standard-library names and type
variables without downloading an inventory, so that nitpicky mode needs no exceptions.
"""

from __future__ import annotations

import sys
from pathlib import Path

import defcoop

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "defcoop"
author = "defcoop maintainers"
copyright = "defcoop maintainers"
release = defcoop.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "attrs_signatures",
    "defcoop_coverage",
    "offline_xrefs",
]

source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_ext"]
nitpicky = True

html_theme = "furo"
html_title = f"defcoop {release}"

myst_enable_extensions = ["deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "signature"

napoleon_google_docstring = True
napoleon_numpy_docstring = False
python_maximum_signature_line_length = 90
