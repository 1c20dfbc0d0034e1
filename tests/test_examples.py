"""The scripts in examples/ run as a user runs them, and say what they should.

Each example runs in a subprocess on the bundled corpus; the expected figures are those
of the Declaration of Achievements (1,974 T visas through FY 2007, credited to USCIS).
"""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def run(script: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run an example with this interpreter and the source tree on the path."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd or ROOT,
        timeout=300,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def test_quickstart_shows_figures_summary_concordance_and_exports() -> None:
    """The quick start prints the corpus, a cited figure, the summary and the exports."""
    result = run("quickstart.py")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "achievements-2001-2008" in out
    assert "1,974 T visas: Declaration of Achievements 2001-2008" in out
    assert "Statistics per document and pillar" in out
    assert "occurrences of 'T visas'" in out
    assert "wrote statistics.json" in out
    assert "tables: documents 5" in out


@pytest.mark.parametrize(
    ("agency", "heading", "expected"),
    [
        pytest.param("HHS", "HHS — Department of Health and Human Services", "1,248", id="id"),
        pytest.param("citizenship and immigration services", "USCIS —", "1,974 T visas", id="name"),
    ],
)
def test_agency_report_lists_figures_by_year(agency: str, heading: str, expected: str) -> None:
    """The agency report names the agency and lists its figures with citations."""
    result = run("agency_report.py", agency)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(heading)
    assert expected in result.stdout
    assert "== 2007 ==" in result.stdout
    assert "chars " in result.stdout


def test_agency_report_names_close_agencies_for_a_typo() -> None:
    """An unknown agency exits 1 with the error on stderr."""
    result = run("agency_report.py", "Departmnt of Lbor")
    assert result.returncode == 1
    assert "unknown agency" in result.stderr


def test_pillar_overview_covers_every_pillar() -> None:
    """The overview has a section per pillar with its agencies."""
    result = run("pillar_overview.py")
    assert result.returncode == 0, result.stderr
    for pillar in ("prosecution", "protection", "prevention", "partnership"):
        assert f"== {pillar}: " in result.stdout
    assert "reported by: " in result.stdout


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        pytest.param(
            "how many T visas through 2007?",
            ["A: 1,974 T visas through FY2007 (USCIS)", "source: Declaration of Achievements"],
            id="t-visas",
        ),
        pytest.param(
            "what did HHS report for 2007?",
            ["A: 1,248 adult trafficking victims", "131 minor trafficking victims", "(HHS)"],
            id="hhs-2007",
        ),
        pytest.param(
            "how many convictions from 2001 to 2007?",
            ["A: 342 convictions FY2001–FY2007"],
            id="range",
        ),
        pytest.param(
            "how many unicorns in 2007?",
            ["A: I found no figure for that in the reports."],
            id="no-answer",
        ),
    ],
)
def test_bot_answers_with_a_citation(question: str, expected: list[str]) -> None:
    """The bot answers from the library API, citing the document it read the figure in."""
    result = run("bot.py", question)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Q: {question}")
    for line in expected:
        assert line in result.stdout


class _Page(HTMLParser):
    """Counts tags and collects the text of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, int] = {}
        self.sources: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.sources += [v or "" for k, v in attrs if k in ("src", "href")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_dashboard_is_one_self_contained_page(tmp_path: Path) -> None:
    """The dashboard parses as HTML, has an inline SVG chart, and loads nothing from outside."""
    result = run("dashboard/build.py", "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    index = tmp_path / "site" / "index.html"
    page = _Page()
    page.feed(index.read_text(encoding="utf-8"))
    page.close()
    assert page.tags["svg"] == 1
    assert page.tags["rect"] > 4
    assert "script" not in page.tags
    assert page.sources == []
    text = " ".join(page.text)
    assert "Figures per year, by pillar" in text
    assert "1,974" in text
    assert (tmp_path / "site" / "statistics.json").is_file()
    again = run("dashboard/build.py", "--out", str(tmp_path / "site"))
    assert again.returncode == 1
    assert "overwrite" in again.stderr
