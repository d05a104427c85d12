"""Sphinx configuration: furo, MyST Markdown and autodoc, built without network access.

The version comes from the package itself (``defcoop.__version__``), so it has one source.
The extensions under ``_ext`` generate the coverage and sources pages from the bundled data,
the command-line page from the command's parser and real runs and the table of formats from
the format registry, check that the API reference documents every public name once, show
attrs classes with the types their attributes hold, and resolve standard-library names and
type variables without downloading an inventory, so that nitpicky mode needs no exceptions.
The gallery's pictures are drawn at build time by matplotlib's ``plot`` directive, from the
code shown under each picture.
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
    "matplotlib.sphinxext.plot_directive",
    "sphinx_copybutton",
    "attrs_signatures",
    "defcoop_api",
    "defcoop_cli",
    "defcoop_codebook",
    "defcoop_coverage",
    "defcoop_formats",
    "defcoop_sources",
    "offline_xrefs",
]

source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_ext"]
nitpicky = True

html_theme = "furo"
html_title = f"defcoop {release}"
html_static_path = ["_static"]
html_css_files = ["defcoop.css"]

myst_enable_extensions = ["deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "signature"

napoleon_google_docstring = True
napoleon_numpy_docstring = False
python_maximum_signature_line_length = 90

# The gallery: each page's code runs at build time and its figures are saved beside it.
# Pictures first: the template shows each figure above the code that draws it (matplotlib's
# own shows the code first).
plot_template = """
{% for img in images %}
.. figure:: {{ build_dir }}/{{ img.basename }}.{{ default_fmt }}
   {% for option in options -%}
   {{ option }}
   {% endfor %}

   {{ caption }}
{% endfor %}

{{ source_code }}
"""
plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 110)]
plot_pre_code = ""
# Text of 11 points stays at least 10 px high on a phone (390 px wide) in figures up to
# 5.5 inches wide (tests/test_docs.py checks every picture of the gallery).
plot_rcparams = {"savefig.bbox": "tight", "figure.max_open_warning": 0, "font.size": 11}
plot_apply_rcparams = True

# Copy only what is typed after a prompt (">>> ", "... ", "$ "), without the prompt, and
# never the output or a traceback: a block pasted into a notebook cell runs as it is
# (tests/test_docs_copy.py applies this same rule to every block and runs what it copies).
# The prompts must stay in the text the rule reads, so only line numbers are excluded.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_remove_prompts = True
copybutton_copy_empty_lines = True
copybutton_exclude = ".linenos"
