"""Coaching tables and plots over scored calls.

Start from a scored folder (what ``tonecheck score`` writes) or a :class:`~tonecheck.frames.Report`
from :func:`tonecheck.score_many`, plus optional metadata (``call_id``, ``agent_id``, ``team``,
``date``, ``outcome``, ...)::

    from tonecheck import reports
    scored = reports.load_scored("results/")                  # calls/turns/evidence/errors, any format
    calls = reports.with_metadata(scored.calls, "agents.csv")  # or pass metadata= to each function
    reports.agent_summary(calls)                               # per agent: calls and mean of each metric
    reports.agent_vs_team(calls)                               # each agent against the team median
    reports.weekly_trend(calls)                                # by week (and agent)
    reports.top_bottom_calls(calls, n=5)
    reports.example_utterances(scored, metadata="agents.csv")  # best/worst detections with context
    fig = reports.plot_agent_comparison(calls)                 # matplotlib Figures, drawn with Agg

Tables are plain pandas DataFrames. Plot functions return :class:`matplotlib.figure.Figure` objects
made without pyplot (no global state, no window): show one in a notebook with ``display(fig)`` (after
``%matplotlib inline``), save it with ``fig.savefig(path)``.

Metrics (:data:`METRICS`) are columns of the calls table; each knows whether higher or lower is better,
so a comparison can say whether an agent is doing better or worse than the team.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from .frames import CALL_COLUMNS, ERROR_COLUMNS, EVIDENCE_COLUMNS, TONE_CATEGORIES, TURN_COLUMNS

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class Metric:
    """A calls column a coach reads: its label, whether higher or lower is better, and how to show it."""

    column: str
    label: str
    better: str  # "higher", "lower" or "" (neither)
    fmt: str = "{:.1f}"
    help: str = ""
    tolerance: float = 0.0  # differences this small (or under 5% of the reference) count as "same"

    def format(self, value: Any) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "—"
        if "+" in self.fmt and abs(value) < 0.005:
            value = 0.0  # no "-0.00"
        return self.fmt.format(value)


METRICS: dict[str, Metric] = {
    m.column: m
    for m in (
        Metric("tone_score", "Tone score", "higher", "{:.0f}", "0-100; 50 is a neutral call", 2.0),
        Metric("empathy_per_100w", "Empathy", "higher", "{:.2f}", "acknowledging, apologising, reassuring (per 100 agent words)", 0.1),
        Metric("solution_per_100w", "Solutions", "higher", "{:.2f}", "payment plans, options, holds, free advice (per 100 agent words)", 0.1),
        Metric("open_question_per_100w", "Open questions", "higher", "{:.2f}", "what/how questions that let the customer explain (per 100 agent words)", 0.1),
        Metric("closed_question_per_100w", "Closed questions", "lower", "{:.2f}", "yes/no and either/or questions (per 100 agent words)", 0.1),
        Metric("jargon_per_100w", "Jargon", "lower", "{:.2f}", "collections and legal terms a customer may not know (per 100 agent words)", 0.1),
        Metric("demand_per_100w", "Demands", "lower", "{:.2f}", "obligation, urgency and threats (per 100 agent words)", 0.1),
        Metric("open_question_share", "Open-question share", "higher", "{:.0%}", "open / all questions", 0.03),
        Metric("agent_positivity", "Agent positivity", "higher", "{:+.2f}", "how positive the agent's wording is (-1 to 1)", 0.03),
        Metric("customer_sentiment_shift", "Customer sentiment shift", "higher", "{:+.2f}",
               "customer sentiment at the end minus at the start (-2 to 2): did the call leave them better off?", 0.03),
        Metric("agent_talk_share", "Agent talk share", "", "{:.0%}", "agent words / all words", 0.03),
        Metric("undercut_empathy_count", "Undercut empathy", "lower", "{:.1f}",
               "empathy followed by 'but' + a demand, or straight away by one (per call)", 0.1),
    )
}

#: The metrics the tables and plots show by default.
DEFAULT_METRICS: tuple[str, ...] = (
    "tone_score", "empathy_per_100w", "solution_per_100w", "open_question_per_100w", "closed_question_per_100w",
    "jargon_per_100w", "demand_per_100w", "open_question_share", "customer_sentiment_shift",
)

#: +1 when more of a category is better, -1 when less is.
CATEGORY_SIGN: dict[str, int] = {
    "empathy": 1, "solution": 1, "open_question": 1, "closed_question": -1, "jargon": -1, "demand": -1,
}
CATEGORY_LABELS: dict[str, str] = {
    "empathy": "empathy", "solution": "solution", "open_question": "open question",
    "closed_question": "closed question", "jargon": "jargon", "demand": "demand", "hardship": "hardship (customer)",
}
#: One colour per category: (strong colour for lines/text, light background for highlights).
CATEGORY_COLOURS: dict[str, tuple[str, str]] = {
    "empathy": ("#1f7a4d", "#cdeedd"),
    "solution": ("#1f5fa8", "#d3e4f8"),
    "open_question": ("#6b3fa0", "#e6dcf5"),
    "closed_question": ("#a86b00", "#fbe8c2"),
    "jargon": ("#b0306f", "#f8d5e7"),
    "demand": ("#c0392b", "#f9d4cf"),
    "hardship": ("#55606e", "#e3e7ec"),
}
_GOOD, _BAD, _NEUTRAL = "#1f7a4d", "#c0392b", "#7b8794"
_TABLES = ("calls", "turns", "evidence", "errors", "checks")
_FORMAT_ORDER = ("parquet", "csv", "jsonl")


# --------------------------------------------------------------------------- loading


@dataclass
class ScoredData:
    """The tables of a scored folder (what ``tonecheck score`` writes), like a :class:`~tonecheck.frames.Report`.

    ``calls``, ``turns``, ``evidence``, ``errors`` and ``checks`` are DataFrames with the documented
    columns first; ``manifest`` is ``manifest.json`` (empty when the folder has none); ``path`` is the folder.
    """

    calls: "pd.DataFrame"
    turns: "pd.DataFrame"
    evidence: "pd.DataFrame"
    errors: "pd.DataFrame"
    checks: "pd.DataFrame"
    manifest: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def __len__(self) -> int:
        return len(self.calls)

    def tables(self) -> dict[str, "pd.DataFrame"]:
        return {name: getattr(self, name) for name in _TABLES}


def _documented(name: str) -> dict[str, str]:
    if name == "checks":
        try:
            from .checks import CHECK_COLUMNS
        except Exception:  # pragma: no cover - checks is optional for reports
            return {"call_id": ""}
        return CHECK_COLUMNS
    return {"calls": CALL_COLUMNS, "turns": TURN_COLUMNS, "evidence": EVIDENCE_COLUMNS, "errors": ERROR_COLUMNS}[name]


def _column_kind(name: str) -> str:
    try:
        from .output import column_type
    except Exception:  # pragma: no cover
        column_type = None
    if column_type is not None:
        return column_type(name)
    return "str"


def _find_table(folder: Path, name: str, manifest: Mapping[str, Any]) -> Path | None:
    listed = (manifest.get("tables") or {}).get(name)
    if listed and (folder / listed).is_file():
        return folder / listed
    for ext in _FORMAT_ORDER:
        path = folder / f"{name}.{ext}"
        if path.is_file():
            return path
    return None


def _read_table(path: Path) -> "pd.DataFrame":
    import pandas as pd

    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".csv":
        # every cell as text first: a turn reading "NA" or "None" stays text, ids keep leading zeros
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as fh:
            return pd.DataFrame([json.loads(line) for line in fh if line.strip()])
    raise ValueError(f"{path}: not a csv, parquet or jsonl table")


def _typed(df: "pd.DataFrame", columns: Mapping[str, str]) -> "pd.DataFrame":
    """Documented columns first (missing ones empty) with their documented types."""
    import pandas as pd

    df = df.copy()
    for col in columns:
        if col not in df.columns:
            df[col] = pd.Series([None] * len(df), dtype="object", index=df.index)
    for col in columns:
        kind = _column_kind(col)
        if kind in ("int", "float"):
            df[col] = pd.to_numeric(df[col], errors="coerce")
        elif kind == "bool":
            df[col] = df[col].map(
                lambda v: v if isinstance(v, bool) else (str(v).strip().lower() in ("true", "1", "yes")) if v is not None and v == v else False
            )
        else:
            df[col] = df[col].astype("object").where(df[col].notna(), None)
    extra = [c for c in df.columns if c not in columns]
    return df[list(columns) + extra]


def load_scored(path: str | Path) -> ScoredData:
    """Read a scored folder (``calls``/``turns``/``evidence``/``errors``/``checks`` as csv, parquet or jsonl).

    The manifest's ``tables`` say which files to read; without a manifest, whichever of
    ``NAME.parquet``, ``NAME.csv``, ``NAME.jsonl`` exists is read. ``calls`` is required; a missing
    table is empty. Columns get their documented types (ids and text stay strings, counts become numbers).
    """
    folder = Path(path)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder (expected the output folder of 'tonecheck score')")
    manifest: dict[str, Any] = {}
    mpath = folder / "manifest.json"
    if mpath.is_file():
        try:
            manifest = json.loads(mpath.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{mpath}: cannot read the manifest: {exc}") from None
    frames: dict[str, Any] = {}
    for name in _TABLES:
        table = _find_table(folder, name, manifest)
        if table is None:
            if name == "calls":
                raise FileNotFoundError(
                    f"{folder}: no calls table (calls.csv, calls.parquet or calls.jsonl); is it the --out folder of 'tonecheck score'?"
                )
            import pandas as pd

            frames[name] = _typed(pd.DataFrame(), _documented(name))
            continue
        frames[name] = _typed(_read_table(table), _documented(name))
    for name in ("calls", "turns", "evidence"):
        frames[name]["call_id"] = frames[name]["call_id"].map(lambda v: v if v is None else str(v))
    return ScoredData(**frames, manifest=manifest, path=folder)


def as_scored(source: Any) -> Any:
    """A :class:`ScoredData` for a folder path; a Report or ScoredData as it is."""
    if isinstance(source, (str, Path)):
        return load_scored(source)
    if not hasattr(source, "calls"):
        raise TypeError(f"expected a scored folder, a tonecheck Report or ScoredData, not {type(source).__name__}")
    return source


def read_metadata(path: str | Path) -> "pd.DataFrame":
    """A metadata CSV (``call_id`` or ``file`` column plus agent_id, team, date, outcome, ...), every cell as text."""
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig", sep=None, engine="python")
    df.columns = [str(c).strip() for c in df.columns]
    if "call_id" not in df.columns:
        if "file" not in df.columns:
            raise ValueError(f"{path}: the metadata needs a 'call_id' or 'file' column")
        df["call_id"] = df["file"].map(lambda f: Path(str(f).replace("\\", "/")).stem if f == f else f)
    return df


def with_metadata(calls: "pd.DataFrame", metadata: "pd.DataFrame | str | Path | None" = None) -> "pd.DataFrame":
    """``calls`` with the metadata joined on ``call_id``; metadata values win where both have a column.

    Without ``metadata`` the calls come back as they are (they may carry metadata from
    ``tonecheck score --metadata`` or from JSON transcripts already).
    """
    if metadata is None:
        return calls
    meta = read_metadata(metadata) if isinstance(metadata, (str, Path)) else metadata.copy()
    if "call_id" not in meta.columns:
        raise ValueError("metadata needs a 'call_id' column")
    meta["call_id"] = meta["call_id"].astype(str)
    meta = meta.drop(columns=[c for c in ("file",) if c in meta.columns]).drop_duplicates("call_id", keep="last")
    out = calls.copy()
    out["call_id"] = out["call_id"].astype(str)
    indexed = meta.set_index("call_id")
    for col in indexed.columns:
        values = out["call_id"].map(indexed[col])
        out[col] = values.where(values.notna(), out[col]) if col in out.columns else values
    return out


def _prepare(calls: "pd.DataFrame", metadata: Any) -> "pd.DataFrame":
    if hasattr(calls, "calls") and not hasattr(calls, "columns"):  # a Report or ScoredData
        calls = calls.calls
    return with_metadata(calls, metadata)


def _metrics(calls: "pd.DataFrame", metrics: Sequence[str] | None) -> list[str]:
    wanted = list(metrics) if metrics is not None else list(DEFAULT_METRICS)
    missing = [m for m in wanted if m not in calls.columns]
    if missing:
        raise KeyError(f"no such calls column(s): {', '.join(missing)}")
    return wanted


def _need(calls: "pd.DataFrame", column: str, what: str) -> None:
    if column not in calls.columns:
        raise KeyError(
            f"the calls have no {column!r} column, needed for {what}; pass metadata= (a CSV or DataFrame with "
            f"call_id and {column}) or score with 'tonecheck score --metadata'"
        )


def _numeric(calls: "pd.DataFrame", metrics: Sequence[str]) -> "pd.DataFrame":
    import pandas as pd

    out = calls.copy()
    for m in metrics:
        out[m] = pd.to_numeric(out[m], errors="coerce")
    return out


def metric_label(column: str) -> str:
    m = METRICS.get(column)
    return m.label if m else column.replace("_", " ")


def is_better(metric: str, difference: float, reference: float | None = None) -> str:
    """``better``, ``worse`` or ``same`` for a difference (agent - reference) in ``metric``.

    Differences within the metric's tolerance, or within 5% of ``reference``, are ``same``: in a small
    team a hair's breadth from the median is not a coaching point.
    """
    m = METRICS.get(metric)
    better = m.better if m else "higher"
    if difference is None or (isinstance(difference, float) and math.isnan(difference)) or not better:
        return "same"
    tolerance = m.tolerance if m else 0.0
    if reference is not None and not (isinstance(reference, float) and math.isnan(reference)):
        tolerance = max(tolerance, 0.05 * abs(reference))
    if abs(difference) <= max(tolerance, 1e-9):
        return "same"
    up = difference > 0
    return "better" if up == (better == "higher") else "worse"


# --------------------------------------------------------------------------- tables


def agent_summary(
    calls: "pd.DataFrame", metadata: Any = None, *, by: str = "agent_id", metrics: Sequence[str] | None = None
) -> "pd.DataFrame":
    """One row per agent: ``team`` (when known), ``calls`` (how many) and the mean of each metric.

    Sorted by agent. ``by`` may be any calls/metadata column (e.g. ``"team"``).
    """
    calls = _prepare(calls, metadata)
    _need(calls, by, "a per-agent summary")
    metrics = _metrics(calls, metrics)
    df = _numeric(calls, metrics)
    grouped = df.groupby(by, dropna=False, sort=True)
    out = grouped[metrics].mean()
    out.insert(0, "calls", grouped.size())
    if "team" in df.columns and by != "team":
        out.insert(0, "team", grouped["team"].agg(lambda s: s.mode().iat[0] if s.notna().any() else None))
    return out


def agent_vs_team(
    calls: "pd.DataFrame",
    metadata: Any = None,
    *,
    by: str = "agent_id",
    team: str | None = "team",
    metrics: Sequence[str] | None = None,
) -> "pd.DataFrame":
    """Each agent against the median agent of their team (and of all agents), one row per agent and metric.

    Columns: ``<by>``, ``team``, ``calls``, ``metric``, ``label``, ``agent_mean`` (the agent's mean over
    their calls), ``team_median`` (the median of the per-agent means in the agent's team: the typical agent
    of the team; all agents when there is no ``team`` column or ``team=None``), ``difference``
    (agent - team median), ``verdict`` (``better``, ``worse`` or ``same``, knowing whether higher or lower
    is better; see :func:`is_better` for what counts as the same), and the same against all agents: ``all_median``, ``difference_all``, ``verdict_all``
    (useful when teams are small: in a team of two, the median is the midpoint of the two).
    """
    import pandas as pd

    calls = _prepare(calls, metadata)
    metrics = _metrics(calls, metrics)
    summary = agent_summary(calls, by=by, metrics=metrics)
    if team is None or team not in summary.columns:
        summary = summary.assign(_team="all")
        team_col = "_team"
    else:
        team_col = team
    medians = summary.groupby(team_col, dropna=False)[metrics].median()
    overall = summary[metrics].median()

    def diff(a: float, b: float) -> float:
        return a - b if pd.notna(a) and pd.notna(b) else math.nan

    rows = []
    for agent, row in summary.iterrows():
        t = row[team_col]
        for m in metrics:
            agent_mean = row[m]
            median = medians.loc[t, m]
            d, d_all = diff(agent_mean, median), diff(agent_mean, overall[m])
            rows.append({
                by: agent, "team": t, "calls": int(row["calls"]), "metric": m, "label": metric_label(m),
                "agent_mean": agent_mean, "team_median": median, "difference": d, "verdict": is_better(m, d, median),
                "all_median": overall[m], "difference_all": d_all, "verdict_all": is_better(m, d_all, overall[m]),
            })
    return pd.DataFrame(rows)


def _weeks(calls: "pd.DataFrame", date: str) -> "pd.Series":
    import pandas as pd

    _need(calls, date, "a weekly trend")
    dates = pd.to_datetime(calls[date], errors="coerce", utc=False)
    return dates.dt.to_period("W-SUN").dt.start_time  # the Monday of each week


def weekly_trend(
    calls: "pd.DataFrame",
    metadata: Any = None,
    *,
    by: str | None = "agent_id",
    date: str = "date",
    metrics: Sequence[str] | None = None,
) -> "pd.DataFrame":
    """Mean of each metric by week (weeks start on Monday), per ``by`` (agent) or over all calls (``by=None``).

    Columns: ``week``, ``<by>``, ``calls``, then the metrics. Calls without a readable date are left out.
    """
    calls = _prepare(calls, metadata)
    metrics = _metrics(calls, metrics)
    df = _numeric(calls, metrics)
    df["week"] = _weeks(df, date)
    df = df[df["week"].notna()]
    keys = ["week"] + ([by] if by else [])
    if by:
        _need(df, by, "a weekly trend per agent")
    grouped = df.groupby(keys, sort=True)
    out = grouped[metrics].mean()
    out.insert(0, "calls", grouped.size())
    return out.reset_index()


def top_bottom_calls(
    calls: "pd.DataFrame",
    metadata: Any = None,
    *,
    n: int = 5,
    metric: str = "tone_score",
    columns: Sequence[str] | None = None,
) -> "pd.DataFrame":
    """The ``n`` best and ``n`` worst calls by ``metric`` (higher is better unless the metric says otherwise).

    Columns: ``rank`` (``top``/``bottom``), ``position`` (1 = best of the top, worst of the bottom),
    ``call_id``, then agent_id/team/date/outcome when known, the metric and a few counts.
    """
    import pandas as pd

    calls = _prepare(calls, metadata)
    _metrics(calls, [metric])
    df = _numeric(calls, [metric])
    df = df[df[metric].notna()]
    ascending = METRICS.get(metric, Metric(metric, metric, "higher")).better == "lower"
    ordered = df.sort_values([metric, "call_id"], ascending=[ascending, True], kind="stable")
    n_top = min(n, len(ordered))
    top = ordered.head(n_top)
    bottom = ordered.drop(top.index).iloc[::-1].head(n)  # no call is both top and bottom
    shown = list(columns) if columns is not None else [
        c for c in ("agent_id", "team", "date", "outcome") if c in df.columns
    ] + [metric] + [c for c in (
        "empathy_count", "solution_count", "open_question_count", "closed_question_count", "jargon_count",
        "demand_count", "customer_sentiment_shift", "agent_words",
    ) if c != metric]
    parts = []
    for rank, part in (("top", top), ("bottom", bottom)):
        part = part[["call_id"] + [c for c in shown if c in part.columns]].copy()
        part.insert(0, "position", range(1, len(part) + 1))
        part.insert(0, "rank", rank)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def _effective_value(row: Mapping[str, Any]) -> float:
    """How good a detection is for the call: sign × weight, 0 when negated, half when undercut."""
    sign = CATEGORY_SIGN.get(row["category"], 0)
    weight = row.get("weight")
    weight = 1.0 if weight is None or (isinstance(weight, float) and math.isnan(weight)) else float(weight)
    if not row.get("counted", True) or row.get("negated", False):
        return 0.0
    return sign * weight * (0.5 if row.get("undercut", False) else 1.0)


def negation_note(row: Mapping[str, Any]) -> str:
    """Why a detection is not counted: the negation that cancelled it, or the words that explained a jargon term."""
    if row.get("category") == "jargon":
        return f"explained (“{row.get('modifier') or 'explained'}”), not counted"
    return f"negated by “{row.get('modifier') or 'a negation'}”, not counted"


def _note(row: Mapping[str, Any]) -> str:
    notes = []
    if row.get("negated"):
        notes.append(negation_note(row))
    if row.get("undercut"):
        notes.append(f"undercut by “{row.get('modifier') or 'but'}” + a demand, counts half")
    weight = row.get("weight")
    if isinstance(weight, (int, float)) and not math.isnan(weight) and weight != 1:
        notes.append(f"weight {weight:g}")
    if row["category"] == "jargon" and row.get("plain"):
        notes.append(f"plain alternative: {row['plain']}")
    return "; ".join(notes)


def turn_context(turns: "pd.DataFrame") -> dict[Any, list[tuple[int, str, str]]]:
    """``call_id -> [(turn_index, role, text), ...]`` in turn order (for looking up neighbouring turns)."""
    out: dict[Any, list[tuple[int, str, str]]] = {}
    if turns is None or not len(turns):
        return out
    cols = turns[["call_id", "turn_index", "role", "text"]]
    for call_id, index, role, text in cols.itertuples(index=False, name=None):
        if index is None or (isinstance(index, float) and math.isnan(index)):
            continue
        out.setdefault(call_id, []).append((int(index), role or "", text if isinstance(text, str) else ""))
    for rows in out.values():
        rows.sort()
    return out


def neighbours(context: Mapping[Any, list[tuple[int, str, str]]], call_id: Any, turn_index: int) -> dict[str, Any]:
    """The turn's text and the customer turns just before and after it (within three turns)."""
    rows = context.get(call_id, [])
    pos = next((i for i, r in enumerate(rows) if r[0] == turn_index), None)
    out = {"turn_text": "", "customer_before": "", "customer_before_index": None, "customer_after": "", "customer_after_index": None}
    if pos is None:
        return out
    out["turn_text"] = rows[pos][2]
    for i in range(pos - 1, max(-1, pos - 4), -1):
        if rows[i][1] == "customer":
            out["customer_before"], out["customer_before_index"] = rows[i][2], rows[i][0]
            break
    for i in range(pos + 1, min(len(rows), pos + 4)):
        if rows[i][1] == "customer":
            out["customer_after"], out["customer_after_index"] = rows[i][2], rows[i][0]
            break
    return out


def example_utterances(
    report: Any,
    metadata: Any = None,
    *,
    n: int = 3,
    by: str = "agent_id",
    agent: Any = None,
    categories: Iterable[str] = TONE_CATEGORIES,
) -> "pd.DataFrame":
    """The best and worst example detections per category, with the customer turns around them.

    ``report`` is a scored folder, :class:`ScoredData` or :class:`~tonecheck.frames.Report` (it needs
    ``calls``, ``turns`` and ``evidence``). Only agent turns count. ``agent`` restricts to one agent
    (needs a ``by`` column, from the calls or ``metadata``).

    A detection's value is its category's sign (+ for empathy, solution, open question; - for closed
    question, jargon, demand) times its weight, halved when undercut and 0 when negated.

    - For empathy, solutions and open questions, ``best`` are counted detections at full weight (ties go to
      the turn with the most good in it, then the higher-scoring call) and ``worst`` are the ones that lost
      value: empathy undercut by "but" + a demand, a negated phrase.
    - For demands, jargon and closed questions, ``worst`` are counted detections, heaviest first (threats
      before "you need to"; ties go to the turn with the most harm in it, then the lower-scoring call, so a
      closed question next to a demand comes first), and ``best`` are the ones the agent negated ("you
      don't have to pay it all today").
    - A detection of weight 0 is no example either way: it counts, but it does not move the score (an identity
      check, questions.yml ``closed.verification``, is a question the agent must ask).

    A category with nothing of a kind has no rows of that kind. Each sentence, and each call, is used once
    per category and kind, so the examples are varied.

    Columns: ``example`` (best/worst), ``category``, ``call_id``, ``<by>`` (when known), ``turn_index``,
    ``text`` (the words), ``sentence``, ``turn_text``, ``customer_before``, ``customer_after``, ``note``
    (why it counts as it does; the plain alternative for jargon), ``plain``, ``rule``, ``weight``,
    ``counted``, ``negated``, ``undercut``, ``start_char``, ``end_char``, ``tone_score`` (of the call), ``value``.
    """
    import pandas as pd

    report = as_scored(report)
    calls = with_metadata(report.calls, metadata)
    evidence = report.evidence
    cats = list(categories)
    columns = ["example", "category", "call_id"] + ([by] if by in calls.columns else []) + [
        "turn_index", "text", "sentence", "turn_text", "customer_before", "customer_after", "note", "plain", "rule",
        "weight", "counted", "negated", "undercut", "start_char", "end_char", "tone_score", "value", "turn_value",
        "customer_before_index", "customer_after_index",
    ]
    if evidence is None or not len(evidence):
        return pd.DataFrame(columns=columns)
    ev = evidence[(evidence["role"] == "agent") & evidence["category"].isin(cats)].copy()
    info_cols = ["call_id", "tone_score"] + ([by] if by in calls.columns else [])
    info = calls[info_cols].drop_duplicates("call_id").copy()
    info["call_id"] = info["call_id"].astype(str)
    info["tone_score"] = pd.to_numeric(info["tone_score"], errors="coerce")
    ev["call_id"] = ev["call_id"].astype(str)
    ev = ev.merge(info, on="call_id", how="inner")
    if agent is not None:
        _need(calls, by, "examples for one agent")
        ev = ev[ev[by].astype(str) == str(agent)]
    if not len(ev):
        return pd.DataFrame(columns=columns)
    ev["value"] = [_effective_value(r) for r in ev.to_dict("records")]
    # the value of everything in the same turn (all categories), to break ties
    wanted = set(ev["call_id"])
    everything = evidence[(evidence["role"] == "agent") & evidence["call_id"].astype(str).isin(wanted)]
    turn_values: dict[tuple[str, Any], float] = {}
    for r in everything[["call_id", "turn_index", "category", "weight", "counted", "negated", "undercut"]].to_dict("records"):
        key = (str(r["call_id"]), r["turn_index"])
        turn_values[key] = turn_values.get(key, 0.0) + _effective_value(r)
    ev["turn_value"] = [turn_values.get((c, t), 0.0) for c, t in zip(ev["call_id"], ev["turn_index"])]
    ev["_sentence_key"] = ev["sentence"].fillna(ev["text"]).astype(str).str.lower().str.replace(r"[\d£$,.]+", "#", regex=True)
    picked = []
    for category in cats:
        cat = ev[ev["category"] == category]
        if not len(cat):
            continue
        sign = CATEGORY_SIGN.get(category, 1)
        # weight 0: counted, but it does not move the score (an identity check): no example either way
        weight = pd.to_numeric(cat["weight"], errors="coerce").fillna(1.0)
        cat, weight = cat[weight > 0], weight[weight > 0]
        if sign > 0:  # best: counted; worst: lost value (undercut, negated)
            kinds = (("best", cat[cat["value"] > 0], False), ("worst", cat[cat["value"] < weight], True))
        else:  # worst: counted; best: negated
            kinds = (("best", cat[cat["value"] == 0], False), ("worst", cat[cat["value"] < 0], True))
        for kind, pool, ascending in kinds:
            ordered = pool.sort_values(["value", "turn_value", "tone_score"], ascending=[ascending] * 3, kind="stable")
            seen_sentences: set[str] = set()
            seen_calls: set[Any] = set()
            chosen = []
            for idx, row in ordered.iterrows():
                if row["_sentence_key"] in seen_sentences or row["call_id"] in seen_calls:
                    continue
                chosen.append(idx)
                seen_sentences.add(row["_sentence_key"])
                seen_calls.add(row["call_id"])
                if len(chosen) == n:
                    break
            for idx in chosen:
                row = ev.loc[idx].to_dict()
                row["example"] = kind
                row["note"] = _note(row)
                picked.append(row)
    if not picked:
        return pd.DataFrame(columns=columns)
    turns = report.turns
    chosen_calls = {str(r["call_id"]) for r in picked}
    context = turn_context(turns[turns["call_id"].astype(str).isin(chosen_calls)] if turns is not None and len(turns) else turns)
    for row in picked:
        row.update(neighbours(context, row["call_id"], int(row["turn_index"])))
    out = pd.DataFrame(picked)
    return out[[c for c in columns if c in out.columns]].reset_index(drop=True)


# --------------------------------------------------------------------------- plots


def _mpl(text: Any) -> str:
    """A data value as plain matplotlib text: ``$`` would start mathtext (and a bad formula fails to draw)."""
    return str(text).replace("$", r"\$")


def _figure(width: float, height: float) -> "Figure":
    """A Figure drawn by the Agg canvas: no pyplot, no window, no global figure list."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _style(ax) -> None:
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(axis="x", color="#e5e7eb", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=8)


def _empty(fig: "Figure", message: str) -> "Figure":
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color="#555")
    return fig


def plot_agent_comparison(
    calls: "pd.DataFrame",
    metadata: Any = None,
    *,
    by: str = "agent_id",
    metrics: Sequence[str] | None = None,
    ncols: int = 3,
) -> "Figure":
    """Small multiples, one per metric: each agent's mean as a bar, the median agent as a dashed line.

    Bars are green where the agent does better than the median agent, red where worse.
    """
    calls = _prepare(calls, metadata)
    summary = agent_summary(calls, by=by, metrics=metrics)
    metrics = [m for m in (metrics or DEFAULT_METRICS)]
    nrows = math.ceil(len(metrics) / ncols)
    agents = [_mpl(a) for a in summary.index]
    fig = _figure(3.6 * ncols, 0.5 + nrows * (0.9 + 0.24 * len(agents)))
    if not len(summary):
        return _empty(fig, "no calls")
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for i, ax in enumerate(axes.flat):
        if i >= len(metrics):
            ax.axis("off")
            continue
        m = metrics[i]
        values = summary[m].astype(float)
        median = float(values.median()) if values.notna().any() else math.nan
        colours = [
            {"better": _GOOD, "worse": _BAD}.get(is_better(m, v - median, median), _NEUTRAL) if not math.isnan(v) else _NEUTRAL
            for v in values
        ]
        y = range(len(agents))
        ax.barh(list(y), values.fillna(0).tolist(), color=colours, height=0.65)
        if not math.isnan(median):
            ax.axvline(median, color="#111827", linestyle="--", linewidth=1)
        ax.set_yticks(list(y), agents)
        ax.invert_yaxis()
        better = METRICS[m].better if m in METRICS else ""
        arrow = " (higher is better)" if better == "higher" else " (lower is better)" if better == "lower" else ""
        ax.set_title(f"{metric_label(m)}{arrow}", fontsize=9, loc="left")
        if m in ("open_question_share", "agent_talk_share"):
            ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
        _style(ax)
    fig.suptitle("Agents compared (bars: agent mean; dashed line: median agent)", fontsize=11, x=0.01, ha="left")
    return fig


def plot_metric_distribution(
    calls: "pd.DataFrame", metadata: Any = None, *, metric: str = "tone_score", by: str | None = "agent_id"
) -> "Figure":
    """How ``metric`` spreads over calls: a box per agent with every call as a dot (or one histogram with ``by=None``)."""
    import numpy as np

    calls = _prepare(calls, metadata)
    _metrics(calls, [metric])
    df = _numeric(calls, [metric])
    df = df[df[metric].notna()]
    label = metric_label(metric)
    if by is None or by not in df.columns:
        fig = _figure(7, 3.2)
        if not len(df):
            return _empty(fig, "no calls")
        ax = fig.add_subplot()
        ax.hist(df[metric], bins=20, color="#1f5fa8", alpha=0.85)
        ax.set_xlabel(label)
        ax.set_ylabel("calls")
        _style(ax)
        ax.set_title(f"{label} over {len(df)} calls", fontsize=10, loc="left")
        return fig
    groups = [(_mpl(k), g[metric].to_numpy()) for k, g in df.groupby(by, sort=True)]
    fig = _figure(7.5, 0.8 + 0.42 * max(1, len(groups)))
    if not groups:
        return _empty(fig, "no calls")
    ax = fig.add_subplot()
    import matplotlib

    horizontal = (
        {"orientation": "horizontal"} if tuple(int(x) for x in matplotlib.__version__.split(".")[:2]) >= (3, 10) else {"vert": False}
    )
    ax.boxplot([g for _, g in groups], **horizontal, widths=0.55, showfliers=False,
               medianprops={"color": "#111827"}, boxprops={"color": "#4b5563"}, whiskerprops={"color": "#4b5563"},
               capprops={"color": "#4b5563"})
    rng = np.random.default_rng(0)
    for i, (_, values) in enumerate(groups, start=1):
        ax.scatter(values, i + rng.uniform(-0.18, 0.18, len(values)), s=9, alpha=0.45, color="#1f5fa8", linewidths=0)
    ax.set_yticks(range(1, len(groups) + 1), [k for k, _ in groups])
    ax.invert_yaxis()
    ax.set_xlabel(label)
    _style(ax)
    ax.set_title(f"{label} per call, by agent (box: middle half of calls; line: median)", fontsize=10, loc="left")
    return fig


def plot_weekly_trend(
    calls: "pd.DataFrame",
    metadata: Any = None,
    *,
    metric: str = "tone_score",
    by: str | None = "agent_id",
    date: str = "date",
    highlight: Any = None,
    figsize: tuple[float, float] = (8, 3.6),
) -> "Figure":
    """``metric`` by week: one line per agent (``highlight`` one agent, the others in grey) and the weekly
    mean over all calls as a dashed line."""
    calls = _prepare(calls, metadata)
    fig = _figure(*figsize)
    overall = weekly_trend(calls, by=None, date=date, metrics=[metric])
    if not len(overall):
        return _empty(fig, "no dated calls: pass metadata with a 'date' column")
    ax = fig.add_subplot()
    if by is not None and by in calls.columns:
        per_agent = weekly_trend(calls, by=by, date=date, metrics=[metric])
        from matplotlib import colormaps

        cmap = colormaps["tab10"]
        for i, (agent, g) in enumerate(per_agent.groupby(by, sort=True)):
            if highlight is None:
                ax.plot(g["week"], g[metric], marker="o", markersize=3, linewidth=1.6, color=cmap(i % 10), label=_mpl(agent))
            elif str(agent) == str(highlight):
                ax.plot(g["week"], g[metric], marker="o", markersize=4, linewidth=2.6, color="#1f5fa8", label=_mpl(agent), zorder=3)
            else:
                ax.plot(g["week"], g[metric], linewidth=0.9, color="#cbd5e1", zorder=1)
    ax.plot(overall["week"], overall[metric], linestyle="--", color="#111827", linewidth=1.4, label="all calls")
    ax.set_ylabel(metric_label(metric), fontsize=9)
    ax.set_title(f"{metric_label(metric)} by week (mean of the week's calls)", fontsize=10, loc="left")
    ax.legend(fontsize=7, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    _week_axis(ax, overall["week"])
    ax.grid(axis="y", color="#e5e7eb", linewidth=0.8)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.tick_params(labelsize=8)
    return fig


def _week_axis(ax, weeks) -> None:
    """Ticks on Mondays (every week, or every few weeks when there are many), labelled like '07 Sep'."""
    from matplotlib.dates import MO, DateFormatter, WeekdayLocator

    n = max(1, len(set(weeks)))
    ax.xaxis.set_major_locator(WeekdayLocator(byweekday=MO, interval=max(1, math.ceil(n / 9))))
    ax.xaxis.set_major_formatter(DateFormatter("%d %b"))


def plot_sentiment_shift(calls: "pd.DataFrame", metadata: Any = None, *, by: str | None = "agent_id") -> "Figure":
    """Customer sentiment at the start and at the end of the call (mean per agent): an arrow from start to
    end, green when customers leave the call happier than they started, red when unhappier."""
    import pandas as pd

    calls = _prepare(calls, metadata)
    cols = ["customer_sentiment_start", "customer_sentiment_end", "customer_sentiment_shift"]
    df = _numeric(calls, cols)
    if by is None or by not in df.columns:
        df = df.assign(_all="all calls")
        by = "_all"
    summary = df.groupby(by, sort=True)[cols].mean().dropna(subset=cols[:2])
    fig = _figure(7.5, 0.9 + 0.42 * max(1, len(summary)))
    if not len(summary):
        return _empty(fig, "no customer sentiment (calls without customer turns)")
    summary = summary.sort_values("customer_sentiment_shift", ascending=False)
    ax = fig.add_subplot()
    for i, (agent, row) in enumerate(summary.iterrows()):
        start, end, shift = row["customer_sentiment_start"], row["customer_sentiment_end"], row["customer_sentiment_shift"]
        colour = _GOOD if shift > 0.02 else _BAD if shift < -0.02 else _NEUTRAL
        ax.annotate("", xy=(end, i), xytext=(start, i),
                    arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 2, "shrinkA": 0, "shrinkB": 0})
        ax.scatter([start], [i], color="#9ca3af", s=22, zorder=3)
        ax.text(max(start, end) + 0.02, i, f"{0.0 if abs(shift) < 0.005 else shift:+.2f}", va="center", fontsize=8, color=colour)
    ax.set_yticks(range(len(summary)), [_mpl(a) for a in summary.index])
    ax.invert_yaxis()
    ax.axvline(0, color="#9ca3af", linewidth=0.8)
    lo = float(pd.concat([summary[cols[0]], summary[cols[1]]]).min())
    hi = float(pd.concat([summary[cols[0]], summary[cols[1]]]).max())
    pad = max(0.1, (hi - lo) * 0.15)
    ax.set_xlim(min(lo, 0) - pad, max(hi, 0) + pad * 1.8)
    ax.set_xlabel("customer sentiment (-1 negative … +1 positive)", fontsize=9)
    _style(ax)
    ax.set_title("Customer sentiment: start of call (grey dot) → end of call (arrow)", fontsize=10, loc="left")
    return fig


def plot_agent_profile(
    calls: "pd.DataFrame",
    metadata: Any = None,
    *,
    agent: Any,
    by: str = "agent_id",
    team: str | None = "team",
    date: str = "date",
) -> "Figure":
    """One agent at a glance: how often they do each thing per 100 words against the median agent of
    their team, and their weekly tone score against the team's."""
    import numpy as np

    calls = _prepare(calls, metadata)
    _need(calls, by, "an agent profile")
    per100 = [f"{c}_per_100w" for c in ("empathy", "solution", "open_question", "closed_question", "jargon", "demand")]
    vs = agent_vs_team(calls, by=by, team=team, metrics=per100)
    mine = vs[vs[by].astype(str) == str(agent)]
    has_dates = date in calls.columns and _weeks(calls, date).notna().any()
    fig = _figure(10, 3.3)
    if not len(mine):
        return _empty(fig, f"no calls for {_mpl(agent)}")
    axes = fig.subplots(1, 2 if has_dates else 1, squeeze=False, width_ratios=[1, 1.15] if has_dates else None)
    ax = axes[0, 0]
    y = np.arange(len(mine))
    labels = [metric_label(m) for m in mine["metric"]]
    colours = [{"better": _GOOD, "worse": _BAD}.get(v, _NEUTRAL) for v in mine["verdict"]]
    ax.barh(y, mine["agent_mean"].astype(float), height=0.6, color=colours, label=_mpl(agent))
    team_name = mine["team"].iat[0]
    ax.scatter(mine["team_median"].astype(float), y, marker="|", s=260, linewidths=2.2, color="#111827", zorder=3,
               label="median agent, team" + (f" {_mpl(team_name)}" if team_name != "all" else ""))
    ax.scatter(mine["all_median"].astype(float), y, marker="D", s=22, facecolors="white", edgecolors="#111827",
               linewidths=1.2, zorder=4, label="median agent, all")
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel("per 100 agent words", fontsize=9)
    ax.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=3)
    _style(ax)
    ax.set_title("What they say, per 100 words (bar green: better than the team)", fontsize=9, loc="left")
    if has_dates:
        ax2 = axes[0, 1]
        subset = calls
        if team and team in calls.columns and team_name != "all":
            subset = calls[calls[team] == team_name]
        team_weekly = weekly_trend(subset, by=None, date=date, metrics=["tone_score"])
        own = weekly_trend(calls[calls[by].astype(str) == str(agent)], by=None, date=date, metrics=["tone_score"])
        ax2.plot(team_weekly["week"], team_weekly["tone_score"], linestyle="--", color="#6b7280", linewidth=1.3,
                 label=f"team {_mpl(team_name)}" if team_name != "all" else "all calls")
        ax2.plot(own["week"], own["tone_score"], marker="o", markersize=4, color="#1f5fa8", linewidth=2.2, label=_mpl(agent))
        for _, row in own.iterrows():
            ax2.annotate(str(int(row["calls"])), (row["week"], row["tone_score"]), textcoords="offset points",
                         xytext=(0, 5), ha="center", fontsize=6, color="#6b7280")
        ax2.set_ylim(0, 100)
        ax2.grid(axis="y", color="#e5e7eb", linewidth=0.8)
        ax2.spines["top"].set_visible(False)
        ax2.spines["right"].set_visible(False)
        ax2.tick_params(labelsize=8)
        ax2.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2)
        _week_axis(ax2, team_weekly["week"])
        ax2.set_title("Tone score by week (small numbers: calls that week)", fontsize=9, loc="left")
    return fig
