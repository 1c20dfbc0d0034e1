"""Running the command line in process, as the command-line tests do."""

from __future__ import annotations

import pytest

from tipcorpus.cli import main


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command line in process: exit code, stdout, stderr (usage errors too)."""
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse exits on usage errors and --help
        code = int(exc.code) if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err
