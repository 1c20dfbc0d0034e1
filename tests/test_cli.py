"""The ``tipcorpus`` command line, called in process and as ``python -m tipcorpus``.

Cases run on the bundled corpus and on a small report written to a temporary folder;
expected figures are those of the Declaration of Achievements (HHS in FY 2007).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_run import run_cli as run
from tipcorpus import Corpus


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    """The bundled corpus, parsed once for the in-process runs of this module."""
    return Corpus.default()


@pytest.fixture(autouse=True)
def _share_bundled(monkeypatch: pytest.MonkeyPatch, bundled: Corpus) -> None:
    """In-process runs reuse one bundled corpus instead of parsing it for every command."""
    monkeypatch.setattr(Corpus, "default", lambda: bundled)


def run_module(argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tipcorpus`` in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "tipcorpus", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


IDS = [
    "achievements-2001-2008",
    "tip-report-2005-usg",
    "ag-assessment-2009",
    "osce-country-report-2002",
    "state-factsheet-2016",
]


def _ids_of(fmt: str, out: str) -> list[str]:
    if fmt == "json":
        return [str(r["id"]) for r in json.loads(out)]
    if fmt == "jsonl":
        return [str(json.loads(line)["id"]) for line in out.splitlines()]
    if fmt == "csv":
        return [r["id"] for r in csv.DictReader(io.StringIO(out))]
    return [i for i in IDS if i in out]


@pytest.mark.parametrize("fmt", ["table", "github", "plain", "csv", "json", "jsonl"])
def test_documents_formats(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """`documents` lists the five bundled reports in every format; json and csv parse."""
    code, out, err = run(["documents", "--format", fmt], capsys)
    assert (code, err) == (0, "")
    assert _ids_of(fmt, out) == IDS


def test_stats_json_with_filters(capsys: pytest.CaptureFixture[str]) -> None:
    """`stats` with filters prints the matching statistics as JSON records."""
    code, out, _ = run(["stats", "--agency", "HHS", "--year", "2007", "--format", "json"], capsys)
    assert code == 0
    records = json.loads(out)
    assert sorted(int(r["value"]) for r in records) == [23, 120, 127, 131, 1248, 1500]
    assert {r["document"] for r in records} == {"achievements-2001-2008"}


def test_stats_csv_parses(capsys: pytest.CaptureFixture[str]) -> None:
    """`stats --format csv` is a CSV with a header and one row per statistic."""
    code, out, _ = run(
        ["stats", "--kind", "money", "--document", "state-factsheet-2016", "--format", "csv"],
        capsys,
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows
    assert {r["kind"] for r in rows} == {"money"}
    assert {r["document"] for r in rows} == {"state-factsheet-2016"}


def test_stats_table_has_footer(capsys: pytest.CaptureFixture[str]) -> None:
    """`stats` as a table ends with the footer counting statistics and documents."""
    code, out, _ = run(["stats", "--agency", "USCIS", "--year", "2007"], capsys)
    assert code == 0
    assert out.rstrip().splitlines()[-1] == "1 statistic from 1 document"
    assert "1,974" in out


def test_agency_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`agency` takes a name, heads the table with the agency, and applies filters."""
    code, out, _ = run(["agency", "Health and Human Services", "--year", "2007"], capsys)
    assert code == 0
    assert out.splitlines()[0] == "HHS — Department of Health and Human Services"
    assert out.rstrip().splitlines()[-1] == "6 statistics from 1 document"


def test_pillar_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`pillar` prints only that pillar's statistics."""
    code, out, _ = run(["pillar", "partnership", "--format", "jsonl"], capsys)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert records
    assert {r["pillar"] for r in records} == {"partnership"}


def test_agencies_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`agencies` lists agencies with their parent and counts, most statistics first."""
    code, out, _ = run(["agencies", "--format", "csv"], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["id", "name", "parent", "statistics", "documents"]
    by_id = {r["id"]: r for r in rows}
    assert {"HHS", "ORR", "DOJ", "ICE", "USCIS"} <= set(by_id)
    assert (by_id["ORR"]["parent"], by_id["HHS"]["parent"]) == ("ACF", "")
    counts = [int(r["statistics"]) for r in rows]
    assert counts == sorted(counts, reverse=True)


def test_search_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`search` prints a table of hits, the match marked in its sentence, and a count."""
    code, out, _ = run(["search", "T visas"], capsys)
    assert code == 0
    lines = out.rstrip().splitlines()
    assert lines[0].split() == ["document", "section", "sentence"]
    assert lines[-1] == f"{len(lines) - 3} hits"
    assert any("«T visas»" in line for line in lines)


def test_show_section(capsys: pytest.CaptureFixture[str]) -> None:
    """`show --section` prints the section whose heading contains the words."""
    code, out, _ = run(["show", "tip-report-2005-usg", "--section", "immigration benefits"], capsys)
    assert code == 0
    assert out.startswith("Immigration Benefits")
    assert "Vermont Service Center" in out
    assert "Investigations and Prosecutions of Traffickers" not in out


def test_show_unknown_section(capsys: pytest.CaptureFixture[str]) -> None:
    """`show` with a section that is not there exits 1 listing the sections."""
    code, out, err = run(["show", "ag-assessment-2009", "--section", "budget"], capsys)
    assert (code, out) == (1, "")
    assert "no section" in err
    assert "FY 2009 Recommendations" in err


def test_export_refuses_to_overwrite(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`export` writes a file, and refuses to replace it without --overwrite."""
    target = tmp_path / "hhs.json"
    args = ["export", "-o", str(target), "--agency", "HHS", "--year", "2007", "--format", "json"]
    code, out, _ = run(args, capsys)
    assert code == 0
    assert out == f"wrote 6 statistics to {target}\n"
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 6
    code, out, err = run([*args[:3], "--year", "2004", "--format", "json"], capsys)
    assert (code, out) == (1, "")
    assert "--overwrite" in err
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 6
    code, _, _ = run([*args[:3], "--overwrite", "--year", "2004", "--format", "json"], capsys)
    assert code == 0
    assert len(json.loads(target.read_text(encoding="utf-8"))) > 6


def test_docs_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--docs reads reports from a folder instead of the bundled corpus."""
    (tmp_path / "ice.txt").write_text("In FY 2010, ICE opened 651 investigations.\n")
    code, out, _ = run(["stats", "--docs", str(tmp_path), "--format", "json"], capsys)
    assert code == 0
    records = json.loads(out)
    assert [(r["value"], r["unit"], r["agencies"]) for r in records] == [
        (651, "investigations", ["ICE"])
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(["agency", "HSS"], "unknown agency 'HSS'", id="unknown-agency"),
        pytest.param(
            ["stats", "--pillar", "protect"], "unknown pillar 'protect'", id="unknown-pillar"
        ),
        pytest.param(
            ["show", "no-such-report"], "unknown document 'no-such-report'", id="unknown-document"
        ),
        pytest.param(
            ["stats", "--docs", "/no/such/folder"], "/no/such/folder", id="missing-folder"
        ),
    ],
)
def test_user_errors_exit_1(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Errors the user can fix exit 1 with one message on stderr and no traceback."""
    code, out, err = run(argv, capsys)
    assert (code, out) == (1, "")
    assert err.startswith("tipcorpus: error: ")
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param([], id="no-command"),
        pytest.param(["frobnicate"], id="unknown-command"),
        pytest.param(["stats", "--year", "last"], id="bad-year"),
        pytest.param(["documents", "--format", "xml"], id="bad-format"),
    ],
)
def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """Bad usage exits 2 without a traceback."""
    code, _, err = run(argv, capsys)
    assert code == 2
    assert "Traceback" not in err


def test_help_shows_examples(capsys: pytest.CaptureFixture[str]) -> None:
    """--help exits 0 and shows examples."""
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    assert "examples" in out
    assert "tipcorpus stats --agency HHS --year 2007" in out


# --------------------------------------------------------------------------- as a program


def test_module_stats_json() -> None:
    """`python -m tipcorpus stats --format json` prints parseable records."""
    result = run_module(["stats", "--agency", "USCIS", "--year", "2007", "--format", "json"])
    assert (result.returncode, result.stderr) == (0, "")
    records = json.loads(result.stdout)
    assert [(int(r["value"]), r["unit"]) for r in records] == [(1974, "T visas")]


def test_module_unknown_agency() -> None:
    """An unknown agency exits 1 with the suggestion on stderr and no traceback."""
    result = run_module(["agency", "HSS"])
    assert result.returncode == 1
    assert result.stdout == ""
    assert "did you mean 'HHS'" in result.stderr
    assert "Traceback" not in result.stderr


def test_module_bad_usage() -> None:
    """Bad usage exits 2 with one line that names the option and where help is."""
    result = run_module(["stats", "--nope"])
    assert result.returncode == 2
    assert result.stderr.startswith("tipcorpus: --nope: not an option of tipcorpus stats")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--nope" in result.stderr
    assert "Traceback" not in result.stderr
