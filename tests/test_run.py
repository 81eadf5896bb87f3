"""tonecheck.score_to_folder(): a `tonecheck score --out DIR` run from Python, on real transcripts."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import tonecheck
from conftest import CALL, POOR
from tonecheck.frames import CALL_COLUMNS
from tonecheck.run import EXIT_SOME_FAILED



@pytest.fixture
def calls(tmp_path) -> Path:
    folder = tmp_path / "calls"
    (folder / "day2").mkdir(parents=True)
    for i, name in enumerate(["Sarah", "Tom", "Priya"]):
        (folder / f"call_{i}.txt").write_text(CALL.format(name=name, amount=20 + 10 * i), encoding="utf-8")
    (folder / "day2" / "poor.txt").write_text(POOR, encoding="utf-8")
    (folder / "day2" / "empty.txt").write_bytes(b"")
    return folder


def read(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_writes_the_tables_and_manifest_and_the_summary_matches_them(calls, tmp_path, fast_nlp):
    out = tmp_path / "out"
    summary = tonecheck.score_to_folder([calls], out, nlp=fast_nlp)

    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["calls.csv", "turns.csv", "evidence.csv", "errors.csv", "files.csv", "manifest.json"]
    )
    calls_t, turns_t, evidence_t, errors_t, files_t = (read(out, t) for t in ("calls", "turns", "evidence", "errors", "files"))
    assert list(calls_t.columns) == list(CALL_COLUMNS)
    assert summary.files == len(files_t) == 5
    assert summary.calls == len(calls_t) == 4
    assert summary.turns == len(turns_t) and summary.evidence == len(evidence_t) > 0
    assert summary.failed == len(errors_t) == 1 and Path(summary.failures[0][0]).name == "empty.txt"
    assert summary.carried == 0
    scores = calls_t["tone_score"].astype(float)
    assert summary.mean_score == pytest.approx(scores.mean())
    assert [r["call_id"] for r in summary.lowest] == list(calls_t.assign(s=scores).sort_values("s", kind="stable")["call_id"])[:5]
    assert summary.lowest[0]["call_id"] == "poor"
    assert summary.exit_code == EXIT_SOME_FAILED == 1
    assert summary.tables["calls"] == out / "calls.csv"

    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest == json.loads(json.dumps(summary.manifest, default=str))
    assert manifest["counts"] == {"files": 5, "carried_over": 0, "calls": 4, "failed": 1,
                                  "turns": len(turns_t), "evidence": len(evidence_t), "duplicate_calls": 0}
    assert summary.duplicate_calls == 0 and summary.duplicate_call_ids == {}
    assert manifest["exit_code"] == 1 and manifest["pipeline"] == "fast"
    assert manifest["settings"]["format"] == "csv" and manifest["settings"]["redact"] is False
    assert manifest["command"]["command"] == "score_to_folder" and manifest["command"]["paths"] == [str(calls)]
    assert set(manifest["tables"]) == {"calls", "turns", "evidence", "errors", "files"}


def test_command_block_metadata_and_packs(calls, tmp_path, fast_nlp):
    out = tmp_path / "out"
    meta = tmp_path / "agents.csv"
    meta.write_text("call_id,agent_id\ncall_0,A1\npoor,A2\n", encoding="utf-8")
    summary = tonecheck.score_to_folder(calls, out, nlp=fast_nlp, metadata=meta, packs=["uk"], format="jsonl",
                                        command={"command": "score", "note": "from a test"})
    assert (out / "checks.jsonl").exists() and summary.format == "jsonl"
    rows = pd.read_json(out / "calls.jsonl", lines=True, dtype=False).set_index("call_id")
    assert rows.loc["call_0", "agent_id"] == "A1" and rows.loc["poor", "agent_id"] == "A2"
    assert (summary.metadata_matched, summary.metadata_unmatched) == (2, 2)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["command"] == {"command": "score", "note": "from a test"}
    assert manifest["counts"]["metadata_matched"] == 2 and manifest["packs"][0]["pack"] == "uk"


def test_resume_carries_unchanged_files_over_and_rescores_a_changed_one(calls, tmp_path, fast_nlp, scored_paths):
    out = tmp_path / "out"
    tonecheck.score_to_folder([calls], out, nlp=fast_nlp)
    (calls / "call_1.txt").write_text(CALL.format(name="Tom", amount=15), encoding="utf-8")
    scored_paths.clear()

    progress: list[int] = []
    summary = tonecheck.score_to_folder([calls], out, nlp=fast_nlp, resume=True,
                                        progress=lambda done, total, s: progress.append(done))
    assert sorted(scored_paths) == ["call_1.txt", "empty.txt"]  # changed, and failed last time
    assert summary.carried == 3 and summary.calls == 4 and summary.failed == 1
    assert progress == [0, 3, 4, 5], "the carried files at once, then one call per scored file"
    turns = read(out, "turns")
    assert "15 pounds" in " ".join(turns[turns["call_id"] == "call_1"]["text"])
    assert "30 pounds" not in " ".join(turns[turns["call_id"] == "call_1"]["text"])
    files = read(out, "files").set_index("source")
    assert files.loc[str(calls / "call_1.txt"), "carried_over"] == "False"
    assert files.loc[str(calls / "call_0.txt"), "carried_over"] == "True"
    assert json.loads((out / "manifest.json").read_text())["counts"]["carried_over"] == 3

    fresh = tonecheck.score_to_folder([calls], tmp_path / "fresh", nlp=fast_nlp)
    for table in ("calls", "turns", "evidence"):
        a, b = read(out, table), read(tmp_path / "fresh", table)
        cols = sorted(a.columns)
        assert a[cols].sort_values(cols).reset_index(drop=True).equals(b[cols].sort_values(cols).reset_index(drop=True)), table
    assert fresh.mean_score == pytest.approx(summary.mean_score)


def test_run_errors_name_the_option_and_touch_nothing(calls, tmp_path, fast_nlp):
    out = tmp_path / "out"
    tonecheck.score_to_folder([calls], out, nlp=fast_nlp)
    before = snapshot(out)

    with pytest.raises(tonecheck.RunError) as err:
        tonecheck.score_to_folder([calls], out, nlp=fast_nlp, redact=True, resume=True)
    assert err.value.option == "--resume" and "redact: False -> True" in str(err.value)

    bad_meta = tmp_path / "meta.csv"
    bad_meta.write_text("agent,team\nA1,North\n", encoding="utf-8")
    with pytest.raises(tonecheck.RunError) as err:
        tonecheck.score_to_folder([calls], out, nlp=fast_nlp, metadata=bad_meta)
    assert err.value.option == "--metadata" and "call_id" in str(err.value)

    with pytest.raises(tonecheck.RunError) as err:
        tonecheck.score_to_folder([calls], out, nlp=fast_nlp, n_process=2, dask_scheduler="tcp://127.0.0.1:9")
    assert err.value.option == "--n-process"

    with pytest.raises(tonecheck.RunError) as err:
        tonecheck.score_to_folder([calls], out, nlp=fast_nlp, format="xlsx")
    assert err.value.option == "--format"

    with pytest.raises(tonecheck.RunError) as err:
        tonecheck.score_to_folder([calls], out, nlp=fast_nlp, packs=["nowhere.yml"])
    assert err.value.option == "--pack"

    def never():
        raise AssertionError("the pipeline is built only once there is something to score")

    with pytest.raises(tonecheck.NoInputsError) as err:
        tonecheck.score_to_folder([calls], out, nlp=never, glob="*.vtt")
    assert isinstance(err.value, tonecheck.RunError) and err.value.option == "PATH"
    assert "no transcript files found" in str(err.value) and "'*.vtt'" in str(err.value)
    assert snapshot(out) == before


def test_progress_is_called_once_per_file_and_ends_at_the_total(calls, tmp_path, fast_nlp):
    seen: list[tuple[int, int]] = []
    summaries = []

    def progress(done, total, summary):
        seen.append((done, total))
        summaries.append(summary)

    summary = tonecheck.score_to_folder([calls], tmp_path / "out", nlp=fast_nlp, progress=progress)
    assert seen == [(0, 5), (1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    assert all(s is summary for s in summaries)


def test_an_interrupted_run_leaves_the_previous_outputs(calls, tmp_path, fast_nlp):
    out = tmp_path / "out"
    tonecheck.score_to_folder([calls], out, nlp=fast_nlp)
    before = snapshot(out)
    (calls / "call_0.txt").write_text(POOR, encoding="utf-8")

    def interrupt(done, total, summary):
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        tonecheck.score_to_folder([calls], out, nlp=fast_nlp, progress=interrupt)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calls", "out"], "no temporary folder left behind"


def test_call_ids_that_repeat_across_files_are_reported(calls, tmp_path, fast_nlp):
    """Two folders with a call_0.txt give two calls with call_id "call_0": the run says so, names the
    files, and the CLI prints it."""
    from typer.testing import CliRunner

    from tonecheck.cli import app

    (calls / "day2" / "call_0.txt").write_text(CALL.format(name="Ana", amount=50), encoding="utf-8")
    out = tmp_path / "out"
    summary = tonecheck.score_to_folder([calls], out, nlp=fast_nlp)
    calls_t = read(out, "calls")
    assert (calls_t["call_id"] == "call_0").sum() == 2
    assert summary.duplicate_calls == 1
    assert [Path(s).relative_to(calls).as_posix() for s in summary.duplicate_call_ids["call_0"]] == [
        "call_0.txt", "day2/call_0.txt"
    ]
    assert json.loads((out / "manifest.json").read_text())["counts"]["duplicate_calls"] == 1

    result = CliRunner().invoke(app, ["score", str(calls), "--out", str(tmp_path / "cli"), "--pipeline", "fast"])
    assert "1 call(s) have a call_id an earlier call already had" in result.output
    assert "day2/call_0.txt" in result.output.replace("\\", "/")


def test_repeated_call_ids_are_found_across_check_batches(tmp_path, fast_nlp, monkeypatch):
    """Call ids are checked in batches against 64-bit digests of every earlier one (memory stays flat):
    a repeat is found however far apart the two calls are."""
    from tonecheck import run

    monkeypatch.setattr(run, "CALL_ID_BATCH", 2)
    folder = tmp_path / "calls"
    for day in ("d1", "d2", "d3"):
        (folder / day).mkdir(parents=True)
        for i in range(3):
            (folder / day / f"{day}_{i}.txt").write_text(CALL.format(name="Sam", amount=20 + i), encoding="utf-8")
    (folder / "d3" / "d1_0.txt").write_text(POOR, encoding="utf-8")  # repeats d1/d1_0 six calls later
    (folder / "d3" / "d3_9.txt").write_text(POOR, encoding="utf-8")
    summary = tonecheck.score_to_folder([folder], tmp_path / "out", nlp=fast_nlp)
    assert summary.calls == 11 and summary.duplicate_calls == 1
    assert [Path(p).relative_to(folder).as_posix() for p in summary.duplicate_call_ids["d1_0"]] == ["d3/d1_0.txt"]
