"""The ``>>>`` examples in the README and the Markdown pages of ``docs/`` run as shown.

Pages written with ``{doctest}`` blocks are run by the Sphinx doctest build; this test
covers the examples written in plain ```` ```python ```` blocks, which Sphinx only
displays. Each page's blocks run in order in one namespace, as a reader would type them.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
FENCE = re.compile(r"^```(?:python|pycon)\n(.*?)^```", re.MULTILINE | re.DOTALL)
PAGES = sorted(
    p
    for p in [ROOT / "README.md", *DOCS.rglob("*.md")]
    if "_build" not in p.parts and any(">>>" in m for m in FENCE.findall(p.read_text("utf-8")))
)


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_markdown_examples_run(page: Path) -> None:
    """Every example of a docs page gives the output the page shows."""
    blocks = [b for b in FENCE.findall(page.read_text("utf-8")) if ">>>" in b]
    # One doctest of all the blocks, so that names defined early serve later blocks.
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {page}"


def test_some_pages_have_examples() -> None:
    """The README and the quantity recogniser's reference page are among the pages checked."""
    assert DOCS / "quantities.md" in PAGES
    assert ROOT / "README.md" in PAGES
