"""benchmarks/scoreboard.py and ingest_cpu.py: the docs' figures, reproducible by anyone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "scoreboard.py"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=300
    )


def test_json_has_each_sets_cleaning_and_entity_figures() -> None:
    result = _run("--json", "--sets", "dev", "heldout")
    assert result.returncode == 0, result.stderr
    table = json.loads(result.stdout)
    assert list(table) == ["dev", "heldout"]
    for figures in table.values():
        assert 0.0 <= figures["cleaning"]["body_recall"] <= 1.0
        assert 0.0 <= figures["entities"]["all"]["f1"] <= 1.0
    # The dev set is what the code was written against; a held-out set scores lower.
    assert table["dev"]["entities"]["all"]["f1"] > table["heldout"]["entities"]["all"]["f1"]


def test_markdown_lists_every_set_as_a_column() -> None:
    result = _run("--sets", "dev", "heldout2")
    assert result.returncode == 0, result.stderr
    assert "| | dev | heldout2 |" in result.stdout
    assert "| topic recall |" in result.stdout


def test_an_unknown_set_is_one_line_or_one_json_error() -> None:
    plain = _run("--sets", "heldout99")
    assert plain.returncode == 2
    assert plain.stdout.strip().startswith("unknown label set 'heldout99'")
    as_json = _run("--json", "--sets", "heldout99")
    assert json.loads(as_json.stdout)["error"]["kind"] == "usage"


def test_ingest_cpu_compares_two_checkouts_on_one_corpus() -> None:
    script = ROOT / "benchmarks" / "ingest_cpu.py"
    argv = [sys.executable, str(script), "--against", str(ROOT), "--size", "30", "--pairs", "1"]
    result = subprocess.run([*argv, "--json"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["articles"] == 30
    assert len(report["cpu_seconds_per_1000"]["this"]) == 1
    assert report["cpu_seconds_per_1000"]["other"][0] > 0
    assert report["ratio"] > 0


def test_ingest_cpu_refuses_a_folder_that_is_no_checkout(tmp_path: Path) -> None:
    script = ROOT / "benchmarks" / "ingest_cpu.py"
    argv = [sys.executable, str(script), "--against", str(tmp_path), "--json"]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "no benchmarks/run.py" in json.loads(result.stdout)["error"]["message"]
