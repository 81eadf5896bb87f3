"""tonecheck.output: streaming table writers, atomic replacement of outputs, metadata join."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tracemalloc

import pandas as pd
import pyarrow.parquet as pq
import pytest

from tonecheck.frames import CALL_COLUMNS, ERROR_COLUMNS, EVIDENCE_COLUMNS, TURN_COLUMNS
from tonecheck import output as output_module
from tonecheck.output import FORMATS, AtomicOutputs, Metadata, MetadataError, TableWriter, column_type, recover

COLUMNS = ["call_id", "turn_index", "tone_score", "negated", "text"]


def _rows():
    return [
        {"call_id": "c1", "turn_index": 0, "tone_score": 61.5, "negated": False, "text": "Take your time."},
        {"call_id": "c2", "turn_index": 1, "tone_score": math.nan, "negated": True, "text": 'He said "pay, now"\nthen'},
        {"call_id": "c3", "turn_index": 2, "tone_score": 40.0, "negated": None, "text": "Ünïcode ✓", "agent_id": "A7"},
    ]


def _read(path, fmt):
    if fmt == "csv":
        return pd.read_csv(path)
    if fmt == "parquet":
        return pd.read_parquet(path)
    return pd.read_json(path, lines=True)


@pytest.mark.parametrize("fmt", FORMATS)
def test_table_writer_keeps_documented_order_and_appends_extra_columns(tmp_path, fmt):
    path = tmp_path / f"t.{fmt}"
    with TableWriter(path, fmt, COLUMNS) as w:
        # a row missing a documented column, and keys in a different order
        w.write({"text": "first", "call_id": "c0"})
        w.write_many(_rows())
    assert w.rows == 4
    df = _read(path, fmt)
    assert list(df.columns) == COLUMNS + ["agent_id"]
    assert df["call_id"].tolist() == ["c0", "c1", "c2", "c3"]
    assert df["text"].tolist()[1:] == ["Take your time.", 'He said "pay, now"\nthen', "Ünïcode ✓"]
    assert pd.isna(df.loc[2, "tone_score"]) and df.loc[1, "tone_score"] == 61.5
    assert df.loc[3, "agent_id"] == "A7" and pd.isna(df.loc[1, "agent_id"])
    assert not list(tmp_path.glob(".*")), "the spool file is removed"


def test_jsonl_is_valid_json_per_line_with_nan_as_null(tmp_path):
    path = tmp_path / "t.jsonl"
    with TableWriter(path, "jsonl", COLUMNS) as w:
        w.write_many(_rows())
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    objs = [json.loads(line) for line in lines]  # strict JSON: NaN would not parse in most readers
    assert objs[1]["tone_score"] is None and "NaN" not in path.read_text()
    assert list(objs[0]) == COLUMNS


def test_parquet_has_fixed_types_and_row_groups(tmp_path):
    path = tmp_path / "t.parquet"
    rows = [{"call_id": f"c{i}", "turn_index": i, "tone_score": 50 + i % 3, "negated": i % 2 == 0, "text": "x"} for i in range(2500)]
    rows[7]["start"] = None  # a documented float column that is empty everywhere still gets its float type
    with TableWriter(path, "parquet", COLUMNS + ["start"], row_group_size=1000) as w:
        w.write_many(rows)
    meta = pq.ParquetFile(path)
    assert meta.metadata.num_rows == 2500
    assert meta.metadata.num_row_groups == 3
    schema = {f.name: str(f.type) for f in meta.schema_arrow}
    assert schema == {"call_id": "string", "turn_index": "int64", "tone_score": "double", "negated": "bool",
                      "text": "string", "start": "double"}


def test_parquet_empty_table_still_has_the_schema(tmp_path):
    path = tmp_path / "errors.parquet"
    TableWriter(path, "parquet", ERROR_COLUMNS).close()
    df = pd.read_parquet(path)
    assert list(df.columns) == list(ERROR_COLUMNS) and len(df) == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_tables_have_headers(tmp_path, fmt):
    path = tmp_path / f"calls.{fmt}"
    TableWriter(path, fmt, CALL_COLUMNS).close()
    if fmt == "csv":
        assert pd.read_csv(path).columns.tolist() == list(CALL_COLUMNS)
    elif fmt == "parquet":
        assert pd.read_parquet(path).columns.tolist() == list(CALL_COLUMNS)
    else:
        assert path.read_text() == ""


def test_extra_column_types_are_inferred_and_mixed_become_strings(tmp_path):
    path = tmp_path / "t.parquet"
    with TableWriter(path, "parquet", ["call_id"]) as w:
        w.write({"call_id": "a", "n": 1, "x": 1, "flag": True, "mixed": 1})
        w.write({"call_id": "b", "n": 2, "x": 2.5, "flag": False, "mixed": "two"})
    schema = {f.name: str(f.type) for f in pq.ParquetFile(path).schema_arrow}
    assert schema == {"call_id": "string", "n": "int64", "x": "double", "flag": "bool", "mixed": "string"}
    assert pd.read_parquet(path)["mixed"].tolist() == ["1", "two"]


def test_documented_column_types():
    assert column_type("empathy_count") == "int"
    assert column_type("demand_per_100w") == "float"
    assert column_type("tone_score") == "float"
    assert column_type("undercut") == "bool"
    assert column_type("call_id") == "str"
    # every documented column has a definite type
    for cols in (CALL_COLUMNS, TURN_COLUMNS, EVIDENCE_COLUMNS, ERROR_COLUMNS):
        assert all(column_type(c) in ("int", "float", "bool", "str") for c in cols)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_memory_stays_flat_while_writing_many_rows(tmp_path, fmt):
    """Rows go to disk as they are written: peak memory is far below the size of all rows."""
    text = "You need to pay the outstanding balance today. " * 20  # ~1 KB a row
    n = 6000
    tracemalloc.start()
    try:
        with TableWriter(tmp_path / f"big.{fmt}", fmt, COLUMNS, row_group_size=500) as w:
            for i in range(n):
                w.write({"call_id": f"c{i}", "turn_index": i, "tone_score": 50.0, "negated": False, "text": text})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    total = n * len(text)
    assert peak < total / 4, f"peak {peak:,} bytes for {total:,} bytes of rows"
    assert len(_read(tmp_path / f"big.{fmt}", fmt)) == n


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="format must be one of"):
        TableWriter(tmp_path / "x.xlsx", "xlsx", COLUMNS)


# --------------------------------------------------------------------------- AtomicOutputs


def _write_run(out, label, fmt="csv"):
    with AtomicOutputs(out) as outs:
        t = outs.table("calls", fmt, ["call_id"])
        t.write({"call_id": label})
        outs.write_json("manifest.json", {"run": label})
    return outs


def test_atomic_outputs_commit_moves_finished_files_into_place(tmp_path):
    out = tmp_path / "results"
    outs = _write_run(out, "first")
    assert sorted(p.name for p in out.iterdir()) == ["calls.csv", "manifest.json"]
    assert [p.name for p in outs.written] == ["calls.csv", "manifest.json"], "manifest moves last"
    assert pd.read_csv(out / "calls.csv")["call_id"].tolist() == ["first"]
    assert [p.name for p in tmp_path.iterdir()] == ["results"], "no temporary folder left"
    _write_run(out, "second")
    assert pd.read_csv(out / "calls.csv")["call_id"].tolist() == ["second"]
    assert json.loads((out / "manifest.json").read_text())["run"] == "second"


@pytest.mark.parametrize("exc", [RuntimeError("boom"), KeyboardInterrupt()])
def test_interrupted_run_leaves_previous_outputs(tmp_path, exc):
    out = tmp_path / "results"
    _write_run(out, "good")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(type(exc)):
        with AtomicOutputs(out) as outs:
            t = outs.table("calls", "csv", ["call_id"])
            t.write({"call_id": "half-done"})
            assert outs.tmp_dir is not None and outs.tmp_dir.parent == tmp_path
            assert outs.tmp_dir.name.startswith(".results.tmp-")
            raise exc
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["results"]


def test_atomic_outputs_creates_missing_parents(tmp_path):
    out = tmp_path / "a" / "b" / "results"
    _write_run(out, "x", fmt="parquet")
    assert pd.read_parquet(out / "calls.parquet")["call_id"].tolist() == ["x"]


def test_atomic_outputs_refuses_paths_outside_the_folder(tmp_path):
    with AtomicOutputs(tmp_path / "out") as outs:
        with pytest.raises(ValueError):
            outs.path("../escape.csv")


# --------------------------------------------------------------------------- Metadata


def test_metadata_by_call_id_joins_and_prefixes_clashing_columns(tmp_path):
    f = tmp_path / "meta.csv"
    f.write_text("\ufeffcall_id,agent_id,team,tone_score\nc1,A7,North,99\nc2,A8,,\n", encoding="utf-8")
    meta = Metadata.read(f, reserved=CALL_COLUMNS)
    assert meta.key == "call_id"
    assert meta.columns == ["agent_id", "team", "meta_tone_score"]
    row = meta.join({"call_id": "c1", "tone_score": 50.0})
    assert row == {"call_id": "c1", "tone_score": 50.0, "agent_id": "A7", "team": "North", "meta_tone_score": "99"}
    # an empty cell does not overwrite what the transcript itself carried
    row = meta.join({"call_id": "c2", "team": "from-json"})
    assert row["agent_id"] == "A8" and row["team"] == "from-json"
    meta.join({"call_id": "nope"})
    assert (meta.matched, meta.unmatched) == (2, 1)


def test_metadata_by_file_matches_name_or_stem(tmp_path):
    f = tmp_path / "meta.csv"
    f.write_text("file,agent_id\ncall1.txt,A1\ncall2,A2\nsub/dir/call3.json,A3\n", encoding="utf-8")
    meta = Metadata.read(f)
    assert meta.key == "file"
    assert meta.lookup("x", "/data/in/call1.txt") == {"agent_id": "A1"}
    assert meta.lookup("x", "in/call2.json") == {"agent_id": "A2"}
    assert meta.lookup("x", "elsewhere/call3.json") == {"agent_id": "A3"}
    assert meta.lookup("call1", None) is None


@pytest.mark.parametrize(
    "text, message",
    [
        ("agent_id,team\nA1,North\n", "no 'call_id' or 'file' column"),
        ("call_id,agent_id\nc1,A1\nc1,A2\n", ":3: call_id 'c1' appears more than once"),
        ("call_id,agent_id\n,A1\n", ":2: empty 'call_id'"),
        ("call_id,agent_id\nc1,A1,extra\n", ":2: the row has more cells than the header"),
        ("", "the file is empty"),
    ],
)
def test_metadata_errors_name_the_file_and_line(tmp_path, text, message):
    f = tmp_path / "meta.csv"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(MetadataError) as info:
        Metadata.read(f)
    assert str(f) in str(info.value) and message in str(info.value)


def test_metadata_must_be_utf8(tmp_path):
    f = tmp_path / "meta.csv"
    f.write_bytes("call_id,agent\nc1,Zoë\n".encode("latin-1"))
    with pytest.raises(MetadataError, match="not valid UTF-8"):
        Metadata.read(f)


def test_failed_commit_cleans_up(tmp_path):
    out = tmp_path / "results"
    out.write_text("a file where the folder should be")
    with pytest.raises(OSError):
        _write_run(out, "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"]
    assert out.read_text() == "a file where the folder should be"


def _killed_while_publishing(out, label, moved):
    """A run killed after sealing its journal, with only the first ``moved`` files moved into place."""
    outs = AtomicOutputs(out).open()
    t = outs.table("calls", "csv", ["call_id"])
    t.write({"call_id": label})
    e = outs.table("evidence", "csv", ["call_id"])
    e.write({"call_id": label})
    outs.write_json("manifest.json", {"run": label, "tables": {"calls": "calls.csv", "evidence": "evidence.csv"}})
    real_publish = output_module._publish

    def publish_then_die(tmp_dir, out_dir, journal):
        for name in journal["files"][:moved]:
            os.replace(tmp_dir / name, out_dir / name)
        raise SystemExit("killed")  # the process ends here: no clean-up runs

    output_module._publish = publish_then_die
    try:
        with pytest.raises(SystemExit):
            outs.commit()
    finally:
        output_module._publish = real_publish
    return outs.tmp_dir


def test_a_run_killed_while_moving_files_is_completed_by_the_next_one(tmp_path):
    out = tmp_path / "results"
    _write_run(out, "old")
    tmp = _killed_while_publishing(out, "new", moved=1)
    assert (tmp / ".commit").exists(), "the journal was sealed before any file moved"
    assert pd.read_csv(out / "calls.csv")["call_id"].tolist() == ["new"]
    assert json.loads((out / "manifest.json").read_text())["run"] == "old", "manifest not yet moved"
    recovered = recover(out)
    assert recovered == [tmp]
    assert json.loads((out / "manifest.json").read_text())["run"] == "new"
    assert pd.read_csv(out / "evidence.csv")["call_id"].tolist() == ["new"]
    assert [p.name for p in tmp_path.iterdir()] == ["results"]


def test_opening_outputs_finishes_a_sealed_commit_first(tmp_path):
    out = tmp_path / "results"
    _write_run(out, "old")
    _killed_while_publishing(out, "new", moved=0)
    with AtomicOutputs(out) as outs:  # a later run starts: the sealed one is published before it writes
        assert json.loads((out / "manifest.json").read_text())["run"] == "new"
        outs.table("calls", "csv", ["call_id"]).write({"call_id": "latest"})
    assert pd.read_csv(out / "calls.csv")["call_id"].tolist() == ["latest"]


def test_unsealed_folder_of_a_dead_run_is_removed_and_a_live_one_kept(tmp_path):
    out = tmp_path / "results"
    dead = tmp_path / ".results.tmp-dead"
    dead.mkdir()
    (dead / ".calls.csv.rows.jsonl").write_text('{"call_id": "half"}\n')
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    (dead / ".pid").write_text(str(child.pid))  # a process that has exited
    live = tmp_path / ".results.tmp-live"
    live.mkdir()
    (live / ".pid").write_text(str(os.getpid()))
    other = tmp_path / ".elsewhere.tmp-x"
    other.mkdir()
    assert recover(out) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".elsewhere.tmp-x", ".results.tmp-live"]


def test_tables_the_new_run_does_not_write_are_removed(tmp_path):
    out = tmp_path / "results"
    with AtomicOutputs(out) as outs:
        outs.table("calls", "csv", ["call_id"]).write({"call_id": "a"})
        outs.table("checks", "csv", ["call_id"]).write({"call_id": "a"})
        outs.write_json("manifest.json", {"tables": {"calls": "calls.csv", "checks": "checks.csv"}})
    (out / "notes.txt").write_text("the user's own file")
    with AtomicOutputs(out) as outs:
        outs.table("calls", "parquet", ["call_id"]).write({"call_id": "b"})
        outs.write_json("manifest.json", {"tables": {"calls": "calls.parquet"}})
    assert sorted(p.name for p in out.iterdir()) == ["calls.parquet", "manifest.json", "notes.txt"]
