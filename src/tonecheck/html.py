"""A self-contained HTML coaching report: one file, viewable offline, no scripts.

::

    from tonecheck.html import write_html
    write_html("results/", "report.html", metadata="agents.csv", redact=True)

The page has a team summary (headline figures, a table of agents against the team median, plots), the top
and bottom calls, the best and worst example of each category, and a section per agent (strengths, what
to work on, a profile plot and highlighted excerpts from their calls). In excerpts each detection is
coloured by category (a legend is at the top); hovering a highlight says why it counts, and for jargon
what to say instead.

Transcript text is untrusted: every piece of data is escaped with :func:`html.escape`, and the page
carries a Content-Security-Policy that allows no scripts and no network (images are inline PNGs), so a
transcript containing ``<script>`` shows as text and cannot run. ``redact=True`` masks card numbers,
long digit runs, emails and phone numbers (:mod:`tonecheck.redact`) in everything the page shows.
"""

from __future__ import annotations

import base64
import html as _html
import io
import math
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from . import reports as R
from .frames import TONE_CATEGORIES
from .redact import mask, redact as _redact, redaction_spans

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

_TABLE_METRICS = (
    "tone_score", "empathy_per_100w", "solution_per_100w", "open_question_per_100w", "closed_question_per_100w",
    "jargon_per_100w", "demand_per_100w", "open_question_share", "customer_sentiment_shift",
)
_QUESTION_CATEGORIES = {"open_question", "closed_question"}
_CATEGORY_ORDER = ("empathy", "solution", "open_question", "closed_question", "jargon", "demand", "hardship")
_HOW = {
    "empathy": "acknowledging, apologising for the situation, reassuring (+)",
    "solution": "payment plans, options, holds, free debt advice (+)",
    "open_question": "what/how questions that let the customer explain (+)",
    "closed_question": "yes/no and either/or questions (−)",
    "jargon": "terms a customer may not know; hover for the plain alternative (−)",
    "demand": "obligation, urgency, threats (−)",
    "hardship": "the customer discloses hardship or distress (context, not scored)",
}


# --------------------------------------------------------------------------- small helpers


class _Text:
    """Escapes (and, when asked, redacts) every piece of data put into the page."""

    def __init__(self, redact: bool):
        self.redact = redact

    def __call__(self, value: Any) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return ""
        text = str(value)
        if self.redact:
            text = _redact(text)
        return _html.escape(text, quote=True)


def _esc(value: Any) -> str:
    return _html.escape(str(value), quote=True)


def _num(value: Any, fmt: str = "{:.1f}") -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "—"
    if math.isnan(v):
        return "—"
    if "+" in fmt and abs(v) < 0.005:
        v = 0.0  # no "-0.00"
    return fmt.format(v)


def figure_data_uri(fig: "Figure", dpi: int = 100) -> str:
    """A PNG ``data:`` URI of a matplotlib Figure."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _img(fig: "Figure", alt: str, cls: str = "plot") -> str:
    return f'<img class="{cls}" alt="{_esc(alt)}" src="{figure_data_uri(fig)}">'


def _label(category: str) -> str:
    return R.CATEGORY_LABELS.get(category, category.replace("_", " "))


def _tag(row: Mapping[str, Any]) -> str:
    """What the hover title says about one detection."""
    cat = row.get("category", "")
    words = row.get("text") or ""
    parts = [f"{_label(cat)}: “{words}”"]
    if row.get("negated"):
        parts.append(R.negation_note(row))
    if row.get("undercut"):
        parts.append(f"undercut by “{row.get('modifier') or 'but'}” + a demand, counts half")
    weight = row.get("weight")
    if isinstance(weight, (int, float)) and not (isinstance(weight, float) and math.isnan(weight)) and weight != 1:
        parts.append(f"weight {weight:g}")
    if cat == "jargon" and row.get("plain"):
        parts.append(f"plain alternative: {row['plain']}")
    if row.get("rule"):
        parts.append(f"rule {row['rule']}")
    return " · ".join(parts)


def highlight_html(
    text: str,
    rows: Iterable[Mapping[str, Any]],
    *,
    redact: bool = False,
    focus: tuple[int, int] | None = None,
) -> str:
    """A turn's text as escaped HTML with each detection wrapped in ``<span class="hl c-<category>">``.

    ``rows`` are evidence rows of the turn (``start_char``/``end_char`` index into ``text``).
    Overlapping detections split the text into stretches, each carrying the classes of every detection
    over it (phrase categories colour the background, question categories underline) and a ``title``
    listing them: hovering shows why each counts and, for jargon, the plain alternative. With
    ``redact``, masked stretches (:func:`tonecheck.redact.redaction_spans`) become ``[CARD]``, ``[EMAIL]``...
    ``focus`` (start, end) marks the detection an excerpt is about.
    """
    text = text if isinstance(text, str) else ""
    n = len(text)
    spans = []
    for r in rows:
        try:
            s, e = int(r["start_char"]), int(r["end_char"])
        except (TypeError, ValueError, KeyError):
            continue
        if 0 <= s < e <= n:
            spans.append((s, e, r))
    masked = redaction_spans(text) if redact else []
    points = {0, n}
    for s, e, _ in spans:
        points.update((s, e))
    for s, e, _ in masked:
        points.update((s, e))
    if focus:
        points.update(p for p in focus if 0 <= p <= n)
    cuts = sorted(points)
    out = []
    m = 0  # index into masked
    for a, b in zip(cuts, cuts[1:]):
        while m < len(masked) and masked[m][1] <= a:
            m += 1
        in_mask = m < len(masked) and masked[m][0] <= a and b <= masked[m][1]
        if in_mask:
            if a != masked[m][0]:
                continue  # the mask was written at the start of the masked stretch
            piece = f'<span class="redacted">{_esc(mask(masked[m][2]))}</span>'
        else:
            piece = _esc(text[a:b])
        active = [r for s, e, r in spans if s <= a and b <= e]
        if not active:
            out.append(piece)
            continue
        active.sort(key=lambda r: (_CATEGORY_ORDER.index(r["category"]) if r["category"] in _CATEGORY_ORDER else 99))
        classes = ["hl"] + sorted({f"c-{r['category']}" for r in active})
        if any(r.get("negated") for r in active):
            classes.append("negated")
        if any(r.get("undercut") for r in active):
            classes.append("undercut")
        if focus and focus[0] <= a and b <= focus[1]:
            classes.append("focus")
        title = "\n".join(_tag(r) for r in active)
        if redact:
            title = _redact(title)
        cats = " ".join(sorted({r["category"] for r in active}))
        out.append(f'<span class="{" ".join(classes)}" data-cat="{_esc(cats)}" title="{_esc(title)}">{piece}</span>')
    return "".join(out)


# --------------------------------------------------------------------------- page parts

_CSS = """
:root { --ink:#1f2933; --muted:#616e7c; --line:#e4e7eb; --bg:#f7f8fa; --good:#1f7a4d; --bad:#c0392b; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color:var(--ink); background:var(--bg); }
main { max-width:1180px; margin:0 auto; padding:24px 28px 60px; }
h1 { font-size:26px; margin:0 0 4px; } h2 { font-size:21px; margin:36px 0 10px; padding-bottom:6px; border-bottom:2px solid var(--line); }
h3 { font-size:17px; margin:22px 0 8px; } h4 { font-size:15px; margin:16px 0 6px; }
p { margin:6px 0 10px; } .muted { color:var(--muted); } .small { font-size:13px; }
.meta { color:var(--muted); font-size:13px; margin-bottom:14px; overflow-wrap:anywhere; }
nav { font-size:13px; margin:8px 0 0; } nav a { margin-right:10px; color:#1f5fa8; text-decoration:none; }
.legend { position:sticky; top:0; z-index:5; background:#fff; border:1px solid var(--line); border-radius:8px;
          padding:8px 12px; margin:14px 0; font-size:13px; display:flex; flex-wrap:wrap; gap:6px 14px; align-items:center;
          box-shadow:0 1px 3px rgba(0,0,0,.05); }
.legend b { margin-right:2px; }
.cards { display:grid; grid-template-columns:repeat(auto-fit, minmax(150px, 1fr)); gap:10px; margin:12px 0 18px; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:10px 12px; }
.card .v { font-size:24px; font-weight:650; } .card .v .d { font-size:16px; white-space:nowrap; } .card .k { font-size:12px; color:var(--muted); }
table { border-collapse:collapse; background:#fff; font-size:13px; margin:8px 0 14px; width:100%; }
th, td { border:1px solid var(--line); padding:5px 8px; text-align:left; vertical-align:top; }
th { background:#f1f3f5; font-weight:600; } td.n { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
table.calls td { white-space:nowrap; } td.better { background:#e3f4ea; } td.worse { background:#fbe3e0; }
.wrap { overflow-x:auto; }
img.plot { max-width:100%; height:auto; background:#fff; border:1px solid var(--line); border-radius:8px; margin:6px 0 12px; display:block; }
.grid2 { display:grid; grid-template-columns:1fr 1fr; gap:12px; } @media (max-width:900px) { .grid2 { grid-template-columns:1fr; } }
section.agent { background:#fff; border:1px solid var(--line); border-radius:10px; padding:4px 18px 14px; margin:18px 0; }
section.agent h3 { margin-top:14px; }
.pill { display:inline-block; border-radius:999px; padding:1px 9px; font-size:12px; font-weight:600; }
.pill.best { background:#e3f4ea; color:var(--good); } .pill.worst { background:#fbe3e0; color:var(--bad); }
ul.points { margin:4px 0 10px 18px; padding:0; } ul.points li { margin:2px 0; }
.excerpts { display:grid; grid-template-columns:1fr 1fr; gap:10px; } @media (max-width:900px) { .excerpts { grid-template-columns:1fr; } }
.excerpt { border:1px solid var(--line); border-left:4px solid #9aa5b1; border-radius:6px; padding:8px 10px; background:#fff; font-size:14px; }
.excerpt.best { border-left-color:var(--good); } .excerpt.worst { border-left-color:var(--bad); }
.excerpt .head { font-size:12px; color:var(--muted); margin-bottom:4px; }
.turn { margin:3px 0; white-space:pre-wrap; overflow-wrap:anywhere; } .turn .who { font-weight:650; font-size:12px; margin-right:6px; color:var(--muted); }
.turn.agent .who { color:#1f5fa8; } .turn.customer { color:#3e4c59; }
.excerpt .note { font-size:12px; color:var(--muted); margin-top:4px; }
.hl { border-radius:3px; padding:0 1px; }
.c-empathy { background:#cdeedd; } .c-solution { background:#d3e4f8; } .c-jargon { background:#f8d5e7; }
.c-demand { background:#f9d4cf; } .c-hardship { text-decoration:underline dotted #55606e 2px; text-underline-offset:3px; }
.c-open_question { text-decoration:underline solid #6b3fa0 2px; text-underline-offset:3px; }
.c-closed_question { text-decoration:underline solid #a86b00 2px; text-underline-offset:3px; }
.c-open_question.c-closed_question { text-decoration-style:double; }
.hl.negated { text-decoration:line-through #616e7c; opacity:.75; }
.hl.undercut { font-style:italic; outline:1px dashed #c0392b; }
.hl.focus { box-shadow:0 0 0 2px #1f2933; }
.c-jargon[title] { cursor:help; }
.redacted { background:#1f2933; color:#fff; border-radius:3px; padding:0 3px; font-size:12px; }
.sw { display:inline-block; padding:0 6px; border-radius:3px; }
footer { margin-top:40px; font-size:12px; color:var(--muted); }
"""


def _legend() -> str:
    chips = []
    for cat in _CATEGORY_ORDER:
        chips.append(f'<span class="sw hl c-{cat}" title="{_esc(_HOW[cat])}">{_esc(_label(cat))}</span>')
    chips.append('<span class="sw hl c-demand negated" title="a phrase the agent negated: recognised, not counted">negated</span>')
    chips.append('<span class="sw hl c-empathy undercut" title="empathy followed by but + a demand: counts half">undercut</span>')
    chips.append('<span class="sw redacted">[CARD]</span>')
    return (
        '<div class="legend" role="note"><b>Legend</b>' + "".join(chips)
        + '<span class="muted">Hover a highlight to see why it counts; for jargon, what to say instead.</span></div>'
    )


def _cards(items: Sequence[tuple[str, str]]) -> str:
    return '<div class="cards">' + "".join(
        f'<div class="card"><div class="v">{v}</div><div class="k">{k}</div></div>' for k, v in items
    ) + "</div>"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = (), cls: str = "") -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            if isinstance(cell, tuple):  # (html, css class, title)
                content, cls, title = cell
                cls = ((cls or "") + (" n" if i in numeric else "")).strip()
                cells.append(f'<td class="{cls}" title="{title}">{content}</td>' if title else f'<td class="{cls}">{content}</td>')
            else:
                cells.append(f'<td class="n">{cell}</td>' if i in numeric else f"<td>{cell}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    table = f'<table class="{cls}">' if cls else "<table>"
    return f'<div class="wrap">{table}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def _excerpt(
    ex: Mapping[str, Any], turn_rows: Mapping[tuple[str, int], list[dict[str, Any]]], context: Mapping[Any, list],
    t: _Text, redact: bool, by: str,
) -> str:
    call_id = str(ex["call_id"])
    index = int(ex["turn_index"])
    kind = ex.get("example", "")
    head = [
        f'<span class="pill {_esc(kind)}">{"to praise" if kind == "best" else "to coach"}</span>',
        f'<span class="sw hl c-{_esc(ex["category"])}">{_esc(_label(ex["category"]))}</span>',
        f"call {t(call_id)}",
    ]
    if by in ex and ex.get(by) is not None and str(ex.get(by)) not in ("", "nan"):
        head.append(t(ex[by]))
    head.append(f"tone score {_num(ex.get('tone_score'), '{:.0f}')}")
    parts = [f'<div class="head">{" · ".join(head)}</div>']
    rows = context.get(call_id, [])

    def turn_html(i: int | None, role: str, text: str, focus=None) -> str:
        if i is None:
            return ""
        ev = turn_rows.get((call_id, i), [])
        who = "Agent" if role == "agent" else "Customer" if role == "customer" else "Speaker"
        return (
            f'<div class="turn {_esc(role)}"><span class="who">{who}</span>'
            f"{highlight_html(text, ev, redact=redact, focus=focus)}</div>"
        )

    before = ex.get("customer_before_index")
    after = ex.get("customer_after_index")
    role_of = {r[0]: r[1] for r in rows}
    text_of = {r[0]: r[2] for r in rows}
    if before is not None and not (isinstance(before, float) and math.isnan(before)):
        parts.append(turn_html(int(before), role_of.get(int(before), "customer"), text_of.get(int(before), "")))
    try:
        focus = (int(ex["start_char"]), int(ex["end_char"]))
    except (TypeError, ValueError):
        focus = None
    parts.append(turn_html(index, role_of.get(index, "agent"), text_of.get(index, ex.get("turn_text") or ""), focus))
    if after is not None and not (isinstance(after, float) and math.isnan(after)):
        parts.append(turn_html(int(after), role_of.get(int(after), "customer"), text_of.get(int(after), "")))
    if ex.get("note"):
        parts.append(f'<div class="note">{t(ex["note"])}</div>')
    return f'<div class="excerpt {_esc(kind)}">{"".join(parts)}</div>'


def _evidence_by_turn(evidence: "pd.DataFrame", keys: set[tuple[str, int]]) -> dict[tuple[str, int], list[dict[str, Any]]]:
    out: dict[tuple[str, int], list[dict[str, Any]]] = {}
    if evidence is None or not len(evidence) or not keys:
        return out
    call_ids = {k[0] for k in keys}
    sub = evidence[evidence["call_id"].astype(str).isin(call_ids)]
    for r in sub.to_dict("records"):
        try:
            key = (str(r["call_id"]), int(r["turn_index"]))
        except (TypeError, ValueError):
            continue
        if key in keys:
            out.setdefault(key, []).append(r)
    return out


def _context_keys(examples: "pd.DataFrame") -> set[tuple[str, int]]:
    keys: set[tuple[str, int]] = set()
    for r in examples.to_dict("records"):
        for col in ("turn_index", "customer_before_index", "customer_after_index"):
            v = r.get(col)
            if v is not None and not (isinstance(v, float) and math.isnan(v)):
                keys.add((str(r["call_id"]), int(v)))
    return keys


def _verdict_cell(metric: str, value: Any, median: Any, verdict: str) -> tuple[str, str, str]:
    m = R.METRICS.get(metric)
    fmt = m.format if m else (lambda v: _num(v))
    title = f"team median {fmt(median)}" if median is not None else ""
    return fmt(value), verdict if verdict in ("better", "worse") else "", _esc(title)


# --------------------------------------------------------------------------- the page


def render_html(
    report_or_dir: Any,
    *,
    metadata: "pd.DataFrame | str | Path | None" = None,
    redact: bool = False,
    title: str = "Tone coaching report",
    by: str = "agent_id",
    examples_per_agent: int = 4,
) -> str:
    """The report as one HTML string (see :func:`write_html`)."""
    import pandas as pd

    scored = R.as_scored(report_or_dir)
    t = _Text(redact)
    calls = R.with_metadata(scored.calls, metadata)
    calls = calls.copy()
    calls["call_id"] = calls["call_id"].astype(str)
    has_agents = by in calls.columns and calls[by].notna().any()
    has_dates = "date" in calls.columns and pd.to_datetime(calls["date"], errors="coerce").notna().any()
    turns = scored.turns
    evidence = scored.evidence
    context = R.turn_context(turns)
    errors = scored.errors if scored.errors is not None else pd.DataFrame()
    manifest = getattr(scored, "manifest", {}) or {}
    n_calls = len(calls)

    body: list[str] = []
    # header ---------------------------------------------------------------------------------------
    source = getattr(scored, "path", None)
    meta_bits = []
    if source is not None:
        meta_bits.append(f"scored folder {t(source)}")
    first = calls.iloc[0] if n_calls else None
    if first is not None:
        meta_bits.append(f"tonecheck {t(first.get('tonecheck_version'))}, {t(first.get('pipeline'))} pipeline, lexicons {t(first.get('lexicon_version'))}")
    elif manifest:
        meta_bits.append(f"tonecheck {t(manifest.get('tonecheck_version'))}")
    meta_bits.append(f"generated {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
    if redact:
        meta_bits.append("personal data redacted (card, account and phone numbers, emails)")
    nav = ['<a href="#team">Team summary</a>', '<a href="#calls">Top and bottom calls</a>', '<a href="#examples">Examples</a>']
    if has_agents:
        nav.append('<a href="#agents">Agents</a>')
    if len(errors):
        nav.append('<a href="#errors">Not scored</a>')
    body.append(f"<header><h1>{_esc(title)}</h1><div class=\"meta\">{' · '.join(meta_bits)}</div><nav>{''.join(nav)}</nav></header>")
    body.append(_legend())

    if not n_calls:
        body.append("<p>No calls were scored.</p>")
    else:
        body.append(_team_section(calls, t, by, has_agents, has_dates))
        body.append(_calls_section(calls, t, by))
        body.append(_examples_section(scored, calls, t, redact, by, evidence, context))
        if has_agents:
            body.append(_agents_section(scored, calls, t, redact, by, has_dates, evidence, context, examples_per_agent))
    if len(errors):
        rows = [[t(r.get("source")), t(r.get("error")), t(r.get("reason"))] for r in errors.to_dict("records")]
        body.append('<h2 id="errors">Inputs that could not be scored</h2>' + _table(["file", "error", "reason"], rows))
    body.append(
        "<footer><p><b>How scores work.</b> Only the agent's words are scored. The tone score (0-100) starts at 50, "
        "a neutral call, and moves with what the agent does per 100 words they speak: +5 per empathy phrase "
        "(+2.5 when undercut by “but” + a demand), +5 per solution, +4 per open question, −1 per closed question, "
        "−4 per jargon term, −6 per demand (threats weigh more), plus 10 × the positivity of the agent's wording. "
        "Calls where the agent says fewer than 100 words count as 100 words. Customer sentiment shift is the customer's "
        "sentiment in the last third of the call minus the first third. Figures are a coaching aid, not a verdict: "
        "read the examples.</p></footer>"
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{_esc(title)}</title><style>{_CSS}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )


def _team_section(calls: "pd.DataFrame", t: _Text, by: str, has_agents: bool, has_dates: bool) -> str:
    import pandas as pd

    num = R._numeric(calls, list(_TABLE_METRICS))
    out = ['<h2 id="team">Team summary</h2>']
    cards = [("calls scored", f"{len(calls):,}")]
    if has_agents:
        cards.append(("agents", f"{calls[by].nunique():,}"))
    if has_dates:
        dates = pd.to_datetime(calls["date"], errors="coerce").dropna()
        cards.append((f"dates ({dates.max():%Y})" if dates.min().year == dates.max().year else "dates",
                      f'<span class="d">{dates.min():%-d %b} – {dates.max():%-d %b}</span>'))
    cards.append(("mean tone score (0-100)", _num(num["tone_score"].mean(), "{:.0f}")))
    demands = pd.to_numeric(calls["demand_count"], errors="coerce").fillna(0)
    cards.append(("calls with a demand", f"{(demands > 0).mean():.0%}"))
    shift = num["customer_sentiment_shift"].dropna()
    if len(shift):
        cards.append(("customers left happier than they started", f"{(shift > 0).mean():.0%}"))
    if "outcome" in calls.columns and calls["outcome"].notna().any():
        top = calls["outcome"].value_counts(normalize=True).head(1)
        cards.append((f"most common outcome: {t(top.index[0])}", f"{top.iat[0]:.0%}"))
    out.append(_cards(cards))
    if has_agents:
        vs = R.agent_vs_team(calls, by=by, metrics=list(_TABLE_METRICS))
        out.append(
            "<p>Each agent's average per call. Green: better than the median agent of their team; red: worse "
            "(for closed questions, jargon and demands, lower is better). Hover a figure for the team median.</p>"
        )
        header = ["agent", "team", "calls"] + [_esc(R.metric_label(m)) for m in _TABLE_METRICS]
        rows = []
        for agent, g in vs.groupby(by, sort=True):
            g = g.set_index("metric")
            row: list[Any] = [t(agent), t(g["team"].iat[0]), str(int(g["calls"].iat[0]))]
            for m in _TABLE_METRICS:
                row.append(_verdict_cell(m, g.at[m, "agent_mean"], g.at[m, "team_median"], g.at[m, "verdict"]))
            rows.append(row)
        out.append(_table(header, rows, numeric=range(2, 3 + len(_TABLE_METRICS))))
        out.append("<h3>Agents compared</h3><p>Bars are each agent's average; the dashed line is the median agent.</p>")
        out.append(_img(R.plot_agent_comparison(calls, by=by), "Bar charts comparing agents on each metric"))
    out.append('<div class="grid2">')
    out.append("<div><h3>Tone score per call</h3><p>Each dot is a call. A wide box means the agent's calls vary a lot.</p>"
               + _img(R.plot_metric_distribution(calls, by=by if has_agents else None), "Tone score distribution") + "</div>")
    out.append("<div><h3>Customer sentiment</h3><p>How customers sound at the start of the call (dot) and the end "
               "(arrow). Arrows to the right: customers leave the call feeling better.</p>"
               + _img(R.plot_sentiment_shift(calls, by=by if has_agents else None), "Customer sentiment shift by agent") + "</div>")
    out.append("</div>")
    if has_dates:
        out.append("<h3>Week by week</h3><p>Average tone score of each week's calls, per agent; the dashed line is all calls.</p>")
        out.append(_img(R.plot_weekly_trend(calls, by=by if has_agents else None, figsize=(10, 3.8)), "Weekly tone score trend"))
    return "".join(out)


def _calls_section(calls: "pd.DataFrame", t: _Text, by: str) -> str:
    tb = R.top_bottom_calls(calls, n=5)
    cols = [c for c in (by, "team", "date", "outcome") if c in tb.columns]
    header = ["", "call"] + [_esc(c.replace("_", " ")) for c in cols] + [
        "tone score", "empathy", "solutions", "open q.", "closed q.", "jargon", "demands", "sentiment shift"]
    rows = []
    for r in tb.to_dict("records"):
        rank = '<span class="pill best">top</span>' if r["rank"] == "top" else '<span class="pill worst">bottom</span>'
        rows.append([rank, t(r["call_id"])] + [t(r.get(c)) for c in cols] + [
            _num(r.get("tone_score"), "{:.0f}"),
            *[_num(r.get(f"{c}_count"), "{:.0f}") for c in ("empathy", "solution", "open_question", "closed_question", "jargon", "demand")],
            _num(r.get("customer_sentiment_shift"), "{:+.2f}"),
        ])
    first_num = 2 + len(cols)
    return ('<h2 id="calls">Top and bottom calls</h2><p>The five highest and lowest tone scores; counts are '
            "detections in the agent's turns.</p>" + _table(header, rows, numeric=range(first_num, first_num + 8), cls="calls"))


def _examples_section(scored, calls, t: _Text, redact: bool, by: str, evidence, context) -> str:
    import pandas as pd

    ex = R.example_utterances(scored, metadata=calls[["call_id"] + [c for c in (by,) if c in calls.columns]], n=4, by=by)
    out = ['<h2 id="examples">Examples by category</h2>',
           "<p>The best and the worst example of each category across the team, with what the customer said "
           "before and after. The outlined words are the example; other highlights are everything else detected "
           "in the turn.</p>"]
    if not len(ex):
        out.append("<p class=\"muted\">No detections to show.</p>")
        return "".join(out)
    # one best and one worst per category, each from a turn not shown yet (when there is one)
    shown: set[tuple[str, int]] = set()
    picks: dict[str, list[dict[str, Any]]] = {}
    for category in TONE_CATEGORIES:
        for kind in ("best", "worst"):
            rows = ex[(ex["category"] == category) & (ex["example"] == kind)].to_dict("records")
            if not rows:
                continue
            fresh = [r for r in rows if (str(r["call_id"]), int(r["turn_index"])) not in shown]
            row = (fresh or rows)[0]
            shown.add((str(row["call_id"]), int(row["turn_index"])))
            picks.setdefault(category, []).append(row)
    chosen = _concat([pd.DataFrame(v) for v in picks.values()])
    turn_rows = _evidence_by_turn(evidence, _context_keys(chosen))
    for category, rows in picks.items():
        out.append(f'<h4><span class="sw hl c-{category}">{_esc(_label(category))}</span> '
                   f'<span class="muted small">{_esc(_HOW[category])}</span></h4><div class="excerpts">')
        for r in rows:
            out.append(_excerpt(r, turn_rows, context, t, redact, by))
        out.append("</div>")
    return "".join(out)


def _spread(vs: "pd.DataFrame") -> dict[str, float]:
    """How much the agents' means differ, per metric (standard deviation; 1 when they do not differ)."""
    spread = vs.groupby("metric")["agent_mean"].std().fillna(0.0)
    return {m: (v if v > 1e-9 else 1.0) for m, v in spread.items()}


def _points(vs_agent: "pd.DataFrame", verdict: str, spread: Mapping[str, float], k: int = 3) -> list[str]:
    """The metrics where the agent differs most from the team in the direction ``verdict``, measured
    against how much agents differ from each other on that metric."""
    sub = vs_agent[(vs_agent["verdict"] == verdict) & (vs_agent["metric"] != "tone_score")].copy()
    if not len(sub):
        return []
    sub["size"] = [abs(d) / spread.get(m, 1.0) for d, m in zip(sub["difference"].fillna(0), sub["metric"])]
    items = []
    for r in sub.sort_values("size", ascending=False).head(k).to_dict("records"):
        m = R.METRICS.get(r["metric"])
        fmt = m.format if m else _num
        items.append(f"<b>{_esc(r['label'])}</b>: {fmt(r['agent_mean'])} (team median {fmt(r['team_median'])})")
    return items


def _agents_section(scored, calls, t: _Text, redact: bool, by: str, has_dates: bool, evidence, context, per_agent: int) -> str:
    vs = R.agent_vs_team(calls, by=by)
    spread = _spread(vs)
    meta_cols = ["call_id", by] + (["team"] if "team" in calls.columns else [])
    out = ['<h2 id="agents">Agents</h2>']
    agents = sorted(calls[by].dropna().astype(str).unique())
    out.append("<nav>" + "".join(f'<a href="#agent-{i}">{t(a)}</a>' for i, a in enumerate(agents)) + "</nav>")
    for i, agent in enumerate(agents):
        mine = vs[vs[by].astype(str) == agent]
        if not len(mine):
            continue
        team = mine["team"].iat[0]
        tone = mine[mine["metric"] == "tone_score"]
        out.append(f'<section class="agent" id="agent-{i}"><h3>{t(agent)}'
                   + (f' <span class="muted small">team {t(team)}</span>' if team != "all" else "") + "</h3>")
        if len(tone):
            r = tone.iloc[0]
            out.append(f"<p>{int(r['calls'])} calls · average tone score <b>{_num(r['agent_mean'], '{:.0f}')}</b> "
                       f"(median agent in the team: {_num(r['team_median'], '{:.0f}')})</p>")
        good, bad = _points(mine, "better", spread), _points(mine, "worse", spread)
        out.append('<div class="grid2"><div><h4>Strengths</h4>'
                   + ("<ul class=\"points\">" + "".join(f"<li>{x}</li>" for x in good) + "</ul>" if good else "<p class=\"muted\">Nothing above the team median.</p>")
                   + "</div><div><h4>To work on</h4>"
                   + ("<ul class=\"points\">" + "".join(f"<li>{x}</li>" for x in bad) + "</ul>" if bad else "<p class=\"muted\">Nothing below the team median.</p>")
                   + "</div></div>")
        out.append(_img(R.plot_agent_profile(calls, agent=agent, by=by, date="date" if has_dates else "_no_date_"),
                        f"Profile of {agent}"))
        ex = R.example_utterances(scored, metadata=calls[meta_cols], n=4, by=by, agent=agent)
        if len(ex):
            # praise and coaching in turn, one excerpt per call; categories where the agent is furthest
            # from the team come first, then one of each category in turn
            # praise what adds to the score (empathy, solutions, open questions) before a negated demand
            negative = [c for c, sign in R.CATEGORY_SIGN.items() if sign < 0]
            best = _round_robin(ex[ex["example"] == "best"], _category_order(mine, "better", spread), later=negative)
            worst = _round_robin(ex[ex["example"] == "worst"], _category_order(mine, "worse", spread))
            chosen = _alternate(best, worst, per_agent)
            turn_rows = _evidence_by_turn(evidence, _context_keys(chosen))
            out.append("<h4>From their calls</h4><div class=\"excerpts\">")
            for r in chosen.to_dict("records"):
                out.append(_excerpt(r, turn_rows, context, t, redact, by))
            out.append("</div>")
        out.append("</section>")
    return "".join(out)


def _category_order(vs_agent: "pd.DataFrame", verdict: str, spread: Mapping[str, float]) -> list[str]:
    """Tone categories, those where the agent is most ``verdict`` than the team (per 100 words) first."""
    per100 = {f"{c}_per_100w": c for c in TONE_CATEGORIES}
    sub = vs_agent[vs_agent["metric"].isin(per100) & (vs_agent["verdict"] == verdict)].copy()
    sub["size"] = [abs(d) / spread.get(m, 1.0) for d, m in zip(sub["difference"].fillna(0), sub["metric"])]
    first = [per100[m] for m in sub.sort_values("size", ascending=False)["metric"]]
    return first + [c for c in TONE_CATEGORIES if c not in first]


def _round_robin(pool: "pd.DataFrame", categories: Sequence[str], later: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The rows of ``pool`` ordered one category after another, in ``categories`` order; rows of the
    ``later`` categories only after all the others."""
    later = set(later)
    out: list[dict[str, Any]] = []
    for group in ([c for c in categories if c not in later], [c for c in categories if c in later]):
        queues = [list(pool[pool["category"] == c].to_dict("records")) for c in group]
        while any(queues):
            for queue in queues:
                if queue:
                    out.append(queue.pop(0))
    return out


def _alternate(best: list[dict[str, Any]], worst: list[dict[str, Any]], k: int) -> "pd.DataFrame":
    """Up to ``k`` rows taking from ``best`` and ``worst`` in turn, each from a call not used yet;
    best first in the result, then worst."""
    import pandas as pd

    used: set[str] = set()
    picked: dict[str, list[dict[str, Any]]] = {"best": [], "worst": []}
    queues = {"best": list(best), "worst": list(worst)}
    while sum(map(len, picked.values())) < k and any(queues.values()):
        for kind in ("best", "worst"):
            queue = queues[kind]
            while queue:
                row = queue.pop(0)
                if str(row["call_id"]) not in used:
                    used.add(str(row["call_id"]))
                    picked[kind].append(row)
                    break
            if sum(map(len, picked.values())) >= k:
                break
    return pd.DataFrame(picked["best"] + picked["worst"])


def _concat(frames: list["pd.DataFrame"]) -> "pd.DataFrame":
    import pandas as pd

    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def write_html(
    report_or_dir: Any,
    path: str | Path,
    *,
    metadata: "pd.DataFrame | str | Path | None" = None,
    redact: bool = False,
    title: str = "Tone coaching report",
    by: str = "agent_id",
) -> Path:
    """Write the coaching report to ``path`` as one self-contained HTML file; return the path.

    Args:
        report_or_dir: a scored folder (what ``tonecheck score --out`` wrote, csv/parquet/jsonl), a
            :class:`tonecheck.Report` from :func:`tonecheck.score_many`, or :class:`tonecheck.reports.ScoredData`.
        path: the HTML file to write (its folder is created).
        metadata: a CSV path or DataFrame with ``call_id`` plus ``agent_id``, ``team``, ``date``,
            ``outcome``...; joined onto the calls (its values win). Without an ``agent_id`` column the
            page has no per-agent sections; without ``date``, no weekly trend.
        redact: mask card numbers, account numbers and other long digit runs, emails and phone numbers
            in everything the page shows.
        title: the page title.
        by: the column that names the agent.
    """
    page = render_html(report_or_dir, metadata=metadata, redact=redact, title=title, by=by)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    return out
