"""`tonecheck score --resume`, and runs that are killed: nothing lost, nothing half-written.

A resumed run must produce the same tables as scoring everything again, while scoring
only the files that are new, changed or failed last time.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import tonecheck
from conftest import CALL, POOR
from tonecheck.cli import app

ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
TABLES = ("calls", "turns", "evidence", "errors")


def run(*args, **kwargs):
    return CliRunner().invoke(app, [str(a) for a in args], env=ENV, **kwargs)


def read(out: Path, name: str, fmt: str = "csv") -> pd.DataFrame:
    path = out / f"{name}.{fmt}"
    if fmt == "csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    df = pd.read_parquet(path) if fmt == "parquet" else pd.read_json(path, lines=True, dtype=False)
    return df.astype(str)


def same_rows(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Equal as sets of rows (a resumed run writes carried rows first)."""
    cols = sorted(a.columns)
    if cols != sorted(b.columns):
        return False
    key = lambda df: df[cols].sort_values(cols).reset_index(drop=True)  # noqa: E731
    return key(a).equals(key(b))


@pytest.fixture
def calls(tmp_path) -> Path:
    folder = tmp_path / "calls"
    (folder / "day2").mkdir(parents=True)
    for i, name in enumerate(["Sarah", "Tom", "Priya", "Ade"]):
        (folder / f"call_{i}.txt").write_text(CALL.format(name=name, amount=20 + 10 * i), encoding="utf-8")
    (folder / "day2" / "poor.txt").write_text(POOR, encoding="utf-8")
    (folder / "day2" / "empty.txt").write_bytes(b"")
    return folder


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_resume_scores_only_new_changed_and_failed_files_and_matches_a_full_run(calls, tmp_path, scored_paths, fmt):
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    assert run("score", calls, "--out", out, "-p", "fast", "-f", fmt, "-q").exit_code == 1  # empty.txt fails
    assert sorted(scored_paths) == ["call_0.txt", "call_1.txt", "call_2.txt", "call_3.txt", "empty.txt", "poor.txt"]

    (calls / "call_1.txt").write_text(CALL.format(name="Tom", amount=15), encoding="utf-8")  # changed
    (calls / "call_3.txt").unlink()  # gone
    (calls / "day2" / "new.txt").write_text(CALL.format(name="Lena", amount=50), encoding="utf-8")  # new
    scored_paths.clear()
    r = run("score", calls, "--out", out, "-p", "fast", "-f", fmt, "--resume")
    assert r.exit_code == 1, r.output
    assert sorted(scored_paths) == ["call_1.txt", "empty.txt", "new.txt"], "unchanged files are not scored again"
    assert "Carried over" in r.output and "3 unchanged file(s)" in r.output

    assert run("score", calls, "--out", fresh, "-p", "fast", "-f", fmt, "-q").exit_code == 1
    for table in TABLES:
        assert same_rows(read(out, table, fmt), read(fresh, table, fmt)), f"{table} differs from a full run"
    files = read(out, "files", fmt).set_index("source")
    carried = {Path(s).name for s in files.index[files["carried_over"] == "True"]}
    assert carried == {"call_0.txt", "call_2.txt", "poor.txt"}
    assert not any(Path(s).name == "call_3.txt" for s in files.index), "a deleted file's rows are dropped"
    assert set(read(out, "calls", fmt)["call_id"]) == {"call_0", "call_1", "call_2", "poor", "new"}
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["carried_over"] == 3 and manifest["command"]["resume"] is True

    scored_paths.clear()  # nothing changed: only the failed file is tried again
    assert run("score", calls, "--out", out, "-p", "fast", "-f", fmt, "--resume", "-q").exit_code == 1
    assert scored_paths == ["empty.txt"]
    for table in TABLES:
        assert same_rows(read(out, table, fmt), read(fresh, table, fmt))


def test_resume_refuses_rows_scored_with_other_settings(calls, tmp_path):
    out = tmp_path / "out"
    run("score", calls, "--out", out, "-p", "fast", "-q")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    r = run("score", calls, "--out", out, "-p", "fast", "--redact", "--resume")
    assert r.exit_code == 2
    assert "redact: False -> True" in r.output and "without --resume" in r.output
    house = tmp_path / "house.yml"
    house.write_text("lexicon: house\nversion: '1'\nentries:\n  - id: empathy.house_hear_you\n    category: empathy\n"
                     "    phrases: [I hear you]\n", encoding="utf-8")
    r = run("score", calls, "--out", out, "-p", "fast", "--lexicon", house, "--resume")
    assert r.exit_code == 2 and "lexicon_version" in r.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before, "a refused resume changes nothing"


def test_resume_with_no_previous_run_scores_everything(calls, tmp_path, scored_paths):
    r = run("score", calls, "--out", tmp_path / "new", "-p", "fast", "--resume", "-q")
    assert r.exit_code == 1
    assert len(scored_paths) == 6


# --------------------------------------------------------------------------- killed runs


def _big_folder(root: Path, n: int) -> Path:
    folder = root / "many"
    folder.mkdir()
    for i in range(n):
        (folder / f"c{i:04d}.txt").write_text(CALL.format(name=f"Agent{i}", amount=i) * 8, encoding="utf-8")
    return folder


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killed_run_leaves_the_previous_complete_outputs(tmp_path, sig):
    """A real `tonecheck score` process killed while writing rows: the old tables stay, byte for byte."""
    folder = _big_folder(tmp_path, 400)
    out = tmp_path / "out"
    small = tmp_path / "small"
    small.mkdir()
    shutil.copy(folder / "c0000.txt", small)
    cmd = [sys.executable, "-m", "tonecheck", "score", "--out", str(out), "-p", "fast", "-q"]
    assert subprocess.run(cmd + [str(small)], capture_output=True).returncode == 0
    before = _snapshot(out)

    proc = subprocess.Popen(cmd + [str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    spool = None
    while time.monotonic() < deadline and proc.poll() is None:
        spools = list(tmp_path.glob(".out.tmp-*/.turns.csv.rows.jsonl"))
        if spools and spools[0].stat().st_size > 20_000:  # rows are being written
            spool = spools[0]
            break
        time.sleep(0.05)
    assert spool is not None and proc.poll() is None, "the run finished before it could be killed; make the folder bigger"
    proc.send_signal(sig)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    assert _snapshot(out) == before, "previous outputs untouched"
    leftovers = sorted(p.name for p in tmp_path.glob(".out.tmp-*"))
    if sig == signal.SIGTERM:
        assert leftovers == [], "SIGTERM is handled like Ctrl-C: the temporary folder is removed"
    else:
        assert len(leftovers) == 1, "SIGKILL cannot be caught: the temporary folder stays until the next run"

    r = subprocess.run(cmd + [str(small)], capture_output=True)  # the next run cleans up after the killed one
    assert r.returncode == 0, r.stderr
    assert list(tmp_path.glob(".out.tmp-*")) == []
    assert _snapshot(out).keys() == before.keys()
    assert pd.read_csv(out / "calls.csv")["call_id"].tolist() == ["c0000"]
