"""The SQLite export served by Datasette, queried over HTTP on the loopback interface.

Skipped when Datasette is not installed (``pip install datasette``); the server runs
on a free port of 127.0.0.1 and is always stopped, within a bounded time.
"""

from __future__ import annotations

import importlib.util
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tipcorpus import Corpus

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("datasette") is None,
        reason="datasette is not installed (pip install datasette)",
    ),
]

STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


def test_datasette_serves_the_statistics(tmp_path: Path) -> None:
    """Datasette serves the export's statistics table with the corpus's rows and metadata."""
    corpus = Corpus.default()
    export = corpus.to_sqlite(tmp_path / "tip.db")
    port = _free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(export.database)]
    if importlib.util.find_spec("datasette.__main__") is None:
        pytest.skip("this datasette cannot be run as python -m datasette")
    command += ["-m", str(export.metadata), "-p", str(port), "--host", "127.0.0.1"]
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_SECONDS
        rows: object = None
        while time.monotonic() < deadline:
            if server.poll() is not None:
                output = server.stdout.read().decode() if server.stdout else ""
                pytest.fail(f"datasette exited with {server.returncode}: {output[-2000:]}")
            try:
                rows = _get(f"{base}/tip/statistics.json?_shape=array&_size=max")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        assert isinstance(rows, list), "datasette did not answer in time"
        assert len(rows) == len(corpus.statistics())
        visas = [r for r in rows if r["unit"] == "T visas" and r["period_end"] == 2007]
        assert [(r["value"], r["agencies"], r["document_id"]) for r in visas] == [
            (1974, '["USCIS"]', "achievements-2001-2008")
        ]
        found = _get(f"{base}/tip/sentences.json?_search=%22T+visas%22&_shape=array")
        assert isinstance(found, list)
        assert any("1,974 T visas" in r["text"] for r in found)
        meta = _get(f"{base}/-/metadata.json")
        assert isinstance(meta, dict)
        assert "trafficking" in str(meta.get("title", ""))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()
