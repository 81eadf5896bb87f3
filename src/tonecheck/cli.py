"""The ``tonecheck`` command line: a thin Typer layer over the library.

Commands parse their arguments and call :mod:`tonecheck`; spaCy, pandas and
pyarrow are imported inside the command functions, so ``tonecheck --help`` and
``tonecheck --version`` stay fast.

Exit codes of ``tonecheck score``: 0 every input scored; 1 some inputs failed
(they are listed, and recorded in the ``errors`` table); 2 usage error (bad
option, unreadable lexicon or metadata file); 3 nothing could be scored.
"""

from __future__ import annotations

import contextlib
import warnings
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Iterator, List, Optional

import typer

from ._version import __version__
from .run import EXIT_NOTHING_SCORED, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE  # exit codes of `tonecheck score`

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from .run import RunSummary
    from .scoring import CallResult

app = typer.Typer(
    name="tonecheck",
    help=(
        "Score debt-collection call transcripts for the collector's tone, with the evidence behind every number.\n\n"
        "Run `tonecheck COMMAND --help` for a command's options and an example."
    ),
    epilog=(
        "Examples:\n\n"
        "  tonecheck score transcripts/ --out results/\n\n"
        "  tonecheck explain transcripts/call-0042.txt\n\n"
        "  tonecheck lexicon check house.yml"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)
lexicon_app = typer.Typer(
    help="List, show and check the lexicons (phrase lists and patterns) behind every detection.",
    epilog="Examples:\n\n  tonecheck lexicon list\n\n  tonecheck lexicon show jargon\n\n  tonecheck lexicon check house.yml",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(lexicon_app, name="lexicon")


class Pipeline(str, Enum):
    accurate = "accurate"
    fast = "fast"


class Format(str, Enum):
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"


# --------------------------------------------------------------------------- helpers


def _console(stderr: bool = False) -> "Console":
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _fail(message: str, code: int = EXIT_USAGE) -> "typer.Exit":
    _console(stderr=True).print(f"[bold red]error:[/bold red] {_escape(message)}", soft_wrap=True)
    return typer.Exit(code)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(str(text))


def _version_callback(value: bool) -> None:
    if not value:
        return
    from .lexicon import shipped_version

    from .models import installed_model

    model, model_version = installed_model()
    lines = [f"tonecheck {__version__}"]
    lines.append(f"default pipeline: {'accurate' if model else 'fast'}")
    if model:
        lines.append(f"model: {model} {model_version or ''}".rstrip())
    else:
        lines.append("model: not installed (pip install 'tonecheck[model]' for the accurate pipeline)")
    try:
        lines.append(f"lexicons: {shipped_version()}")
    except Exception as exc:  # a broken install should still print the version
        lines.append(f"lexicons: unavailable ({exc})")
    typer.echo("\n".join(lines))
    raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help="Show the version, default pipeline, model and lexicon version, then exit.",
                     callback=_version_callback, is_eager=True),
    ] = False,
) -> None:
    """Score debt-collection call transcripts for the collector's tone, with the evidence behind every number."""


def _build_pipeline(pipeline: Optional[Pipeline], lexicons: list[Path]):
    """tonecheck.load() with CLI-friendly errors; the no-model warning is shown as one line."""
    import tonecheck

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            nlp = tonecheck.load(pipeline.value if pipeline else None, lexicons=[str(p) for p in lexicons])
        except tonecheck.LexiconError as exc:
            raise typer.BadParameter(str(exc), param_hint="'--lexicon'") from None
        except (OSError, ImportError) as exc:
            raise _fail(f"cannot build the {pipeline.value if pipeline else 'default'} pipeline: {exc}") from None
    for w in caught:
        if "tonecheck" in str(w.message):
            _console(stderr=True).print(f"[yellow]warning:[/yellow] {_escape(str(w.message))}", soft_wrap=True)
    return nlp


def _read_options(agent_speaker: Optional[str]):
    from .errors import RunError
    from .run import _read_options

    try:
        return _read_options(agent_speaker)
    except RunError as exc:
        raise typer.BadParameter(str(exc), param_hint=f"'{exc.option}'") from None


# --------------------------------------------------------------------------- score


def _progress(quiet: bool):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = _console(stderr=True)
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TimeElapsedColumn(),
        console=console,
        disable=quiet or not console.is_terminal,  # no bar in logs and pipes
        transient=True,
    )


@app.command(
    epilog=(
        "Examples:\n\n"
        "  tonecheck score transcripts/ --out results/\n\n"
        "  tonecheck score calls/2026-11/ --format parquet --metadata agents.csv --pipeline fast -j 4\n\n"
        "  tonecheck score a.txt b.json --lexicon house.yml --glob '*.txt'\n\n"
        "  tonecheck score calls/ --pack us --pack uk   (adds the collections checks table)\n\n"
        "  tonecheck score calls/ --out results/ --resume   (score only new, changed and failed files)\n\n"
        "  tonecheck score /shared/calls/ --dask-scheduler tcp://10.0.0.5:8786   (on a Dask cluster)\n\n"
        "Exit codes: 0 every input scored; 1 some failed (listed, and in the errors table); "
        "2 usage error; 3 nothing could be scored."
    ),
)
def score(
    paths: Annotated[
        List[Path],
        typer.Argument(help="Transcript files or folders (folders are walked recursively; hidden files skipped).",
                       exists=True, show_default=False, metavar="PATH"),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for the calls, turns, evidence and errors tables and manifest.json.",
                           file_okay=False, metavar="DIR")
    ] = Path("results"),
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Table format.")] = Format.csv,
    glob: Annotated[
        Optional[str],
        typer.Option("--glob", "-g", help="Files to take inside folders, e.g. '*.txt'. Default: every file with a transcript "
                     "extension (.txt .json .csv .tsv ...).", metavar="PATTERN", show_default=False),
    ] = None,
    n_process: Annotated[int, typer.Option("--n-process", "-j", min=1, metavar="N", help="Worker processes; each reads and scores whole calls (pipeline loaded once per worker).")] = 1,
    lexicon: Annotated[
        Optional[List[Path]],
        typer.Option("--lexicon", "-l", help="Extra lexicon file (repeatable); adds or overrides entries by id.",
                     exists=True, dir_okay=False, show_default=False, metavar="FILE"),
    ] = None,
    pipeline: Annotated[
        Optional[Pipeline],
        typer.Option("--pipeline", "-p", help="accurate (needs the trained model) or fast. Default: accurate if installed.",
                     show_default=False),
    ] = None,
    metadata: Annotated[
        Optional[Path],
        typer.Option("--metadata", "-m", help="CSV with a call_id or file column plus any columns (agent_id, team, ...) "
                     "to join onto the calls table.", exists=True, dir_okay=False, show_default=False, metavar="FILE"),
    ] = None,
    agent_speaker: Annotated[
        Optional[str],
        typer.Option("--agent-speaker", help="The speaker label of the agent (e.g. spk_0) in transcripts without "
                     "Agent/Customer labels.", show_default=False, metavar="LABEL"),
    ] = None,
    pack: Annotated[
        Optional[List[str]],
        typer.Option("--pack", help="Collections rule pack (repeatable): us, uk, or a pack .yml file. Adds the checks "
                     "table and check columns.", show_default=False, metavar="PACK"),
    ] = None,
    redact: Annotated[
        bool,
        typer.Option("--redact", help="Mask card and account numbers, other long digit runs, emails and phone numbers "
                     "in every table (evidence offsets still point at the right words)."),
    ] = False,
    dask_scheduler: Annotated[
        Optional[str],
        typer.Option("--dask-scheduler", help="Score on a Dask cluster: its scheduler's address, e.g. tcp://10.0.0.5:8786 "
                     "(needs tonecheck[dask] here and on the workers). Workers read the files, so give paths every worker "
                     "can read (a shared file system, absolute paths); results are written here as they stream back.",
                     show_default=False, metavar="ADDRESS"),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Skip files an earlier run with the same settings already scored into --out "
                     "(same path and SHA-256 of the content); their rows are carried over. Changed, new and failed "
                     "files are scored."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary; the exit code tells.")] = False,
) -> None:
    """Score transcripts and write the calls, turns, evidence, errors and files tables.

    Reads plain text (Speaker: text lines), tonecheck JSON and CSV transcripts. Results stream to the
    output files as they are produced, so any number of files fits in memory; the previous outputs in
    --out are replaced only when the run completes (Ctrl-C or a kill leaves them as they were). Prints a
    summary: calls scored, mean tone score, the 5 lowest-scoring calls, and every file that could not be
    scored with the reason.
    """
    from .errors import NoInputsError, RunError, SchedulerUnreachableError
    from .run import score_to_folder

    command = {
        "command": "score",
        "paths": [str(p) for p in paths],
        "out": str(out),
        "format": fmt.value,
        "glob": glob,
        "n_process": n_process,
        "lexicon": [str(p) for p in lexicon or []],
        "pipeline": pipeline.value if pipeline else None,
        "metadata": str(metadata) if metadata else None,
        "agent_speaker": agent_speaker,
        "pack": list(pack or []),
        "redact": redact,
        "resume": resume,
        "dask_scheduler": dask_scheduler,
    }
    try:
        with _terminate_as_interrupt(), _ProgressBar(quiet) as bar:
            summary = score_to_folder(
                paths, out, format=fmt.value, glob=glob, n_process=n_process,
                pipeline=pipeline.value if pipeline else None, lexicons=lexicon or [],
                nlp=lambda: _build_pipeline(pipeline, lexicon or []),  # built once the inputs are found
                metadata=metadata, agent_speaker=agent_speaker, packs=pack, redact=redact,
                dask_scheduler=dask_scheduler, resume=resume, progress=bar.update, command=command,
            )
    except NoInputsError as exc:
        raise _fail(str(exc), EXIT_NOTHING_SCORED) from None
    except SchedulerUnreachableError as exc:
        raise _fail(str(exc)) from None
    except RunError as exc:
        raise typer.BadParameter(str(exc), param_hint=f"'{exc.option}'") from None
    if not quiet:
        _print_summary(summary)
    raise typer.Exit(summary.exit_code)


class _ProgressBar:
    """The rich progress bar of ``tonecheck score``, shown from the first ``update`` (when scoring
    starts, after the pipeline is built and the inputs are counted) until the run ends."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self._stack = contextlib.ExitStack()
        self._bar: Any = None
        self._task: Any = None

    def update(self, done: int, total: int, summary: "RunSummary") -> None:
        if self._bar is None:
            self._bar = self._stack.enter_context(_progress(self.quiet))
            self._task = self._bar.add_task("Scoring", total=total)
        self._bar.update(self._task, completed=done, total=total,
                         description=f"Scoring ({summary.calls} calls, {summary.failed} failed)")

    def __enter__(self) -> "_ProgressBar":
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stack.close()


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (``kill``, a job scheduler stopping the run) is handled like Ctrl-C: the run's
    temporary files are removed and the previous outputs stay.

    This is process-wide signal handling, so it lives here, in the command, and not in
    :func:`tonecheck.score_to_folder`: a library call must not replace the handlers of the
    program that calls it (a notebook kernel, a service, a job runner). The library's part
    is that any exception, ``KeyboardInterrupt`` included, leaves the previous outputs."""
    import signal

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (e.g. called from a worker thread): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _fmt_score(value: Any) -> str:
    return "—" if value is None else f"{float(value):.1f}"


def _print_summary(summary: "RunSummary") -> None:
    from rich.table import Table

    out, fmt, files, info = summary.out, summary.format, summary.files, summary.pipeline_info

    console = _console()
    table = Table(title="tonecheck summary", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    table.add_row("Files read", str(files))
    table.add_row("Calls scored", str(summary.calls))
    if summary.carried:
        table.add_row("Carried over", f"{summary.carried} unchanged file(s) from the previous run (--resume)")
    table.add_row("Inputs failed", f"[red]{summary.failed}[/red]" if summary.failed else "0")
    table.add_row("Mean tone score", _fmt_score(summary.mean_score))
    table.add_row("Pipeline", f"{info.get('pipeline')} {info.get('model') or ''}".strip())
    table.add_row("Lexicons", str(info.get("lexicon_version")))
    if summary.metadata_source is not None:
        note = f"{summary.metadata_matched} calls matched"
        if summary.metadata_unmatched:
            note += (f", [yellow]{summary.metadata_unmatched} without a row in "
                     f"{_escape(Path(summary.metadata_source).name)}[/yellow]")
        table.add_row("Metadata", note)
    table.add_row("Written to", _escape(f"{out}/ (calls, turns, evidence, errors, files .{fmt}; manifest.json)"))
    console.print(table)

    if summary.calls:
        low = Table(title="Lowest-scoring calls", title_justify="left")
        low.add_column("call_id", overflow="fold")
        low.add_column("tone score", justify="right")
        low.add_column("demands", justify="right")
        low.add_column("jargon", justify="right")
        low.add_column("empathy", justify="right")
        low.add_column("source", overflow="fold")
        for row in summary.lowest:
            low.add_row(
                _escape(row["call_id"]), _fmt_score(row["tone_score"]), str(row["demand_count"]),
                str(row["jargon_count"]), str(row["empathy_count"]), _escape(row.get("source") or ""),
            )
        console.print(low)
        console.print("[dim]See why: tonecheck explain FILE[/dim]")

    if summary.duplicate_calls:
        console.print(
            f"\n[bold yellow]{summary.duplicate_calls} call(s) have a call_id an earlier call already had[/bold yellow] "
            "(the call_id is the file name without its extension, or the id inside the file): their turn and "
            "evidence rows cannot be told apart by call_id. Rename the files, or score each folder into its own --out.",
            soft_wrap=True,
        )
        for call_id, sources in summary.duplicate_call_ids.items():
            also = " (and an earlier call)" if len(sources) == 1 else ""
            console.print(f"  [yellow]![/yellow] {_escape(call_id)}: {_escape(', '.join(sources))}{also}", soft_wrap=True)

    if summary.failed:
        console.print(f"\n[bold red]Could not score {summary.failed} input(s):[/bold red]")
        for source, error, reason in summary.failures:
            console.print(f"  [red]✗[/red] {_escape(source)}: [bold]{_escape(error)}[/bold]: {_escape(reason)}", soft_wrap=True)
        if summary.failed > len(summary.failures):
            console.print(f"  … and {summary.failed - len(summary.failures)} more: see {_escape(str(out))}/errors.{fmt}")


# --------------------------------------------------------------------------- explain

#: Colour of each category in ``tonecheck explain``; positive tone in greens/blues, negative in warm colours.
CATEGORY_COLOURS: dict[str, str] = {
    "empathy": "green",
    "solution": "cyan",
    "open_question": "bright_blue",
    "closed_question": "yellow",
    "jargon": "magenta",
    "demand": "red",
    "hardship": "dark_orange",
}
_CATEGORY_SIGN = {
    "empathy": "+", "solution": "+", "open_question": "+", "closed_question": "−", "jargon": "−", "demand": "−",
    "hardship": "customer",
}
_SENTENCE_CATEGORIES = {"open_question", "closed_question"}


def _label(category: str) -> str:
    return category.replace("_", " ")


def _span_style(row: dict[str, Any]) -> str:
    colour = CATEGORY_COLOURS.get(row["category"], "white")
    style = f"underline {colour}" if row["category"] in _SENTENCE_CATEGORIES else f"bold {colour}"
    if row.get("negated"):
        style += " strike dim"
    if row.get("undercut"):
        style += " italic"
    return style


def _span_tag(row: dict[str, Any]) -> tuple[str, str]:
    colour = CATEGORY_COLOURS.get(row["category"], "white")
    tag = _label(row["category"])
    if row.get("negated"):
        tag += f" · negated by “{row.get('modifier') or 'a negation'}”, not counted"
    if row.get("undercut"):
        tag += f" · ⚠ undercut by “{row.get('modifier') or 'but'}”, counts half"
    if row["category"] == "jargon" and row.get("plain"):
        tag += f" → {row['plain']}"
    return f"[{tag}]", f"{colour} dim" if row.get("negated") else colour


def highlight_turn(text: str, rows: list[dict[str, Any]]) -> "Text":
    """The turn's text with every detection styled by category and followed by a ``[category]`` tag.

    Detections may overlap (a jargon word inside a question): each stretch of text
    carries the styles of every detection over it, question underlines below phrase colours.
    """
    from rich.style import Style
    from rich.text import Text

    spans = [r for r in rows if 0 <= r["start_char"] < r["end_char"] <= len(text)]
    points = sorted({0, len(text)} | {r["start_char"] for r in spans} | {r["end_char"] for r in spans})
    out = Text()
    for a, b in zip(points, points[1:]):
        active = [r for r in spans if r["start_char"] <= a and r["end_char"] >= b]
        active.sort(key=lambda r: (r["category"] not in _SENTENCE_CATEGORIES, r["start_char"]))
        style = Style.combine(Style.parse(_span_style(r)) for r in active) if active else Style()
        out.append(text[a:b], style=style)
        ending = [r for r in spans if r["end_char"] == b]
        ending.sort(key=lambda r: -r["start_char"])  # inner (later-starting) spans close first
        for r in ending:
            tag, tag_style = _span_tag(r)
            out.append(tag, style=tag_style)
    return out


def _legend() -> "Text":
    from rich.text import Text

    legend = Text()
    legend.append("Legend: ", style="bold")
    for category, colour in CATEGORY_COLOURS.items():
        style = f"underline {colour}" if category in _SENTENCE_CATEGORIES else f"bold {colour}"
        legend.append(_label(category), style=style)
        legend.append(f" ({_CATEGORY_SIGN[category]})  ", style="dim")
    legend.append("struck through = negated, not counted", style="strike dim")
    return legend


def _render_call(console: "Console", result: "CallResult") -> None:
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    s = result.scores
    console.print(Rule(f"[bold]{_escape(result.call_id)}[/bold]  tone score {s['tone_score']:.1f}/100", align="left"))
    if result.transcript.source:
        console.print(f"[dim]{_escape(result.transcript.source)} · {s['pipeline']} pipeline · lexicons {s['lexicon_version']}[/dim]")
    console.print(_legend(), soft_wrap=False)
    console.print()
    by_turn: dict[int, list[dict[str, Any]]] = {}
    for row in result.evidence_rows:
        by_turn.setdefault(row["turn_index"], []).append(row)
    role_style = {"agent": "bold", "customer": "bold dim", "unknown": "bold dim"}
    for i, turn in enumerate(result.transcript.turns):
        head = Text(f"{turn.speaker}", style=role_style.get(turn.role, "bold"))
        meta = f" {turn.role}, turn {i}"
        if turn.start is not None:
            meta += f", {turn.start:.1f}s"
        head.append(f" ({meta.strip()})", style="dim")
        console.print(head)
        console.print(Padding(highlight_turn(turn.text, by_turn.get(i, [])), (0, 0, 1, 4), expand=False))

    table = Table(title="Scores (agent turns)", title_justify="left")
    table.add_column("measure")
    table.add_column("count", justify="right")
    table.add_column("per 100 agent words", justify="right")
    table.add_row("[bold]tone score (0-100)[/bold]", f"[bold]{s['tone_score']:.1f}[/bold]", "")
    table.add_row("agent words", str(s["agent_words"]), f"talk share {_pct(s['agent_talk_share'])}")
    for category in ("empathy", "solution", "open_question", "closed_question", "jargon", "demand"):
        colour = CATEGORY_COLOURS[category]
        table.add_row(
            f"[{colour}]{_label(category)}[/{colour}] ({_CATEGORY_SIGN[category]})",
            str(s[f"{category}_count"]),
            _num(s[f"{category}_per_100w"]),
        )
    table.add_row("open question share", "", _pct(s["open_question_share"]))
    table.add_row("undercut empathy (counts half)", str(s["undercut_empathy_count"]), "")
    table.add_row("negated demands (not counted)", str(s["negated_demand_count"]), "")
    table.add_row("customer hardship disclosures", str(s["hardship_count"]), "")
    table.add_row("agent positivity (-1..1)", _num(s["agent_positivity"], 2), "")
    table.add_row(
        "customer sentiment start → end",
        "",
        f"{_num(s['customer_sentiment_start'], 2)} → {_num(s['customer_sentiment_end'], 2)} "
        f"(shift {_num(s['customer_sentiment_shift'], 2, sign=True)})",
    )
    console.print(table)

    jargon = [r for r in result.evidence_rows if r["category"] == "jargon" and r["role"] == "agent"]
    if jargon:
        jt = Table(title="Plain-language alternatives", title_justify="left")
        jt.add_column("turn", justify="right")
        jt.add_column("said", style=CATEGORY_COLOURS["jargon"])
        jt.add_column("try instead", style="green")
        for r in jargon:
            jt.add_row(str(r["turn_index"]), _escape(r["text"]), _escape(r.get("plain") or "—"))
        console.print(jt)
    else:
        console.print("[green]No jargon detected.[/green]")
    for tip in _tips(s):
        console.print(f"[bold]•[/bold] {tip}", soft_wrap=False)
    console.print()


def _tips(s: dict[str, Any]) -> list[str]:
    tips = []
    if s["undercut_empathy_count"]:
        tips.append("Empathy followed by “but” and a demand counts half: acknowledge, pause, then ask what would work.")
    if s["demand_count"]:
        tips.append(f"{s['demand_count']} demand(s): try an open question (“What would you be able to manage?”) or an option.")
    if s["closed_question_count"] > s["open_question_count"]:
        tips.append("More closed than open questions: open ones (what, how, tell me about…) let the customer explain.")
    return tips


def _num(value: Any, digits: int = 1, sign: bool = False) -> str:
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"


def _pct(value: Any) -> str:
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value * 100:.0f}%"


@app.command(
    epilog=(
        "Examples:\n\n"
        "  tonecheck explain calls/call-0042.txt\n\n"
        "  tonecheck explain calls/week46.csv --call c-0007 --pipeline fast\n\n"
        "  tonecheck explain call.json --lexicon house.yml | less -R"
    ),
)
def explain(
    file: Annotated[Path, typer.Argument(help="A transcript file (text, JSON or CSV).", exists=True, dir_okay=False,
                                         show_default=False, metavar="FILE")],
    pipeline: Annotated[
        Optional[Pipeline],
        typer.Option("--pipeline", "-p", help="accurate or fast. Default: accurate if installed.", show_default=False),
    ] = None,
    lexicon: Annotated[
        Optional[List[Path]],
        typer.Option("--lexicon", "-l", help="Extra lexicon file (repeatable).", exists=True, dir_okay=False,
                     show_default=False, metavar="FILE"),
    ] = None,
    call: Annotated[
        Optional[str],
        typer.Option("--call", "-c", help="Only this call id, for files that hold several calls.", show_default=False, metavar="ID"),
    ] = None,
    agent_speaker: Annotated[
        Optional[str],
        typer.Option("--agent-speaker", help="The speaker label of the agent, as for score.", show_default=False,
                     metavar="LABEL"),
    ] = None,
    pack: Annotated[
        Optional[List[str]],
        typer.Option("--pack", help="Collections rule pack (repeatable): us, uk, or a pack .yml file. Adds the checks "
                     "table and check columns.", show_default=False, metavar="PACK"),
    ] = None,
) -> None:
    """Show one call with every detection highlighted, its scores, and plain-language alternatives to its jargon.

    Each detection is coloured by category and tagged [category]; negated demands are struck through,
    undercut empathy is marked; the scores table and, for each jargon term, the plain alternative follow.
    This is the coaching view: what was said, what counted, and what to say instead.
    """
    options = _read_options(agent_speaker)
    packset = _load_packs(pack)
    nlp = _build_pipeline(pipeline, lexicon or [])
    import tonecheck
    from .scoring import FailedInput

    console = _console()
    shown = failed = 0
    for result in tonecheck.iter_results([file], nlp=nlp, options=options, packs=packset):
        if isinstance(result, FailedInput):
            failed += 1
            _console(stderr=True).print(
                f"[bold red]error:[/bold red] {_escape(result.source)}: [bold]{_escape(result.error)}[/bold]: "
                f"{_escape(result.reason)}",
                soft_wrap=True,
            )
            continue
        if call is not None and result.call_id != call:
            continue
        _render_call(console, result)
        if packset is not None:
            _render_checks(console, result)
        shown += 1
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)
    if shown == 0:
        raise _fail(f"no call with id {call!r} in {file}" if call else f"no calls in {file}", EXIT_SOME_FAILED)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  tonecheck report results/ --html report.html\n\n"
        "  tonecheck report results/ --html report.html --metadata agents.csv --redact"
    ),
)
def report(
    scored_dir: Annotated[Path, typer.Argument(help="A folder written by `tonecheck score --out` (csv, parquet or jsonl).",
                                               exists=True, file_okay=False, show_default=False, metavar="SCORED_DIR")],
    html: Annotated[Path, typer.Option("--html", help="The HTML file to write.", dir_okay=False, show_default=False,
                                       metavar="FILE")],
    metadata: Annotated[
        Optional[Path],
        typer.Option("--metadata", "-m", help="CSV with call_id plus agent_id, team, date, outcome (not needed when "
                     "`tonecheck score --metadata` joined them already).", exists=True, dir_okay=False,
                     show_default=False, metavar="FILE"),
    ] = None,
    redact: Annotated[
        bool,
        typer.Option("--redact", help="Mask card numbers, account numbers and other long digit runs, emails and "
                     "phone numbers in the report."),
    ] = False,
    title: Annotated[str, typer.Option("--title", help="The report's title.")] = "Tone coaching report",
) -> None:
    """Write a coaching report: one self-contained HTML file (no network needed to view it).

    Team summary, each agent against the team median, weekly trend, top and bottom calls, and per-agent
    sections with plots and highlighted excerpts (hover a highlight for why it counts; jargon shows its
    plain alternative). Transcript text is escaped: a transcript cannot run code in the report.
    """
    from .html import write_html

    try:
        path = write_html(scored_dir, html, metadata=metadata, redact=redact, title=title)
    except (OSError, ValueError, KeyError) as exc:
        raise _fail(str(exc)) from None
    _console().print(f"Wrote {_escape(path)}" + (" (personal data redacted)" if redact else ""))


def _load_packs(pack: list[str] | None):
    """The rule packs named by --pack, or None; a bad pack is a usage error naming file, entry and problem."""
    if not pack:
        return None
    from .checks import load_packs
    from .errors import LexiconError

    try:
        return load_packs(pack)
    except LexiconError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--pack'") from None


_STATUS_STYLE = {"pass": "green", "fail": "bold red", "not_applicable": "dim"}


def _render_checks(console, result) -> None:
    """The call's collections checks: status, rule, and the words behind each."""
    from rich.table import Table

    table = Table(title="Collections checks (a review aid, not legal advice)", title_justify="left")
    table.add_column("check", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("rule")
    table.add_column("turn", justify="right")
    table.add_column("words / detail")
    for row in result.check_rows:
        status = str(row.get("status") or "")
        turn = row.get("turn_index")
        words = row.get("text") or row.get("detail") or ""
        table.add_row(
            _escape(row.get("check", "")),
            f"[{_STATUS_STYLE.get(status, '')}]{_escape(status)}[/]",
            _escape(row.get("rule") or ""),
            "" if turn is None or turn != turn else str(int(turn)),
            _escape(words),
        )
    console.print(table)


# --------------------------------------------------------------------------- lexicon


def _load_lexicon(files: list[Path]):
    from .lexicon import load_lexicon
    from .errors import LexiconError

    try:
        return load_lexicon([str(p) for p in files])
    except LexiconError as exc:
        raise _fail(str(exc), EXIT_SOME_FAILED) from None


@lexicon_app.command("list", epilog="Examples:\n\n  tonecheck lexicon list\n\n  tonecheck lexicon list --lexicon house.yml")
def lexicon_list(
    lexicon: Annotated[
        Optional[List[Path]],
        typer.Option("--lexicon", "-l", help="Also load this file (repeatable), as score would.", show_default=False, metavar="FILE"),
    ] = None,
) -> None:
    """List the lexicon files in load order, with their versions and entries per category."""
    from collections import Counter

    from rich.table import Table

    lex = _load_lexicon(lexicon or [])
    per_file: dict[str, Counter] = {}
    for entry in lex.entries.values():
        per_file.setdefault(entry.source, Counter())[entry.category] += 1
    table = Table(title=f"Lexicon set {lex.version}", title_justify="left")
    table.add_column("file", no_wrap=True)
    table.add_column("lexicon", no_wrap=True)
    table.add_column("version", no_wrap=True)
    table.add_column("entries", justify="right")
    table.add_column("by category")
    for f in lex.files:
        counts = per_file.get(f["file"], Counter())
        detail = ", ".join(f"{_label(c)} {n}" for c, n in sorted(counts.items()))
        table.add_row(_escape(f["file"]), _escape(f["lexicon"]), _escape(f["version"]), str(sum(counts.values())),
                      _escape(detail or "word lists / sentiment only"))
    totals = Counter(e.category for e in lex.entries.values())
    table.add_row("[bold]total[/bold]", "", "", f"[bold]{sum(totals.values())}[/bold]",
                  ", ".join(f"{_label(c)} {n}" for c, n in sorted(totals.items())))
    _console().print(table)


@lexicon_app.command(
    "show", epilog="Examples:\n\n  tonecheck lexicon show jargon\n\n  tonecheck lexicon show demand --lexicon house.yml"
)
def lexicon_show(
    category: Annotated[str, typer.Argument(help="empathy, solution, open_question, closed_question, jargon, demand, "
                                            "hardship, negation, contrast or not_demand.", show_default=False, metavar="CATEGORY")],
    lexicon: Annotated[
        Optional[List[Path]],
        typer.Option("--lexicon", "-l", help="Also load this file (repeatable).", show_default=False, metavar="FILE"),
    ] = None,
) -> None:
    """Show the entries of one category: id, phrases or pattern, weight and (for jargon) the plain alternative."""
    import json

    from rich.table import Table

    from .lexicon import CATEGORIES

    name = category.strip().lower().replace(" ", "_").replace("-", "_")
    if name not in CATEGORIES:
        raise typer.BadParameter(f"{category!r} is not a category; categories: {', '.join(CATEGORIES)}",
                                 param_hint="'CATEGORY'")
    lex = _load_lexicon(lexicon or [])
    entries = lex.category(name)
    table = Table(title=f"{_label(name)}: {len(entries)} entries (lexicons {lex.version})", title_justify="left")
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("phrases / pattern", ratio=2)
    table.add_column("weight", justify="right")
    if name == "jargon":
        table.add_column("plain", style="green", ratio=1)
    if name in ("negation", "contrast"):
        table.add_column("direction / scope")
    if name == "negation":
        table.add_column("cancels")
    table.add_column("file", style="dim", no_wrap=True)
    for e in entries:
        what = "; ".join(e.phrases) if e.pattern is None else "pattern " + json.dumps(list(e.pattern), ensure_ascii=False)
        for key, alternatives in (("followed by", e.followed_by), ("not followed by", e.not_followed_by),
                                  ("preceded by", e.preceded_by), ("not preceded by", e.not_preceded_by)):
            if alternatives:
                past = " past step_over_words" if key.replace(" ", "_") in e.step_over else ""
                what += f" ({key}{past} " + " or ".join(a if isinstance(a, str) else json.dumps(a, ensure_ascii=False)
                                                        for a in alternatives) + ")"
        cells = [_escape(e.id), _escape(what), f"{e.weight:g}"]
        if name == "jargon":
            cells.append(_escape(e.plain or ""))
        if name in ("negation", "contrast"):
            cells.append(f"{e.direction}, {e.scope} tokens")
        if name == "negation":
            cells.append(", ".join(e.applies_to) or "nothing (pseudo)")
        cells.append(_escape(Path(e.source).name))
        table.add_row(*cells)
    _console().print(table)
    if not entries:
        _console(stderr=True).print(f"[yellow]no entries in category {name!r}[/yellow]")


@lexicon_app.command(
    "check",
    epilog=(
        "Examples:\n\n  tonecheck lexicon check house.yml\n\n  tonecheck lexicon check lexicons/*.yml\n\n"
        "Exit codes: 0 every file is valid; 1 a file is invalid (the message names the file, the entry and the problem)."
    ),
)
def lexicon_check(
    files: Annotated[List[Path], typer.Argument(help="Lexicon YAML files to validate.", show_default=False, metavar="FILE")],
) -> None:
    """Validate your own lexicon files: YAML shape, ids, categories, phrases, patterns, weights, plain alternatives."""
    from .errors import LexiconError
    from .lexicon import MANIFEST, check_lexicon_file, check_manifest_file, load_lexicon

    console = _console()
    errors = _console(stderr=True)
    bad = 0
    for f in files:
        if f.name == MANIFEST:  # `tonecheck lexicon check lexicons/*.yml` includes the set's manifest
            try:
                manifest = check_manifest_file(f)
            except LexiconError as exc:
                bad += 1
                errors.print(f"[red]✗[/red] {_escape(str(exc))}", soft_wrap=True)
                continue
            console.print(f"[green]✓[/green] {_escape(str(f))} (manifest {_escape(manifest['version'])}): "
                          f"{len(manifest['files'])} lexicon files in load order, all present", soft_wrap=True)
            continue
        try:
            info = check_lexicon_file(f)
            load_lexicon([f])  # also loads on top of the shipped lexicons
        except LexiconError as exc:
            bad += 1
            errors.print(f"[red]✗[/red] {_escape(str(exc))}", soft_wrap=True)
            continue
        parts = [f"{info['entries']} entries"]
        if info["disabled"]:
            parts.append(f"{info['disabled']} disabled")
        if info["categories"]:
            parts.append("categories: " + ", ".join(info["categories"]))
        if info["lists"]:
            parts.append("word lists: " + ", ".join(info["lists"]))
        if info["sentiment"]:
            parts.append(f"{info['sentiment']} sentiment overrides")
        console.print(f"[green]✓[/green] {_escape(str(f))} ({_escape(info['lexicon'])} {_escape(info['version'])}): "
                      f"{_escape('; '.join(parts))}", soft_wrap=True)
    if bad:
        raise typer.Exit(EXIT_SOME_FAILED)


if __name__ == "__main__":  # pragma: no cover
    app()
