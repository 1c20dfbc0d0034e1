"""The example dashboard renders in a real headless browser (skipped when none is installed).

Chromium is started with the flags that work on a machine without a network or a screen;
it loads the generated page from disk and prints the DOM after layout, which must hold
the chart's bars and the figures.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BROWSER = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p),
    None,
)

pytestmark = pytest.mark.skipif(BROWSER is None, reason="no headless Chromium installed")


def test_dashboard_renders_in_a_browser(tmp_path: Path) -> None:
    """Chromium loads the dashboard and its DOM has the SVG bars and the T visa figure."""
    site = tmp_path / "site"
    built = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "dashboard" / "build.py"), "--out", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    assert BROWSER is not None
    rendered = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            (site / "index.html").as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert rendered.returncode == 0, rendered.stderr[-2000:]
    dom = rendered.stdout
    assert "<svg" in dom
    assert dom.count("<rect") > 4
    assert "1,974" in dom
