"""Runs the typed usage program (mypy checks it in test.sh)."""

import runpy
from pathlib import Path


def test_typed_usage_program_runs() -> None:
    path = Path(__file__).with_name("typing") / "typed_usage.py"
    namespace = runpy.run_path(str(path))
    assert namespace["main"]() == 0
