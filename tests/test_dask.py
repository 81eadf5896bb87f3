"""tonecheck.dask on a real (local, loopback) Dask cluster: 2 worker processes, 1 thread each.

The cluster results must equal the local run on the same inputs, row for row, and a
worker killed in the middle of a run must not lose or duplicate a call.
"""

from __future__ import annotations

import os
import random
import signal
import time

import pytest

pytest.importorskip("distributed")
pytest.importorskip("dask.dataframe")

import dask  # noqa: E402
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import tonecheck  # noqa: E402
import tonecheck.dask as tcd  # noqa: E402
from tonecheck.scoring import FailedInput, iter_transcripts  # noqa: E402

pytestmark = pytest.mark.slow

AGENT = [
    "I'm sorry to hear that, it sounds like a really hard month.",
    "What would be a realistic amount for you each month?",
    "Can you confirm your date of birth for me?",
    "You need to pay the balance of {n} pounds today.",
    "We can set up a payment plan of {n} pounds a month.",
    "The account is in arrears and has been charged off.",
    "Take your time, there's no rush.",
    "I'm not saying you have to pay it all today.",
    "Right, well, at this point make a payment of {n} today.",  # the parse decides it (accurate)
    "StepChange gives free advice and I can give you their number.",
]
CUSTOMER = [
    "I lost my job in {m} and I've been struggling.",
    "I can't afford {n} pounds right now.",
    "Okay.",
    "That would really help, thank you.",
    "Why has the balance gone up?",
]


def _call(rng: random.Random) -> str:
    lines = ["Agent: Good morning, this is Sam calling from Northgate Recoveries. This call is recorded."]
    for _ in range(rng.randint(4, 9)):
        lines.append("Agent: " + " ".join(s.format(n=rng.randint(5, 900)) for s in rng.sample(AGENT, rng.randint(1, 3))))
        lines.append("Customer: " + rng.choice(CUSTOMER).format(n=rng.randint(5, 900), m=rng.choice(["May", "June"])))
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("calls")
    rng = random.Random(8)
    for i in range(24):
        (folder / f"call-{i:02d}.txt").write_text(_call(rng), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01 not a transcript")
    return folder


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None, silence_logs=40
    )
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def _assert_same(local: tonecheck.Report, remote: dict[str, pd.DataFrame]) -> None:
    for name in ("calls", "turns", "evidence", "errors"):
        expected = tcd.conform(getattr(local, name), name)
        got = remote[name].reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected, obj=name)


def test_bag_of_paths_and_strings_equals_local_run(client, corpus):
    files = tcd.list_files([corpus])
    text = "Agent: How can I help? You must pay now.\nCustomer: I lost my job."
    items = files[:10] + [text] + files[10:]
    report = tcd.score_bag(db.from_sequence(items, npartitions=5), pipeline="fast")
    assert list(report.calls.columns) == list(tonecheck.CALL_COLUMNS)
    assert list(report.evidence.columns) == list(tonecheck.EVIDENCE_COLUMNS)
    remote = report.compute()
    local = tonecheck.score_many(items, pipeline="fast")
    assert len(remote["calls"]) == 25 and len(remote["errors"]) == 1
    assert "call-10" in set(remote["calls"]["call_id"])  # a string is named by its position, as locally
    _assert_same(local, remote)


def test_score_paths_accurate_equals_local_run(client, corpus):
    remote = tcd.score_paths([corpus], partition_size=7, pipeline="accurate").compute()
    local = tonecheck.score_many([corpus], pipeline="accurate")
    _assert_same(local, remote)
    assert (remote["evidence"]["decided_by"] == "parse").any()


def test_dataframe_of_turns_equals_local_run(client, corpus):
    transcripts = [t for t in iter_transcripts([corpus]) if isinstance(t, tonecheck.Transcript)]
    rows = [
        {"call_id": t.call_id, "speaker": turn.speaker, "text": turn.text} for t in transcripts for turn in t.turns
    ]
    turns = dd.from_pandas(pd.DataFrame(rows).set_index("call_id"), npartitions=3)  # a call stays in one partition
    remote = tcd.score_turns(turns, pipeline="fast").compute()
    local = tonecheck.score_many(
        [tonecheck.Transcript(call_id=t.call_id, turns=t.turns) for t in transcripts], pipeline="fast"
    )
    for name in ("calls", "turns", "evidence"):
        expected = tcd.conform(getattr(local, name), name).sort_values(["call_id"], kind="stable", ignore_index=True)
        got = remote[name].reset_index(drop=True).sort_values(["call_id"], kind="stable", ignore_index=True)
        pd.testing.assert_frame_equal(got, expected, obj=name)


def test_iter_results_streams_in_input_order(client, corpus):
    items = [corpus, "Agent: Pay it today.\nCustomer: No."]
    remote = list(tcd.iter_results(items, client=client, pipeline="fast", chunk=4))
    local = list(tonecheck.iter_results(items, nlp=tonecheck.load("fast")))
    assert [type(r).__name__ for r in remote] == [type(r).__name__ for r in local]
    for r, l in zip(remote, local):
        if isinstance(l, FailedInput):
            assert r == l
        else:
            assert r.call_id == l.call_id
            pd.testing.assert_frame_equal(r.calls, l.calls)
            assert r.evidence_rows == l.evidence_rows


def test_cli_on_the_cluster_writes_the_same_tables_as_a_local_run(client, corpus, tmp_path):
    from typer.testing import CliRunner

    from tonecheck.cli import app

    def score(out, *extra):
        r = CliRunner().invoke(app, ["score", str(corpus), "--out", str(out), "-p", "fast", "--pack", "us", "-q", *extra])
        assert r.exit_code == 1, r.output  # broken.txt
        return {t: pd.read_csv(out / f"{t}.csv", dtype=str, keep_default_na=False)
                for t in ("calls", "turns", "evidence", "errors", "checks", "files")}

    remote = score(tmp_path / "remote", "--dask-scheduler", client.scheduler.address)
    local = score(tmp_path / "local")
    for name, expected in local.items():
        pd.testing.assert_frame_equal(remote[name], expected, obj=name)
    assert len(remote["calls"]) == 24 and len(remote["errors"]) == 1
    manifest = (tmp_path / "remote" / "manifest.json").read_text()
    assert client.scheduler.address in manifest


def test_score_to_folder_rebuilds_a_passed_pipeline_on_the_workers(client, corpus, tmp_path):
    # a pipeline built with an extra lexicon and a component left out is built the same on the workers
    extra = tmp_path / "house.yml"
    extra.write_text(
        "entries:\n  - id: solution.house_plan\n    category: solution\n    phrases: [take your time]\n", encoding="utf-8"
    )
    nlp = tonecheck.load("fast", lexicons=[extra], disable=["tonecheck_sentiment"])

    def tables(out, **kw):
        tonecheck.score_to_folder([corpus], out, nlp=nlp, **kw)
        return {t: pd.read_csv(out / f"{t}.csv", dtype=str, keep_default_na=False) for t in ("calls", "evidence")}

    remote = tables(tmp_path / "remote", dask_scheduler=client.scheduler.address)
    local = tables(tmp_path / "local")
    for name, expected in local.items():
        pd.testing.assert_frame_equal(remote[name], expected, obj=name)
    assert "solution.house_plan" in set(remote["evidence"]["rule"])  # the extra lexicon, on the workers
    assert set(remote["calls"]["customer_sentiment_start"]) == {""}  # and no sentiment component there either


def test_cli_names_an_unreachable_scheduler(corpus, tmp_path):
    from typer.testing import CliRunner

    from tonecheck.cli import app

    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        r = CliRunner().invoke(app, ["score", str(corpus), "--out", str(tmp_path / "o"), "-p", "fast",
                                     "--dask-scheduler", "tcp://127.0.0.1:9"], env={"COLUMNS": "200"})
    assert r.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in r.output
    assert not (tmp_path / "o").exists()


def test_worker_killed_mid_run_loses_and_duplicates_nothing(client, corpus):
    files = tcd.list_files([corpus])

    def slow(path):  # defined here, so it is shipped to the workers by value
        import time as _t

        _t.sleep(0.4)
        return path

    report = tcd.score_bag(db.from_sequence(files, npartitions=8).map(slow), pipeline="fast")
    futures = client.compute(list(report.frames()))
    # wait until a worker is busy with a partition, then kill that worker's process
    pids = client.run(os.getpid)
    victim = None
    deadline = time.time() + 30
    while victim is None and time.time() < deadline:
        busy = {w: tasks for w, tasks in client.processing().items() if tasks}
        if busy and any(f.status == "pending" for f in futures):
            victim = sorted(busy)[0]
        else:
            time.sleep(0.05)
    assert victim is not None, "no task ever ran"
    os.kill(pids[victim], signal.SIGKILL)
    calls, turns, evidence, errors = client.gather(futures)
    local = tonecheck.score_many([corpus], pipeline="fast")
    assert sorted(calls["call_id"]) == sorted(local.calls["call_id"])  # every call exactly once
    assert calls["call_id"].is_unique
    _assert_same(local, {"calls": calls, "turns": turns, "evidence": evidence, "errors": errors})
