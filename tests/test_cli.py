"""The tonecheck command line, run for real (CliRunner, and once as `python -m tonecheck`).

The corpus mixes realistic collection calls in text, JSON and CSV with the broken
files a QA team actually meets: empty, binary, truncated JSON, no speaker labels,
Latin-1 bytes.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import tonecheck
from tonecheck.cli import app
from tonecheck.frames import CALL_COLUMNS, ERROR_COLUMNS, EVIDENCE_COLUMNS, TURN_COLUMNS
from tonecheck.lexicon import default_lexicon_dir

ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}


def run(*args: str, **kwargs):
    return CliRunner().invoke(app, [str(a) for a in args], env={**ENV, **kwargs.pop("env", {})}, **kwargs)


# --------------------------------------------------------------------------- corpus

UK_GOOD = """\
Agent: Good afternoon, you're through to Sarah at Northway Credit. Can I take your name, please?
Customer: It's Mark Evans. I got your letter about the overdue balance.
Agent: Thank you, Mark. How are you doing today?
Customer: Honestly not great. I lost my job last month and I'm struggling to keep up.
Agent: I'm so sorry to hear that. That must be really difficult. Take your time.
Agent: What would you be able to manage each month at the moment?
Customer: Maybe forty pounds, until I find something.
Agent: That's absolutely fine. We can set up a payment plan for forty pounds a month.
Customer: Thank you, that really helps.
"""

US_POOR = """\
Collector: This is Apex Recovery. Your account is delinquent and the arrears are now nine hundred dollars.
Debtor: I know. I've been sick and out of work.
Collector: I understand, but you need to pay the balance today.
Debtor: I can't do that.
Collector: Failure to pay will result in further action. You must pay now. Can you pay today?
Debtor: No.
"""

JSON_CALL = {
    "call_id": "c-json-01",
    "metadata": {"agent_id": "A7", "team": "Leeds"},
    "turns": [
        {"speaker": "Agent", "text": "Hi, it's Priya from Harbour Loans. How are things with you at the moment?", "start": 0.0, "end": 4.2},
        {"speaker": "Customer", "text": "Not easy. My hours were cut and I can't pay the full amount.", "start": 4.5, "end": 8.0},
        {"speaker": "Agent", "text": "I'm sorry to hear that. What would you be able to manage?", "start": 8.3, "end": 11.0},
        {"speaker": "Customer", "text": "Maybe thirty a month.", "start": 11.2, "end": 12.5},
        {"speaker": "Agent", "text": "Thank you. We can set up a payment plan for thirty a month.", "start": 12.8, "end": 16.0},
    ],
}

CSV_CALLS = """\
call_id,speaker,text
csv-01,Agent,"Hello, thanks for calling back. How can I help today?"
csv-01,Customer,"I missed my payment because I was in hospital."
csv-01,Agent,"Thank you for telling me, I hope you're feeling better. We can set up a payment plan when you're ready."
csv-02,Agent,"You need to remit the full amount. This is your final notice."
csv-02,Customer,"That's not fair, I've been paying."
csv-02,Agent,"Your account is in arrears. You must pay now."
"""

NEGATED = "You do not need to pay now. What would suit you best?"

# A leading comment line; the second file in test_text_file_starting_with_a_timestamp... starts with the stamp.
TIMESTAMPED = f"""\
# Fairway Finance, outbound, 2026-11-02
[00:00:01] Agent: Morning, this is Tom from Fairway Finance. Is now a good time to talk about your account?
[00:00:06] Customer: Yes, go on.
[00:00:08] Agent: {NEGATED}
[00:00:12] Customer: Next Friday, after payday.
"""

GOOD_CALLS = {"uk_job_loss_good", "us_pressure_poor", "c-json-01", "csv-01", "csv-02", "timestamped"}
GOOD_FILES = 5

BAD_FILES = {
    "empty.txt": "EmptyTranscriptError",
    "binary.txt": "BinaryFileError",
    "truncated.json": "MalformedTranscriptError",
    "no_labels.txt": "NoSpeakerLabelsError",
    "latin1.txt": "EncodingError",
}

HOUSE_LEXICON = """\
lexicon: house
version: "3"
entries:
  - id: jargon.recoveries_desk
    category: jargon
    phrases: [recoveries desk]
    plain: the team that handles older debts
"""

BAD_LEXICON = """\
lexicon: broken
version: "1"
entries:
  - id: jargon.dca
    category: jargon
    phrases: [DCA]
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    good = root / "good"
    (good / "week2" / "day1").mkdir(parents=True)
    (good / "uk_job_loss_good.txt").write_text(UK_GOOD, encoding="utf-8")
    (good / "us_pressure_poor.txt").write_text(US_POOR, encoding="utf-8")
    (good / "harbour.json").write_text(json.dumps(JSON_CALL, indent=2), encoding="utf-8")
    (good / "batch.csv").write_text(CSV_CALLS, encoding="utf-8")
    (good / "week2" / "day1" / "timestamped.txt").write_text(TIMESTAMPED, encoding="utf-8")
    (good / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")  # hidden: skipped
    bad = root / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"Agent: hello\x00\x00\x17\x8f\x00binary")
    (bad / "truncated.json").write_text(json.dumps(JSON_CALL)[:120], encoding="utf-8")
    (bad / "no_labels.txt").write_text("hello, is that Mr Jones?\nyes it is\n", encoding="utf-8")
    (bad / "latin1.txt").write_bytes("Agent: Bonjour, désolé pour l'attente.\nCustomer: Merci.\n".encode("latin-1"))
    (root / "house.yml").write_text(HOUSE_LEXICON, encoding="utf-8")
    (root / "broken.yml").write_text(BAD_LEXICON, encoding="utf-8")
    (root / "poor_call.txt").write_text(f"{US_POOR}Collector: {NEGATED}\n", encoding="utf-8")
    return root


def read_table(out: Path, name: str, fmt: str = "csv") -> pd.DataFrame:
    path = out / f"{name}.{fmt}"
    assert path.is_file(), f"{path} missing; have {sorted(p.name for p in out.iterdir())}"
    if fmt == "csv":
        return pd.read_csv(path, keep_default_na=True)
    if fmt == "parquet":
        return pd.read_parquet(path)
    return pd.read_json(path, lines=True) if path.stat().st_size else pd.DataFrame()


def assert_documented_columns(df: pd.DataFrame, columns: dict) -> None:
    assert list(df.columns)[: len(columns)] == list(columns)


# --------------------------------------------------------------------------- score


def test_score_mixed_folders_writes_tables_and_lists_every_failure(corpus, tmp_path):
    out = tmp_path / "results"
    r = run("score", corpus / "good", corpus / "bad", "--out", out, "--pipeline", "fast")
    assert r.exit_code == 1, r.output

    calls = read_table(out, "calls")
    turns = read_table(out, "turns")
    evidence = read_table(out, "evidence")
    errors = read_table(out, "errors")
    assert_documented_columns(calls, CALL_COLUMNS)
    assert_documented_columns(turns, TURN_COLUMNS)
    assert_documented_columns(evidence, EVIDENCE_COLUMNS)
    assert list(errors.columns) == list(ERROR_COLUMNS)

    assert set(calls["call_id"]) == GOOD_CALLS and len(calls) == len(GOOD_CALLS)
    assert "agent_id" in calls.columns  # the JSON call's own metadata is carried
    assert calls.set_index("call_id").loc["c-json-01", "agent_id"] == "A7"
    assert calls["tone_score"].between(0, 100).all()
    assert set(calls["pipeline"]) == {"fast"}
    assert turns.groupby("call_id").size().to_dict() == calls.set_index("call_id")["n_turns"].to_dict()

    # evidence offsets slice the turn text exactly
    texts = turns.set_index(["call_id", "turn_index"])["text"]
    for row in evidence.itertuples():
        assert texts[(row.call_id, row.turn_index)][row.start_char : row.end_char] == row.text
    poor = evidence[evidence.call_id == "us_pressure_poor"]
    assert {"delinquent", "arrears"} <= set(poor.loc[poor.category == "jargon", "text"])
    assert poor.loc[poor.text == "delinquent", "plain"].item() == "behind on payments"

    by_file = {Path(s).name: (e, reason) for s, e, reason in errors.itertuples(index=False)}
    assert {name: e for name, (e, _) in by_file.items()} == BAD_FILES
    assert "empty" in by_file["empty.txt"][1]
    assert "NUL" in by_file["binary.txt"][1]
    assert "UTF-8" in by_file["latin1.txt"][1]
    assert "Speaker" in by_file["no_labels.txt"][1]
    assert "JSON" in by_file["truncated.json"][1]

    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"] == {"files": GOOD_FILES + len(BAD_FILES), "carried_over": 0, "calls": 6, "failed": 5,
                                  "turns": len(turns), "evidence": len(evidence), "duplicate_calls": 0}
    assert manifest["pipeline"] == "fast" and manifest["tonecheck_version"] == tonecheck.__version__
    assert manifest["lexicon_version"] == calls["lexicon_version"].iloc[0]
    assert manifest["command"]["format"] == "csv" and manifest["exit_code"] == 1
    assert manifest["started"] <= manifest["finished"]
    assert manifest["tables"] == {t: f"{t}.csv" for t in ("calls", "turns", "evidence", "errors", "files")}
    files = read_table(out, "files")
    assert len(files) == GOOD_FILES + len(BAD_FILES)
    status = dict(zip(files["source"].map(lambda s: Path(s).name), files["status"]))
    assert {name for name, st in status.items() if st == "failed"} == set(BAD_FILES)
    assert files.loc[files["source"].str.endswith("batch.csv"), "calls"].item() == 2
    assert not files["carried_over"].any()

    # the summary: counts, mean, lowest calls, failures with reasons
    out_text = r.stdout
    assert "Calls scored" in out_text and "Inputs failed" in out_text and "Mean tone score" in out_text
    assert f"{calls['tone_score'].mean():.1f}" in out_text
    lowest = calls.nsmallest(5, "tone_score")["call_id"].tolist()
    table = out_text.split("Lowest-scoring calls", 1)[1]
    assert [c for c in re.findall(r"│ (\S+)\s+│", table) if c in GOOD_CALLS] == lowest
    for name, error in BAD_FILES.items():
        assert re.search(rf"{re.escape(name)}: {error}: ", out_text), name
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "temporary folder removed"


def test_score_all_good_parquet_with_metadata_by_file(corpus, tmp_path):
    meta = tmp_path / "agents.csv"
    meta.write_text(
        "file,agent_id,team,date,outcome\n"
        "uk_job_loss_good.txt,A1,North,2026-11-02,plan agreed\n"
        "us_pressure_poor,A2,South,2026-11-02,no payment\n"
        "batch.csv,A3,South,2026-11-03,paid in full\n",
        encoding="utf-8",
    )
    out = tmp_path / "pq"
    r = run("score", corpus / "good", "-o", out, "-f", "parquet", "-p", "fast", "--metadata", meta)
    assert r.exit_code == 0, r.output
    assert "Could not score" not in r.stdout
    calls = read_table(out, "calls", "parquet").set_index("call_id")
    assert_documented_columns(calls.reset_index(), CALL_COLUMNS)
    assert set(calls.index) == GOOD_CALLS
    assert calls.loc["uk_job_loss_good", ["agent_id", "team", "outcome"]].tolist() == ["A1", "North", "plan agreed"]
    assert calls.loc["us_pressure_poor", "agent_id"] == "A2"  # matched by stem
    assert calls.loc[["csv-01", "csv-02"], "agent_id"].tolist() == ["A3", "A3"]  # every call of the file
    assert calls.loc["c-json-01", "agent_id"] == "A7" and calls.loc["c-json-01", "team"] == "Leeds"  # JSON's own
    assert pd.isna(calls.loc["timestamped", "outcome"])
    assert str(calls["empathy_count"].dtype) == "int64" and str(calls["tone_score"].dtype) == "float64"
    evidence = read_table(out, "evidence", "parquet")
    assert_documented_columns(evidence, EVIDENCE_COLUMNS)
    assert evidence["negated"].dtype == bool
    turns = read_table(out, "turns", "parquet")
    assert turns.loc[turns.call_id == "c-json-01", "start"].tolist()[:2] == [0.0, 4.5]
    assert len(read_table(out, "errors", "parquet")) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["metadata_matched"] == 4 and manifest["counts"]["metadata_unmatched"] == 2
    assert "2 without a row in agents.csv" in r.stdout


def test_score_jsonl_with_metadata_by_call_id(corpus, tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("call_id,agent_id,tone_score\ncsv-02,A9,12\n", encoding="utf-8")
    out = tmp_path / "jl"
    r = run("score", corpus / "good" / "batch.csv", "--out", out, "--format", "jsonl", "--pipeline", "fast",
            "--metadata", meta, "--quiet")
    assert r.exit_code == 0, r.output
    assert r.stdout == ""  # --quiet
    lines = (out / "calls.jsonl").read_text().splitlines()
    rows = [json.loads(line) for line in lines]
    assert [row["call_id"] for row in rows] == ["csv-01", "csv-02"]
    assert list(rows[0])[: len(CALL_COLUMNS)] == list(CALL_COLUMNS)
    assert rows[1]["agent_id"] == "A9" and rows[0]["agent_id"] is None
    assert rows[1]["meta_tone_score"] == "12" and rows[1]["tone_score"] != 12  # no clobbering of scores
    evidence = read_table(out, "evidence", "jsonl")
    assert_documented_columns(evidence, EVIDENCE_COLUMNS)
    assert "remit" in set(evidence["text"])
    assert (out / "errors.jsonl").read_text() == ""


def test_nothing_scored_exits_3_and_still_records_errors(corpus, tmp_path):
    out = tmp_path / "res"
    r = run("score", corpus / "bad", "--out", out, "--pipeline", "fast")
    assert r.exit_code == 3, r.output
    assert len(read_table(out, "calls")) == 0
    assert list(read_table(out, "calls").columns) == list(CALL_COLUMNS)
    assert sorted(Path(s).name for s in read_table(out, "errors")["source"]) == sorted(BAD_FILES)
    assert "Could not score 5 input(s)" in r.stdout


def test_no_matching_files_exits_3_and_leaves_outputs_alone(corpus, tmp_path):
    out = tmp_path / "res"
    assert run("score", corpus / "good", "--out", out, "-p", "fast", "-q").exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    r = run("score", corpus / "good", "--out", out, "-p", "fast", "--glob", "*.vtt")
    assert r.exit_code == 3
    assert "no transcript files found" in r.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_text_file_starting_with_a_timestamp_is_read_as_text(tmp_path):
    call = tmp_path / "stamped.txt"
    call.write_text(TIMESTAMPED.split("\n", 1)[1], encoding="utf-8")
    r = run("score", call, "--out", tmp_path / "res", "-p", "fast", "-q")
    assert r.exit_code == 0, read_table(tmp_path / "res", "errors").to_dict("records")


def test_glob_selects_files_in_folders(corpus, tmp_path):
    out = tmp_path / "res"
    r = run("score", corpus / "good", "--out", out, "-p", "fast", "--glob", "*.txt", "-q")
    assert r.exit_code == 0, r.output
    assert set(read_table(out, "calls")["call_id"]) == {"uk_job_loss_good", "us_pressure_poor", "timestamped"}


def test_interrupted_run_keeps_the_previous_complete_outputs(corpus, tmp_path, monkeypatch):
    out = tmp_path / "res"
    assert run("score", corpus / "good", "--out", out, "-p", "fast", "-q").exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = tonecheck.iter_results

    def dies_halfway(*args, **kwargs):
        for i, result in enumerate(real(*args, **kwargs)):
            if i == 2:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(tonecheck, "iter_results", dies_halfway)
    r = run("score", corpus / "good", corpus / "bad", "--out", out, "-p", "fast")
    assert r.exit_code != 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["res"], "no temporary folder left behind"


def test_outputs_inside_an_input_folder_are_not_read_back(corpus, tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(corpus / "good", data)
    for _ in range(2):
        r = run("score", data, "--out", data / "results", "-p", "fast", "-q")
        assert r.exit_code == 0, r.output
    assert len(read_table(data / "results", "calls")) == len(GOOD_CALLS)


def test_custom_lexicon_is_used_and_recorded(corpus, tmp_path):
    call = tmp_path / "desk.txt"
    call.write_text("Agent: I'm passing this to our recoveries desk.\nCustomer: Who are they?\n", encoding="utf-8")
    out = tmp_path / "res"
    r = run("score", call, "--out", out, "-p", "fast", "--lexicon", corpus / "house.yml", "-q")
    assert r.exit_code == 0, r.output
    evidence = read_table(out, "evidence")
    assert evidence.loc[evidence.rule == "jargon.recoveries_desk", "plain"].tolist() == ["the team that handles older debts"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert "+user." in manifest["lexicon_version"]
    assert manifest["lexicon_files"][-1].endswith("house.yml")


def test_broken_lexicon_is_a_usage_error_naming_file_and_entry(corpus, tmp_path):
    r = run("score", corpus / "good", "--out", tmp_path / "res", "-p", "fast", "--lexicon", corpus / "broken.yml")
    assert r.exit_code == 2
    assert "broken.yml" in r.output and "jargon.dca" in r.output and "plain" in r.output
    assert not (tmp_path / "res").exists()


def test_missing_input_path_is_a_usage_error(tmp_path):
    r = run("score", tmp_path / "nope", "--out", tmp_path / "res")
    assert r.exit_code == 2
    assert "does not exist" in r.output


def test_bad_metadata_file_is_a_usage_error(corpus, tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("agent,team\nA1,North\n", encoding="utf-8")
    r = run("score", corpus / "good", "--out", tmp_path / "res", "-p", "fast", "--metadata", meta)
    assert r.exit_code == 2
    assert "call_id" in r.output and "file" in r.output


def test_agent_speaker(corpus, tmp_path):
    call = tmp_path / "diarised.txt"
    call.write_text("spk_0: I'm so sorry to hear that. What would work for you?\nspk_1: Fifty a month.\n", encoding="utf-8")
    r = run("score", call, "--out", tmp_path / "res", "-p", "fast", "--agent-speaker", "spk_0", "-q")
    has_field = "agent_speaker" in {f.name for f in dataclasses.fields(tonecheck.ReadOptions)}
    if has_field:
        assert r.exit_code == 0, r.output
        calls = read_table(tmp_path / "res", "calls")
        assert calls["empathy_count"].item() >= 1 and calls["agent_turns"].item() == 1
    else:
        assert r.exit_code == 2
        assert "--agent-speaker" in r.output and "agent_speaker" in r.output


def test_accurate_pipeline_records_the_model(corpus, tmp_path):
    out = tmp_path / "res"
    r = run("score", corpus / "good", "--out", out, "--pipeline", "accurate")
    assert r.exit_code == 0, r.output
    calls = read_table(out, "calls")
    assert set(calls["pipeline"]) == {"accurate"} and calls["model"].notna().all()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["pipeline"] == "accurate" and manifest["model"]
    poor = calls.set_index("call_id").loc["us_pressure_poor"]
    good = calls.set_index("call_id").loc["uk_job_loss_good"]
    assert good["tone_score"] > poor["tone_score"]


# --------------------------------------------------------------------------- explain


def test_explain_highlights_detections_and_gives_plain_alternatives(corpus):
    r = run("explain", corpus / "poor_call.txt", "--pipeline", "fast")
    assert r.exit_code == 0, r.output
    text = r.stdout
    # the transcript, with each detection tagged by category
    assert "Your account is delinquent[jargon → behind on payments]" in text
    arrears_plain = tonecheck.load_lexicon().get("jargon.arrears").plain
    assert f"arrears[jargon → {arrears_plain}]" in " ".join(text.split())
    assert "You must[demand]" in text
    assert re.search(r"I understand\[empathy · ⚠ undercut by “but[^”]*”, counts half\]", text)
    assert re.search(r"(need to pay|pay now)\[demand · negated by “do not”, not counted\]", text)
    assert "Legend:" in text
    # the scores table and the plain-language alternatives
    assert "tone score (0-100)" in text and "demand (−)" in text
    alternatives = text.split("Plain-language alternatives", 1)[1]
    assert re.search(r"delinquent\s+│ behind on payments", alternatives)
    assert re.search(r"arrears\s+│ " + re.escape(arrears_plain.split()[0]), alternatives)


def test_explain_colours_categories_and_strikes_negations(corpus):
    r = run("explain", corpus / "poor_call.txt", "-p", "fast", env={"NO_COLOR": "", "TERM": "xterm-256color",
                                                                   "FORCE_COLOR": "1"})
    assert r.exit_code == 0, r.output
    sgr = re.findall(r"\x1b\[([0-9;]*)m([^\x1b]*)", r.stdout)
    styles = {chunk: codes.split(";") for codes, chunk in sgr if chunk.strip()}
    assert "31" in styles["delinquent"] or "35" in styles["delinquent"]  # jargon: magenta
    assert "31" in styles["You must"]  # demand: red
    struck = [chunk for chunk, codes in styles.items() if "9" in codes]
    assert any("need to pay" in c or "pay now" in c for c in struck)
    colours = {styles[w][-1] for w in ("delinquent", "You must", "I understand")}
    assert len(colours) == 3, "each category has its own colour"


def test_explain_one_call_of_a_csv_file(corpus):
    r = run("explain", corpus / "good" / "batch.csv", "-p", "fast", "--call", "csv-02")
    assert r.exit_code == 0, r.output
    assert "csv-02" in r.stdout and "csv-01" not in r.stdout
    assert "remit[jargon → pay / payment]" in r.stdout


def test_explain_unreadable_file_exits_1_with_the_reason(corpus):
    r = run("explain", corpus / "bad" / "latin1.txt", "-p", "fast")
    assert r.exit_code == 1
    assert "EncodingError" in r.stderr and "UTF-8" in r.stderr


# --------------------------------------------------------------------------- lexicon


def test_lexicon_list_shows_files_versions_and_counts():
    r = run("lexicon", "list")
    assert r.exit_code == 0, r.output
    lex = tonecheck.load_lexicon()
    assert f"Lexicon set {lex.version}" in r.stdout
    for f in lex.files:
        assert f["file"] in r.stdout
    assert f"jargon {len(lex.category('jargon'))}" in r.stdout


def test_lexicon_show_category():
    r = run("lexicon", "show", "jargon")
    assert r.exit_code == 0, r.output
    for entry in tonecheck.load_lexicon().category("jargon"):
        assert entry.id in r.stdout
    assert "behind on payments" in r.stdout and "delinquent; delinquency" in r.stdout
    r = run("lexicon", "show", "politeness")
    assert r.exit_code == 2 and "empathy" in r.output


def test_lexicon_check_good_and_bad_files(corpus):
    r = run("lexicon", "check", corpus / "house.yml")
    assert r.exit_code == 0, r.output
    assert "house.yml" in r.stdout and "1 entries" in r.stdout
    r = run("lexicon", "check", corpus / "house.yml", corpus / "broken.yml")
    assert r.exit_code == 1
    assert "✓" in r.stdout
    message = r.stderr
    assert "broken.yml: entry jargon.dca: a jargon entry needs 'plain'" in message


def test_lexicon_check_reads_the_shipped_folder_with_its_manifest(tmp_path):
    # `tonecheck lexicon check lexicons/*.yml`: the manifest is checked as a manifest, not refused as a lexicon
    folder = Path(str(default_lexicon_dir()))
    r = run("lexicon", "check", *sorted(folder.glob("*.yml")))
    assert r.exit_code == 0, r.output
    assert f"manifest.yml (manifest {tonecheck.load_lexicon().version})" in r.stdout
    broken = tmp_path / "manifest.yml"
    broken.write_text("version: '1'\nfiles: [grammar.yml, nope.yml]\n", encoding="utf-8")
    (tmp_path / "grammar.yml").write_text("lexicon: g\nversion: '1'\nlists: {fillers: [um]}\n", encoding="utf-8")
    r = run("lexicon", "check", broken)
    assert r.exit_code == 1 and "manifest.yml: listed file(s) not found beside it: ['nope.yml']" in r.stderr


# --------------------------------------------------------------------------- help, version, entry points


def test_version_without_building_a_pipeline():
    r = run("--version")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == f"tonecheck {tonecheck.__version__}"
    assert "default pipeline:" in r.stdout and "model:" in r.stdout
    assert f"lexicons: {tonecheck.load_lexicon().version}" in r.stdout


@pytest.mark.parametrize(
    "command", [[], ["score"], ["explain"], ["lexicon"], ["lexicon", "list"], ["lexicon", "show"], ["lexicon", "check"]]
)
def test_every_command_has_help_with_an_example(command):
    r = run(*command, "--help")
    assert r.exit_code == 0, r.output
    assert "Examples:" in r.stdout
    assert "tonecheck " in r.stdout.split("Examples:", 1)[1]


@pytest.mark.slow
def test_help_is_fast_and_imports_no_heavy_modules():
    code = (
        "import sys, time\n"
        "t = time.perf_counter()\n"
        "from typer.testing import CliRunner\n"
        "from tonecheck.cli import app\n"
        "r = CliRunner().invoke(app, ['score', '--help'])\n"
        "r2 = CliRunner().invoke(app, ['--version'])\n"
        "assert r.exit_code == 0 and r2.exit_code == 0\n"
        "print(sorted(m for m in ('spacy', 'pandas', 'pyarrow', 'tonecheck.pipeline') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tonecheck", "--help"], capture_output=True, check=True)
    assert time.perf_counter() - t < 2.0  # ~0.3 s locally; generous for slow CI machines


@pytest.mark.slow
def test_python_m_tonecheck_scores_a_folder(corpus, tmp_path):
    out = tmp_path / "res"
    proc = subprocess.run(
        [sys.executable, "-m", "tonecheck", "score", str(corpus / "good"), str(corpus / "bad"), "--out", str(out),
         "--pipeline", "fast", "--n-process", "2"],
        capture_output=True, text=True, env={**__import__("os").environ, **ENV},
    )
    assert proc.returncode == 1, proc.stderr
    assert "Could not score 5 input(s)" in proc.stdout
    assert set(read_table(out, "calls")["call_id"]) == GOOD_CALLS
    assert len(read_table(out, "errors")) == len(BAD_FILES)


def test_score_with_packs_writes_the_checks_table(tmp_path):
    examples = Path(__file__).resolve().parents[1] / "examples" / "checks" / "us"
    out = tmp_path / "res"
    r = run("score", examples / "threats.txt", examples / "compliant_call.txt", "--out", out, "-p", "fast", "--pack", "us", "-q")
    assert r.exit_code == 0, r.output
    checks = read_table(out, "checks")
    calls = read_table(out, "calls").set_index("call_id")
    threats = checks[(checks.call_id == "threats") & (checks.check == "prohibited_statements")]
    assert "fail" in set(threats.status) and threats.rule.str.contains("FDCPA|CFR").all()
    assert calls.loc["threats", "prohibited_pressure_count"] > 0 or calls.loc["threats", "checks_failed"] > 0
    assert json.loads((out / "manifest.json").read_text())["packs"]
    bad = tmp_path / "bad_pack.yml"
    bad.write_text("pack: house\nversion: '1'\nentries:\n  - id: x.y\n    colour: red\n", encoding="utf-8")
    r = run("score", examples / "threats.txt", "--out", out, "-p", "fast", "--pack", str(bad))
    assert r.exit_code == 2 and "bad_pack.yml" in r.output


def test_explain_shows_checks_with_their_rule(tmp_path):
    examples = Path(__file__).resolve().parents[1] / "examples" / "checks" / "us"
    r = run("explain", examples / "threats.txt", "-p", "fast", "--pack", "us", env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    assert "Collections checks" in r.output and "prohibited_statements" in r.output and "FDCPA" in r.output


def test_score_redact_masks_personal_data_in_every_table(tmp_path):
    calls = tmp_path / "calls"
    calls.mkdir()
    (calls / "pii.txt").write_text(
        "Agent: Can you confirm the card number 4111 1111 1111 1111 and your email jo.bloggs@example.com?\n"
        "Customer: Sure, and my phone is 07700 900123. I lost my job, I can't afford it.\n"
        "Agent: I'm so sorry to hear that. Your account 12345678 is in arrears.\n",
        encoding="utf-8",
    )
    out = tmp_path / "res"
    r = run("score", calls, "--out", out, "-p", "fast", "--pack", "uk", "--redact", "-q")
    assert r.exit_code == 0, r.output
    everything = "".join(p.read_text(encoding="utf-8") for p in out.iterdir())
    for secret in ("4111 1111 1111 1111", "jo.bloggs@example.com", "07700 900123", "12345678"):
        assert secret not in everything
    turns = read_table(out, "turns")
    evidence = read_table(out, "evidence")
    for row in evidence.itertuples():
        text = turns.loc[turns.turn_index == row.turn_index, "text"].iloc[0]
        assert text[row.start_char : row.end_char] == row.text
