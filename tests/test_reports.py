"""tonecheck.reports on a seeded synthetic set (benchmarks/make_synthetic.py): loading scored folders in every
format, the coaching tables, the plots, and the coaching notebook run top to bottom."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pandas as pd
import pytest

import tonecheck
from tonecheck import reports as R

ROOT = Path(__file__).resolve().parents[1]


def load_generator():
    spec = importlib.util.spec_from_file_location("make_synthetic", ROOT / "benchmarks" / "make_synthetic.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_synthetic"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    """180 calls, 7 agents, 6 weeks: (folder, calls folder, metadata path)."""
    folder = tmp_path_factory.mktemp("synth")
    meta = load_generator().generate(folder, n_calls=180, weeks=6, seed=11)
    return folder, folder / "calls", meta


@pytest.fixture(scope="module")
def report(synth, fast_nlp):
    return tonecheck.score_many([synth[1]], nlp=fast_nlp)


@pytest.fixture(scope="module")
def calls(report, synth):
    return R.with_metadata(report.calls, synth[2])


def cli_score(calls_dir: Path, out: Path, fmt: str, metadata: Path | None = None) -> Path:
    from typer.testing import CliRunner

    from tonecheck.cli import app

    args = ["score", str(calls_dir), "--out", str(out), "--format", fmt, "--pipeline", "fast", "--quiet"]
    if metadata:
        args += ["--metadata", str(metadata)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return out


# --------------------------------------------------------------------------- the synthetic set


def test_generator_is_seeded_and_complete(tmp_path, synth):
    gen = load_generator()
    a = gen.generate(tmp_path / "a", n_calls=40, weeks=4, seed=3)
    b = gen.generate(tmp_path / "b", n_calls=40, weeks=4, seed=3)
    assert a.read_text() == b.read_text()
    files = sorted(p.name for p in (tmp_path / "a" / "calls").iterdir())
    assert len(files) == 40
    assert all((tmp_path / "a" / "calls" / f).read_text() == (tmp_path / "b" / "calls" / f).read_text() for f in files)
    meta = pd.read_csv(synth[2], dtype=str)
    assert list(meta.columns) == ["call_id", "agent_id", "team", "date", "outcome"]
    assert len(meta) == 180 and meta["call_id"].is_unique
    assert meta["agent_id"].nunique() == 7 and meta["team"].nunique() == 3
    dates = pd.to_datetime(meta["date"])
    assert dates.dt.day_of_week.max() <= 4  # weekdays
    assert dates.dt.to_period("W").nunique() == 6
    assert set(meta["outcome"]) <= {"arrangement", "promise_to_pay", "callback", "no_arrangement", "hung_up", "dispute"}
    text = (synth[1] / "syn-0001.txt").read_text()
    assert text.count("\nAgent: ") >= 4 and text.count("\nCustomer: ") >= 4


def test_agent_styles_show_in_the_scores(calls):
    s = R.agent_summary(calls, metrics=[
        "tone_score", "jargon_per_100w", "demand_per_100w", "closed_question_per_100w", "open_question_share",
        "undercut_empathy_count", "customer_sentiment_shift",
    ])
    assert s["calls"].sum() == len(calls)
    assert s["tone_score"].idxmax() == "A-201"  # empathetic and solution-focused
    assert s["tone_score"].idxmin() == "A-203"  # demanding
    assert s["demand_per_100w"].idxmax() == "A-203"
    assert s["jargon_per_100w"].idxmax() == "A-202"
    assert s["open_question_share"].idxmin() in ("A-203", "A-204")  # closed-question-heavy
    assert s["undercut_empathy_count"].idxmax() == "A-207"
    assert s.loc["A-201", "customer_sentiment_shift"] > s.loc["A-203", "customer_sentiment_shift"]
    # A-206 improves over the weeks
    weekly = R.weekly_trend(calls[calls["agent_id"] == "A-206"], by=None, metrics=["tone_score"])
    assert weekly["tone_score"].tail(2).mean() - weekly["tone_score"].head(2).mean() > 20


# --------------------------------------------------------------------------- loading


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_load_scored_reads_every_format(tmp_path, synth, report, fmt):
    out = cli_score(synth[1], tmp_path / "out", fmt, metadata=synth[2])
    scored = R.load_scored(out)
    assert len(scored) == len(report.calls) == 180
    assert scored.manifest["command"]["format"] == fmt
    assert scored.path == out
    calls = scored.calls
    assert list(calls.columns[: len(tonecheck.CALL_COLUMNS)]) == list(tonecheck.CALL_COLUMNS)
    for col in ("agent_id", "team", "date", "outcome"):  # joined by --metadata
        assert calls[col].notna().all()
    assert pd.api.types.is_float_dtype(calls["tone_score"])
    assert pd.api.types.is_numeric_dtype(calls["empathy_count"])
    assert calls["call_id"].map(type).eq(str).all()
    assert scored.evidence["counted"].map(type).eq(bool).all()
    assert scored.turns["text"].map(type).eq(str).all()
    assert len(scored.turns) == len(report.turns) and len(scored.evidence) == len(report.evidence)
    expected = report.calls.set_index("call_id")["tone_score"]
    got = calls.set_index("call_id")["tone_score"]
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_dtype=False, check_names=False)
    # the evidence offsets still index into the turn text
    turns = scored.turns.set_index(["call_id", "turn_index"])["text"]
    for r in scored.evidence.head(300).to_dict("records"):
        assert turns[(r["call_id"], r["turn_index"])][r["start_char"]:r["end_char"]] == r["text"]
    assert len(scored.errors) == 0 and list(scored.errors.columns) == list(tonecheck.ERROR_COLUMNS)


def test_load_scored_keeps_text_that_looks_like_missing_values(tmp_path, fast_nlp):
    calls_dir = tmp_path / "calls"
    calls_dir.mkdir()
    (calls_dir / "007.txt").write_text("Agent: How are things?\nCustomer: None\nAgent: NA\nCustomer: null\n")
    out = cli_score(calls_dir, tmp_path / "out", "csv")
    scored = R.load_scored(out)
    assert scored.calls["call_id"].tolist() == ["007"]  # leading zeros kept
    assert scored.turns["text"].tolist() == ["How are things?", "None", "NA", "null"]


def test_load_scored_without_manifest_and_errors(tmp_path, report):
    folder = tmp_path / "bare"
    folder.mkdir()
    report.calls.to_csv(folder / "calls.csv", index=False)
    scored = R.load_scored(folder)
    assert len(scored) == len(report.calls)
    assert scored.manifest == {} and len(scored.turns) == 0 and list(scored.turns.columns) == list(tonecheck.TURN_COLUMNS)
    with pytest.raises(FileNotFoundError, match="no such folder"):
        R.load_scored(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="no calls table"):
        R.load_scored(tmp_path / "empty")


def test_with_metadata(report):
    calls = report.calls.head(3)
    meta = pd.DataFrame({"call_id": calls["call_id"].tolist()[:2], "agent_id": ["X", "Y"], "team": ["T", "T"]})
    out = R.with_metadata(calls, meta)
    assert out["agent_id"].tolist()[:2] == ["X", "Y"] and pd.isna(out["agent_id"].iloc[2])
    assert R.with_metadata(calls, None) is calls
    by_file = pd.DataFrame({"file": [f"calls/{c}.txt" for c in calls["call_id"]], "agent_id": ["a", "b", "c"]})
    path = Path(report.calls["source"].iloc[0]).parent.parent / "by_file.csv"
    by_file.to_csv(path, index=False)
    assert R.with_metadata(calls, path)["agent_id"].tolist() == ["a", "b", "c"]
    with pytest.raises(ValueError, match="call_id"):
        R.with_metadata(calls, pd.DataFrame({"agent": ["x"]}))


# --------------------------------------------------------------------------- tables


def test_agent_vs_team(calls):
    vs = R.agent_vs_team(calls)
    assert set(vs.columns) >= {"agent_id", "team", "metric", "agent_mean", "team_median", "difference", "verdict",
                               "all_median", "verdict_all"}
    assert len(vs) == 7 * len(R.DEFAULT_METRICS)
    summary = R.agent_summary(calls)
    # the team median is the median of the team's per-agent means
    phoenix = summary[summary["team"] == "Phoenix"]["tone_score"].median()
    assert vs[(vs["team"] == "Phoenix") & (vs["metric"] == "tone_score")]["team_median"].eq(phoenix).all()
    row = vs.set_index(["agent_id", "metric"])
    assert row.loc[("A-201", "tone_score"), "verdict"] == "better"
    assert row.loc[("A-203", "demand_per_100w"), "verdict"] == "worse"  # more demands: lower is better
    assert row.loc[("A-202", "jargon_per_100w"), "verdict"] == "worse"
    assert row.loc[("A-201", "jargon_per_100w"), "verdict_all"] == "better"
    # without a team column, everyone is one team
    flat = R.agent_vs_team(calls.drop(columns=["team"]))
    assert set(flat["team"]) == {"all"}
    assert (flat["team_median"] == flat["all_median"]).all()


def test_is_better_tolerance():
    assert R.is_better("tone_score", 5.0, 50) == "better"
    assert R.is_better("tone_score", -1.0, 50) == "same"  # within 2 points / 5%
    assert R.is_better("demand_per_100w", 0.5, 1.0) == "worse"
    assert R.is_better("demand_per_100w", -0.5, 1.0) == "better"
    assert R.is_better("agent_talk_share", 0.3, 0.5) == "same"  # neither direction is better
    assert R.is_better("tone_score", float("nan")) == "same"


def test_weekly_trend(calls):
    weekly = R.weekly_trend(calls)
    assert list(weekly.columns[:3]) == ["week", "agent_id", "calls"]
    assert weekly["calls"].sum() == len(calls)
    assert (weekly["week"].dt.day_of_week == 0).all()  # weeks start on Monday
    overall = R.weekly_trend(calls, by=None, metrics=["tone_score"])
    assert len(overall) == 6 and list(overall.columns) == ["week", "calls", "tone_score"]
    undated = calls.assign(date=["not a date"] * len(calls))
    assert len(R.weekly_trend(undated, by=None)) == 0
    with pytest.raises(KeyError, match="metadata"):
        R.weekly_trend(calls.drop(columns=["date"]))


def test_top_bottom_calls(calls):
    tb = R.top_bottom_calls(calls, n=4)
    top, bottom = tb[tb["rank"] == "top"], tb[tb["rank"] == "bottom"]
    assert len(top) == len(bottom) == 4
    assert top["tone_score"].is_monotonic_decreasing and bottom["tone_score"].is_monotonic_increasing
    assert top["tone_score"].iloc[0] == calls["tone_score"].max()
    assert bottom["tone_score"].iloc[0] == calls["tone_score"].min()
    assert not set(top["call_id"]) & set(bottom["call_id"])
    assert {"agent_id", "team", "date", "outcome", "demand_count"} <= set(tb.columns)
    small = R.top_bottom_calls(calls.head(3), n=5)
    assert len(small) == 3 and small["call_id"].is_unique
    lower = R.top_bottom_calls(calls, n=2, metric="demand_per_100w")  # lower is better
    assert lower[lower["rank"] == "top"]["demand_per_100w"].max() <= lower[lower["rank"] == "bottom"]["demand_per_100w"].min()


def test_example_utterances(report, synth):
    ex = R.example_utterances(report, metadata=synth[2], n=2)
    assert set(ex["example"]) == {"best", "worst"}
    assert set(ex["category"]) <= set(R.CATEGORY_SIGN)
    turns = report.turns.set_index(["call_id", "turn_index"])
    for r in ex.to_dict("records"):
        turn = turns.loc[(r["call_id"], r["turn_index"])]
        assert turn["role"] == "agent" and turn["text"] == r["turn_text"]
        assert r["turn_text"][r["start_char"]:r["end_char"]] == r["text"]
        assert r["text"] in r["sentence"]
        if r["customer_before"]:
            before = turns.loc[(r["call_id"], r["customer_before_index"])]
            assert before["role"] == "customer" and before["text"] == r["customer_before"]
            assert r["customer_before_index"] < r["turn_index"]
        if r["customer_after"]:
            assert turns.loc[(r["call_id"], r["customer_after_index"])]["text"] == r["customer_after"]
        sign = R.CATEGORY_SIGN[r["category"]]
        if sign > 0 and r["example"] == "best":
            assert r["value"] > 0
        if sign < 0 and r["example"] == "worst":
            assert r["value"] < 0 and r["counted"]
        if sign < 0 and r["example"] == "best":
            assert r["value"] == 0 and r["negated"]
    # the worst empathy is empathy undercut by "but" + a demand (A-207's habit)
    worst_empathy = ex[(ex["category"] == "empathy") & (ex["example"] == "worst")]
    assert len(worst_empathy) and worst_empathy["undercut"].all() and "undercut" in worst_empathy["note"].iloc[0]
    # the worst demands are the heaviest (threats) first
    worst_demand = ex[(ex["category"] == "demand") & (ex["example"] == "worst")]
    assert worst_demand["weight"].iloc[0] == report.evidence.query("category == 'demand' and counted")["weight"].max()
    jargon = ex[ex["category"] == "jargon"]
    assert jargon["plain"].str.len().gt(0).all() and jargon["note"].str.contains("plain alternative").all()
    # varied: one example per call and sentence within a category and kind
    for _, g in ex.groupby(["category", "example"]):
        assert g["call_id"].is_unique and g["sentence"].is_unique
    mine = R.example_utterances(report, metadata=synth[2], n=3, agent="A-202")
    assert len(mine) and set(mine["agent_id"]) == {"A-202"}
    assert len(R.example_utterances(report, metadata=synth[2], agent="nobody")) == 0
    with pytest.raises(KeyError, match="agent_id"):
        R.example_utterances(report, agent="A-202")


def test_an_identity_check_is_no_closed_question_to_coach(fast_nlp):
    # the identity check sits next to a demand (the most harm in its turn), yet it is not what to coach
    report = tonecheck.score_many([
        tonecheck.parse_text("Agent: You need to pay today. What's your date of birth?\nCustomer: First of May.",
                             call_id="a"),
        tonecheck.parse_text("Agent: Is that okay with you?\nCustomer: Yes.", call_id="b"),
    ], nlp=fast_nlp)
    ev = report.evidence.query("category == 'closed_question'")
    assert dict(zip(ev["rule"], ev["weight"])) == {"closed.verification": 0.0, "question.aux": 1.0}
    examples = R.example_utterances(report, categories=["closed_question"], n=2)
    assert list(examples["rule"]) == ["question.aux"] and list(examples["example"]) == ["worst"]
    assert examples["text"].iloc[0] == "Is that okay with you?"
    # counted as the closed question it is, but the identity check costs the call nothing
    calls = report.calls.set_index("call_id")
    assert calls.loc["a", "closed_question_count"] == 1 and calls.loc["a", "question_count"] == 1
    alone = tonecheck.score("Agent: You need to pay today.\nCustomer: First of May.", nlp=fast_nlp)
    assert calls.loc["a", "tone_score"] == pytest.approx(alone.scores["tone_score"], abs=0.5)


@pytest.mark.parametrize("offer", [
    "Is there anything else I can help with today?",
    "is there anything else i can help you with",
    "Is there anything more I can do for you?",
    "Anything else we can help with?",
])
def test_an_offer_of_more_help_is_no_closed_question_to_coach(fast_nlp, accurate_nlp, offer):
    for nlp in (fast_nlp, accurate_nlp):
        result = tonecheck.score(f"Agent: {offer}\nCustomer: No, that's all.", nlp=nlp)
        ev = result.evidence.query("category == 'closed_question'")
        assert list(zip(ev["rule"], ev["weight"])) == [("closed.offer_more_help", 0.0)], (nlp.meta["name"], offer)
        assert result.scores["closed_question_count"] == 1


@pytest.mark.parametrize("question", ["Is there anything else worrying you?", "Is there anything else I should know?",
                                      "Can I help you set up a plan?"])
def test_other_closed_questions_still_cost(fast_nlp, question):
    ev = tonecheck.score(f"Agent: {question}\nCustomer: No.", nlp=fast_nlp).evidence.query("category == 'closed_question'")
    assert len(ev) == 1 and ev["weight"].iloc[0] == 1.0, ev[["rule", "weight"]]


def test_tables_on_empty_input():
    empty = tonecheck.Report()
    assert len(R.example_utterances(empty)) == 0
    calls = empty.calls.assign(agent_id=pd.Series(dtype=object))
    assert len(R.agent_summary(calls)) == 0
    assert len(R.top_bottom_calls(calls)) == 0


# --------------------------------------------------------------------------- plots


@pytest.mark.parametrize(
    "plot",
    [
        lambda c: R.plot_agent_comparison(c),
        lambda c: R.plot_agent_comparison(c, metrics=["tone_score", "open_question_share"], ncols=2),
        lambda c: R.plot_metric_distribution(c),
        lambda c: R.plot_metric_distribution(c, metric="demand_per_100w", by=None),
        lambda c: R.plot_weekly_trend(c),
        lambda c: R.plot_weekly_trend(c, highlight="A-206", metric="empathy_per_100w"),
        lambda c: R.plot_sentiment_shift(c),
        lambda c: R.plot_sentiment_shift(c, by=None),
        lambda c: R.plot_agent_profile(c, agent="A-204"),
        lambda c: R.plot_agent_profile(c.drop(columns=["date"]), agent="A-204"),
        lambda c: R.plot_weekly_trend(c.drop(columns=["date"]).assign(date=None)),  # no dates: a message
    ],
)
def test_plots_return_figures_without_pyplot(calls, plot, tmp_path):
    from matplotlib.figure import Figure

    fig = plot(calls)
    assert isinstance(fig, Figure) and fig.axes
    fig.savefig(tmp_path / "plot.png", dpi=60)
    fig.savefig(tmp_path / "plot.svg")
    assert (tmp_path / "plot.png").read_bytes()[:4] == b"\x89PNG"
    if "matplotlib.pyplot" in sys.modules:  # no figure left in pyplot's global list
        assert sys.modules["matplotlib.pyplot"].get_fignums() == []


def test_plots_draw_agent_names_as_text(calls, tmp_path):
    odd = calls.assign(agent_id=calls["agent_id"].map({"A-201": "$\\frac$ 1", "A-202": "a_b^c $x"}).fillna(calls["agent_id"]))
    for fig in (R.plot_agent_comparison(odd), R.plot_weekly_trend(odd), R.plot_agent_profile(odd, agent="$\\frac$ 1"),
                R.plot_sentiment_shift(odd), R.plot_metric_distribution(odd)):
        fig.savefig(tmp_path / "odd.png", dpi=40)  # a '$' would start mathtext and fail to draw


# --------------------------------------------------------------------------- notebook


def test_notebook_outputs_are_stripped():
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / "coaching_report.ipynb", as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.slow
def test_notebook_runs_top_to_bottom(tmp_path, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the kernel's temporary files land in the test's tmp dir
    nb = nbformat.read(ROOT / "notebooks" / "coaching_report.ipynb", as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 5  # comparison, distribution, trend, sentiment, profile
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "Scored 300 calls" in text and "Wrote " in text
    written = list(tmp_path.rglob("coaching_report.html"))
    assert written and "[CARD]" in written[0].read_text(encoding="utf-8")
    assert os.environ["TMPDIR"] == str(tmp_path)
