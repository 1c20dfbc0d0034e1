"""Sphinx configuration of the tipcorpus documentation.

Build with ``sphinx-build -n -W --keep-going -b html docs docs/_build/html`` and test
the examples with ``sphinx-build -b doctest docs docs/_build/doctest``.
Pages under ``_generated/`` are written at build time by ``_ext/tipcorpus_docs.py``
(CLI help, agency registry, bundled catalogue, measured accuracy).
"""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(DOCS / "_ext"))

from tipcorpus import __version__  # noqa: E402

# -- Project -----------------------------------------------------------------------

project = "tipcorpus"
author = "tipcorpus contributors"
copyright = "tipcorpus contributors, MIT licence"
release = __version__
version = ".".join(__version__.split(".")[:2])

# -- General -----------------------------------------------------------------------

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",
    "sphinx_copybutton",
    "myst_parser",
    "tipcorpus_docs",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
# _generated/ holds fragments that pages include; _inventories/ holds intersphinx data.
exclude_patterns = ["_build", "_generated", "_inventories", "Thumbs.db", ".DS_Store"]

nitpicky = True
nitpick_ignore = [
    # Third-party types that appear in signatures and have no inventory we can link to:
    # the `regex` module publishes no Sphinx inventory.
    ("py:class", "regex.Pattern"),
    ("py:class", "regex.regex.Pattern"),
    ("py:class", "regex.Match"),
    # cattrs's published inventory names its classes under the old `cattr` package.
    ("py:class", "cattrs.Converter"),
    ("py:class", "cattrs.converters.Converter"),
    # pandas is an optional extra, not installed by the docs extra; no inventory.
    ("py:class", "pandas.DataFrame"),
    # A private type variable ("the same type of mention as given") has no page of its own.
    ("py:class", "tipcorpus.normalise._T"),
    # The type variables of a rule: what it reads (a figure) and what it gives evidence of.
    ("py:class", "tipcorpus.rules.X"),
    ("py:class", "tipcorpus.rules.T"),
]

# -- MyST --------------------------------------------------------------------------

myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3

# -- autodoc and napoleon -----------------------------------------------------------

autodoc_typehints = "description"
# Types of undocumented parameters (private constructor arguments) are left out.
autodoc_typehints_description_target = "documented_params"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = False  # attributes become link targets
napoleon_use_rtype = False

# -- intersphinx -------------------------------------------------------------------

# The build must work without network access, so each inventory is read from a copy
# kept under _inventories/ first (taken from Debian's python3.11-doc 3.11.2 and
# python-attr-doc packages); the published one is the fallback.
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", ("_inventories/python.inv", None)),
    "attrs": ("https://www.attrs.org/en/stable", ("_inventories/attrs.inv", None)),
}
intersphinx_timeout = 10

# -- doctest -----------------------------------------------------------------------

# Tables are compared modulo runs of spaces (tabulate pads columns to the widest cell).
doctest_default_flags = (
    doctest.ELLIPSIS
    | doctest.IGNORE_EXCEPTION_DETAIL
    | doctest.DONT_ACCEPT_TRUE_FOR_1
    | doctest.NORMALIZE_WHITESPACE
)
# Only the examples of these pages are run: the examples in docstrings assume their
# module's namespace, which Sphinx's doctest builder does not give them.
doctest_test_doctest_blocks = ""
# `:skipif:` conditions see this namespace (pandas is an optional extra).
doctest_global_setup = "import importlib.util"

# -- HTML --------------------------------------------------------------------------

html_theme = "furo"
html_title = f"tipcorpus {release}"
html_static_path: list[str] = []
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
