"""Throughput benchmark: tonecheck against the spaCy + VADER floor, scaling, memory, load time, profile.

    python benchmarks/throughput.py                      # 2,000 generated calls (seeded), both pipelines
    python benchmarks/throughput.py --quick              # a smaller, faster run (about 3 minutes)
    python benchmarks/throughput.py --dir CALLS/         # read a folder of transcripts instead
    python benchmarks/throughput.py --json out.json      # also save the figures

What it measures, in one run, on the same texts for each pipeline:

floor
    what a user would write by hand with the same libraries over the same turn texts
    (already in memory): ``fast`` = ``spacy.blank("en")`` tokenizer + sentencizer over every
    turn + VADER ``polarity_scores`` on every sentence; ``accurate`` = the full trained
    ``en_core_web_sm`` over every turn + VADER on every sentence.
tonecheck
    ``score_many([folder])`` end to end: walking and reading the files, detection, scoring
    and building the ``calls``/``turns``/``evidence`` DataFrames, with a fresh pipeline
    (cold sentiment cache; load time excluded, reported separately).
scaling
    ``score_many(n_process=2)`` against ``n_process=1`` (``fast``, and ``accurate`` with
    ``--scaling-accurate``); for ``fast``, the two alternately, best of ``--repeat`` each.
memory
    peak RSS of a separate process that streams results to disk for 1,000 and 10,000 calls:
    ``tonecheck score DIR --out OUT`` when the CLI exists, else ``iter_results`` writing rows
    to CSV as they come.
load / --help
    ``tonecheck.load()`` in a fresh process (imports included), and ``tonecheck --help``.
profile
    cProfile of ``score_many`` (``fast``): where tonecheck's own code spends its time.

Words are whitespace-separated words of the turn texts, the same count for every row.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import write_corpus  # noqa: E402


# --------------------------------------------------------------------------- corpus


def list_files(folder: Path) -> list[Path]:
    from tonecheck.scoring import iter_paths

    return list(iter_paths([folder]))


def turn_texts(paths: list[Path]) -> list[str]:
    """Every turn's text, read with tonecheck's readers (not timed: the floor starts from texts in memory)."""
    from tonecheck.readers import iter_file

    return [turn.text for p in paths for t in iter_file(p) for turn in t.turns]


def count_words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def subset_dir(src: list[Path], n: int, root: Path, name: str) -> Path:
    """A folder holding the first ``n`` files of ``src`` (hard links, or copies)."""
    out = root / name
    if out.exists():
        return out
    out.mkdir(parents=True)
    for p in src[:n]:
        target = out / p.name
        try:
            os.link(p, target)
        except OSError:
            shutil.copy2(p, target)
    return out


# --------------------------------------------------------------------------- floors

#: The clock for the in-process floor and tonecheck timings: wall time, or with ``--cpu-time`` this
#: process's CPU time (steadier on a shared VM, where other tenants' load shows up as wall time).
CLOCK = time.perf_counter



def floor_fast(texts: list[str]) -> float:
    """Seconds for blank tokenizer + sentencizer over every turn + VADER on every sentence."""
    import spacy
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    vader = SentimentIntensityAnalyzer()
    t0 = CLOCK()
    for doc in nlp.pipe(texts, batch_size=256):
        for sent in doc.sents:
            vader.polarity_scores(sent.text)
    return CLOCK() - t0


def floor_accurate(texts: list[str]) -> float:
    """Seconds for the full trained en_core_web_sm over every turn + VADER on every sentence."""
    import importlib

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from tonecheck.components import trained_model_name

    nlp = importlib.import_module(trained_model_name()).load()
    vader = SentimentIntensityAnalyzer()
    t0 = CLOCK()
    for doc in nlp.pipe(texts, batch_size=256):
        for sent in doc.sents:
            vader.polarity_scores(sent.text)
    return CLOCK() - t0


# --------------------------------------------------------------------------- tonecheck


def run_tonecheck(folder: Path, pipeline: str, n_process: int = 1, parse_all: bool = False) -> tuple[float, object, object]:
    """Seconds for score_many over a folder end to end, with a freshly built pipeline; and the report."""
    import tonecheck

    nlp = tonecheck.load(pipeline)
    if parse_all:
        nlp.get_pipe("tonecheck_syntax").parse_all = True
    gc.collect()
    t0 = CLOCK()
    report = tonecheck.score_many([folder], nlp=nlp, n_process=n_process)
    report.calls, report.turns, report.evidence, report.errors  # build the frames
    elapsed = CLOCK() - t0
    return elapsed, report, nlp


def count_agent_sentences(nlp, paths: list[Path]) -> int:
    """Sentences in agent turns (what 'parse everything the agent says' would parse)."""
    from tonecheck.readers import iter_file

    texts = [turn.text for p in paths for t in iter_file(p) for turn in t.turns if turn.role == "agent"]
    sentencizer = nlp.get_pipe("sentencizer")
    return sum(len(list(sentencizer(nlp.make_doc(t)).sents)) for t in texts)


def compare_reports(a, b) -> dict:
    """How far two reports of the same calls are apart (parse only the undecided vs parse all)."""
    ta, tb = a.calls.set_index("call_id")["tone_score"], b.calls.set_index("call_id")["tone_score"]
    diff = (ta - tb.reindex(ta.index)).abs()
    key = ["call_id", "turn_index", "start_char", "end_char", "category", "counted"]
    ea = set(map(tuple, a.evidence[key].astype(str).values.tolist()))
    eb = set(map(tuple, b.evidence[key].astype(str).values.tolist()))
    return {
        "calls": int(len(ta)),
        "calls_differing": int((diff > 0).sum()),
        "max_tone_diff": float(diff.max()) if len(diff) else 0.0,
        "mean_tone_diff": float(diff.mean()) if len(diff) else 0.0,
        "evidence_a": len(a.evidence),
        "evidence_b": len(b.evidence),
        "evidence_only_in_a": len(ea - eb),
        "evidence_only_in_b": len(eb - ea),
    }


# --------------------------------------------------------------------------- subprocess measurements

_LOAD_CODE = """
import time, sys
t0 = time.perf_counter()
import tonecheck
nlp = tonecheck.load(sys.argv[1])
print(time.perf_counter() - t0)
"""

_STREAM_CODE = """
import csv, sys
from tonecheck import iter_results, load
from tonecheck.frames import CALL_COLUMNS, TURN_COLUMNS, EVIDENCE_COLUMNS
from tonecheck.scoring import FailedInput
folder, out, pipeline = sys.argv[1:4]
nlp = load(pipeline)
files = {n: open(f"{out}/{n}.csv", "w", newline="") for n in ("calls", "turns", "evidence", "errors")}
w = {
    "calls": csv.DictWriter(files["calls"], list(CALL_COLUMNS), extrasaction="ignore"),
    "turns": csv.DictWriter(files["turns"], list(TURN_COLUMNS), extrasaction="ignore"),
    "evidence": csv.DictWriter(files["evidence"], list(EVIDENCE_COLUMNS), extrasaction="ignore"),
    "errors": csv.DictWriter(files["errors"], ["source", "error", "reason"]),
}
for x in w.values():
    x.writeheader()
n = 0
for r in iter_results([folder], nlp=nlp):
    if isinstance(r, FailedInput):
        w["errors"].writerow(r.row())
        continue
    n += 1
    w["calls"].writerow(r.scores)
    w["turns"].writerows(r.turn_rows)
    w["evidence"].writerows(r.evidence_rows)
for f in files.values():
    f.close()
print(n)
"""

_RSS_WRAPPER = """
import resource, subprocess, sys, time
t0 = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t0, rc)
"""


def cli_available() -> bool:
    return (Path(__import__("tonecheck").__file__).parent / "cli.py").exists() and shutil.which("tonecheck") is not None


def cli_has_score() -> bool:
    if not cli_available():
        return False
    r = subprocess.run(["tonecheck", "score", "--help"], capture_output=True, text=True)
    return r.returncode == 0 and "--out" in r.stdout


def load_time(pipeline: str, repeat: int = 3, lexicon_cache: bool = True) -> float:
    """Best of ``repeat`` fresh processes; ``lexicon_cache=False`` parses the lexicon files in each (as on a
    first run, or after a lexicon changes: tonecheck._diskcache)."""
    env = dict(os.environ)
    if not lexicon_cache:
        env["TONECHECK_CACHE_DIR"] = "off"
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _LOAD_CODE, pipeline], capture_output=True, text=True, check=True,
                             env=env)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return min(times)


def help_time(repeat: int = 3) -> float | None:
    if not cli_available():
        return None
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(["tonecheck", "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return min(times)


def peak_rss(folder: Path, out: Path, pipeline: str, use_cli: bool) -> tuple[float, float, str]:
    """(peak RSS in MiB, seconds, how) of a separate process scoring ``folder`` to files in ``out``."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if use_cli:
        cmd = ["tonecheck", "score", str(folder), "--out", str(out), "--pipeline", pipeline]
        how = "tonecheck score DIR --out OUT"
    else:
        cmd = [sys.executable, "-c", _STREAM_CODE, str(folder), str(out), pipeline]
        how = "iter_results -> CSV rows (no CLI yet)"
    res = subprocess.run([sys.executable, "-c", _RSS_WRAPPER, *cmd], capture_output=True, text=True, check=True)
    kib, secs, rc = res.stdout.split()
    if rc != "0":
        raise RuntimeError(f"{how} exited {rc}")
    return int(kib) / 1024, float(secs), how


def dask_throughput(folder: Path, words: int, calls: int, pipeline: str) -> dict | None:
    """Words/s of tonecheck.dask.score_paths on a loopback LocalCluster (2 processes x 1 thread)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        return None
    import tonecheck.dask as tcd

    t0 = time.perf_counter()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None, silence_logs=40)
    client = Client(cluster)
    try:
        client.run(tcd.worker_pipeline, tcd.PipelineSpec(pipeline))  # pipeline built once per worker, not timed
        start = time.perf_counter() - t0
        t1 = time.perf_counter()
        tcd.score_paths([folder], partition_size=100, pipeline=pipeline).compute()
        secs = time.perf_counter() - t1
    finally:
        client.close()
        cluster.close()
    return {"wps": words / secs, "per_worker_wps": words / secs / 2, "calls_per_s_per_worker": calls / secs / 2,
            "seconds": secs, "start_s": start}


# --------------------------------------------------------------------------- profile


def profile(folder: Path, pipeline: str, top: int = 15) -> tuple[str, dict[str, float]]:
    """A cProfile summary: time by library, and tonecheck's own top functions (by own time)."""
    import tonecheck

    nlp = tonecheck.load(pipeline)
    prof = cProfile.Profile()
    prof.enable()
    report = tonecheck.score_many([folder], nlp=nlp)
    report.calls, report.turns, report.evidence
    prof.disable()
    stats = pstats.Stats(prof)
    groups: dict[str, float] = {}
    own: list[tuple[float, float, int, str]] = []
    total = 0.0
    for (filename, line, func), (cc, nc, tt, ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
        total += tt
        f = filename.replace("\\", "/")
        if "/tonecheck/" in f and "/benchmarks/" not in f:
            group = "tonecheck"
            own.append((tt, ct, nc, f"{Path(f).name}:{line}({func})"))
        elif "vaderSentiment" in f:
            group = "vaderSentiment"
        elif "/spacy/" in f or "/thinc/" in f or f.startswith("spacy") or "spacy" in func:
            group = "spaCy/thinc"
        elif "/pandas/" in f or "/numpy/" in f:
            group = "pandas/numpy"
        elif func.startswith("<method") or func.startswith("<built-in"):
            group = "builtins (called from all of the above)"
        else:
            group = "other Python (stdlib, yaml, ...)"
        groups[group] = groups.get(group, 0.0) + tt
    own.sort(reverse=True)
    buf = io.StringIO()
    buf.write(f"  total profiled time {total:.2f} s (profiler overhead inflates small Python functions)\n")
    for g, t in sorted(groups.items(), key=lambda kv: -kv[1]):
        buf.write(f"  {g:<42} {t:7.2f} s  {100 * t / total:5.1f}%\n")
    buf.write(f"  top tonecheck functions by own time:\n")
    buf.write(f"    {'own s':>7} {'cum s':>7} {'calls':>9}  function\n")
    for tt, ct, nc, name in own[:top]:
        buf.write(f"    {tt:7.2f} {ct:7.2f} {nc:9d}  {name}\n")
    return buf.getvalue(), {g: t / total for g, t in groups.items()}


# --------------------------------------------------------------------------- main


def machine() -> str:
    import spacy

    try:
        import psutil

        mem = f"{psutil.virtual_memory().total / 2**30:.0f} GiB"
    except ImportError:
        mem = f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB"
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem} RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, spaCy {spacy.__version__}"
    )


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description="tonecheck throughput benchmark", formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--calls", type=int, default=2000, help="generated calls for fast and scaling (default 2000)")
    ap.add_argument("--accurate-calls", type=int, default=400,
                    help="calls (the first N of the corpus) for the accurate floor and end-to-end run (default 400)")
    ap.add_argument("--rss-calls", type=int, nargs=2, default=(1000, 10000), metavar=("SMALL", "LARGE"))
    ap.add_argument("--dir", type=Path, help="read transcripts from this folder instead of generating them")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--quick", action="store_true", help="smaller corpora: 600 calls, 120 accurate, RSS at 300/3000")
    ap.add_argument("--skip", default="", help="comma list of sections to skip: fast,accurate,scaling,dask,rss,load,profile")
    ap.add_argument("--scaling-accurate", action="store_true",
                    help="measure accurate n_process=2 vs 1 on all --calls (default: on the accurate subset)")
    ap.add_argument("--repeat", type=int, default=2, help="fast floor / end-to-end and scaling runs, best kept (default 2)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--cpu-time", action="store_true",
                    help="time the in-process floor and tonecheck runs by this process's CPU time instead of wall time")
    ap.add_argument("--keep", action="store_true", help="keep the generated corpus (prints where)")
    args = ap.parse_args(argv)
    global CLOCK
    CLOCK = time.process_time if args.cpu_time else time.perf_counter
    if args.quick:
        args.calls, args.accurate_calls, args.rss_calls = min(args.calls, 600), min(args.accurate_calls, 120), (300, 3000)
    skip = set(filter(None, args.skip.split(",")))
    results: dict = {"machine": machine(), "command": "python benchmarks/throughput.py " + " ".join(argv or sys.argv[1:])}
    results["clock"] = "cpu" if args.cpu_time else "wall"
    print(results["machine"] + (" (in-process timings in CPU time)" if args.cpu_time else ""))

    tmp = Path(tempfile.mkdtemp(prefix="tonecheck-bench-"))
    try:
        if args.dir:
            paths = list_files(args.dir)
            folder = args.dir
        else:
            t0 = time.perf_counter()
            n_gen = max(args.calls, args.accurate_calls)
            paths = write_corpus(tmp / "corpus", n_gen, args.seed)
            folder = tmp / "corpus"
            print(f"generated {n_gen} calls in {time.perf_counter() - t0:.1f} s -> {folder}")
        paths = paths[: args.calls] if len(paths) > args.calls else paths
        if len(paths) < len(list_files(folder)):
            folder = subset_dir(paths, len(paths), tmp, "main")
        texts = turn_texts(paths)
        words = count_words(texts)
        results["corpus"] = {"calls": len(paths), "turns": len(texts), "words": words}
        print(f"corpus: {len(paths)} calls, {len(texts)} turns, {words:,} words ({words / len(paths):.0f} per call)")
        rows: list[tuple[str, str, str]] = []

        def add(name: str, value: str, note: str = "") -> None:
            rows.append((name, value, note))
            print(f"  {name:<52} {value:>14}  {note}")

        # ---------------------------------------------------------------- load / --help
        if "load" not in skip:
            for p in ("fast", "accurate"):
                t = load_time(p)
                results[f"load_{p}_s"] = t
                add(f"tonecheck.load('{p}') (fresh process, imports incl.)", f"{t:.2f} s", "target < 1.5 s")
                cold = load_time(p, lexicon_cache=False)
                results[f"load_{p}_uncached_s"] = cold
                add(f"tonecheck.load('{p}'), lexicon cache off", f"{cold:.2f} s", "first run after a lexicon change")
            h = help_time()
            results["help_s"] = h
            add("tonecheck --help", f"{h:.2f} s" if h is not None else "n/a", "target < 0.5 s" if h is not None else "no CLI yet")

        # ---------------------------------------------------------------- fast
        if "fast" not in skip:
            # alternate floor and tonecheck runs and keep the best of each (the machine's timing is noisy)
            f_floor, f_tc = float("inf"), float("inf")
            for _ in range(args.repeat):
                f_floor = min(f_floor, floor_fast(texts))
                t, report, nlp = run_tonecheck(folder, "fast")
                f_tc = min(f_tc, t)
            wps_floor = words / f_floor
            add("fast floor (blank+sentencizer+VADER every sentence)", f"{wps_floor:,.0f} w/s",
                f"{f_floor:.1f} s (best of {args.repeat})")
            wps_tc = words / f_tc
            add("fast tonecheck score_many end to end", f"{wps_tc:,.0f} w/s",
                f"{f_tc:.1f} s (best of {args.repeat}); {wps_tc / wps_floor:.0%} of floor (target >= 80%)")
            results["fast"] = {"floor_wps": wps_floor, "tonecheck_wps": wps_tc, "ratio": wps_tc / wps_floor,
                               "calls": len(report.calls), "errors": len(report.errors)}
            del report, nlp

        # ---------------------------------------------------------------- accurate
        if "accurate" not in skip:
            acc_paths = paths[: args.accurate_calls]
            acc_folder = subset_dir(acc_paths, len(acc_paths), tmp, "accurate") if len(acc_paths) < len(paths) else folder
            acc_texts = turn_texts(acc_paths)
            acc_words = count_words(acc_texts)
            print(f"accurate subset: {len(acc_paths)} calls, {acc_words:,} words")
            a_floor = floor_accurate(acc_texts)
            wps_afloor = acc_words / a_floor
            add("accurate floor (en_core_web_sm all + VADER)", f"{wps_afloor:,.0f} w/s", f"{a_floor:.1f} s")
            a_tc, report, nlp = run_tonecheck(acc_folder, "accurate")
            wps_atc = acc_words / a_tc
            syntax = nlp.get_pipe("tonecheck_syntax")
            agent_sents = count_agent_sentences(nlp, acc_paths)
            add("accurate tonecheck score_many end to end", f"{wps_atc:,.0f} w/s",
                f"{a_tc:.1f} s; {wps_atc / wps_afloor:.1f}x floor (target >= 3x); parsed {syntax.parsed_sentences:,} "
                f"of {agent_sents:,} agent sentences")
            results["accurate"] = {"floor_wps": wps_afloor, "tonecheck_wps": wps_atc, "ratio": wps_atc / wps_afloor,
                                   "calls": len(acc_paths), "words": acc_words, "parsed_sentences": syntax.parsed_sentences,
                                   "agent_sentences": agent_sents}
            # the reference: parse every agent sentence (SyntaxChecker parse_all=True), same texts
            p_tc, p_report, p_nlp = run_tonecheck(acc_folder, "accurate", parse_all=True)
            agree = compare_reports(report, p_report)
            add("accurate, parse_all=True (every agent sentence parsed)", f"{acc_words / p_tc:,.0f} w/s",
                f"{p_tc:.1f} s; parsed {p_nlp.get_pipe('tonecheck_syntax').parsed_sentences:,}; "
                f"tone_score differs on {agree['calls_differing']} of {agree['calls']} calls "
                f"(max {agree['max_tone_diff']:.2f} points), evidence rows {agree['evidence_a']} vs {agree['evidence_b']}")
            results["accurate_parse_all"] = {"tonecheck_wps": acc_words / p_tc, **agree}
            del p_report, p_nlp
            # the same subset through fast, for a like-for-like view
            f2, _, _ = run_tonecheck(acc_folder, "fast")
            results["accurate"]["fast_same_texts_wps"] = acc_words / f2
            add("  (fast tonecheck on the same accurate subset)", f"{acc_words / f2:,.0f} w/s", "")
            del report, nlp

        # ---------------------------------------------------------------- scaling
        if "scaling" not in skip:
            # n_process=1 and 2 alternately, best of --repeat each: one process and two measured alike, in the
            # same stretch of the VM's timing (the fast section's best of its own runs is not reused)
            t1 = t2 = float("inf")
            for _ in range(args.repeat):
                t1 = min(t1, run_tonecheck(folder, "fast")[0])
                t, rep2, _ = run_tonecheck(folder, "fast", n_process=2)
                t2 = min(t2, t)
            base, wps2 = words / t1, words / t2
            add(f"fast n_process=2 ({len(paths)} calls)", f"{wps2:,.0f} w/s", f"{wps2 / base:.2f}x n_process=1 (target >= 1.7x)")
            results["scaling_fast"] = {"n1_wps": base, "n2_wps": wps2, "speedup": wps2 / base, "calls": len(rep2.calls)}
            if "accurate" in results:  # on the accurate subset (all calls with --scaling-accurate)
                if args.scaling_accurate:
                    s_folder, s_words, s_calls, t1 = folder, words, len(paths), run_tonecheck(folder, "accurate")[0]
                else:
                    s_folder, s_words = acc_folder, results["accurate"]["words"]
                    s_calls, t1 = results["accurate"]["calls"], s_words / results["accurate"]["tonecheck_wps"]
                t2, _, _ = run_tonecheck(s_folder, "accurate", n_process=2)
                add(f"accurate n_process=2 ({s_calls} calls)", f"{s_words / t2:,.0f} w/s", f"{t1 / t2:.2f}x n_process=1")
                results["scaling_accurate"] = {"n1_wps": s_words / t1, "n2_wps": s_words / t2, "speedup": t1 / t2,
                                               "calls": s_calls}

        # ---------------------------------------------------------------- dask
        if "dask" not in skip:
            figures = dask_throughput(folder, words, len(paths), "fast")
            if figures:
                results["dask_fast"] = figures
                add(f"dask LocalCluster 2 workers x 1 thread, fast ({len(paths)} calls)", f"{figures['wps']:,.0f} w/s",
                    f"{figures['per_worker_wps']:,.0f} w/s per worker, {figures['calls_per_s_per_worker']:.0f} calls/s "
                    f"per worker; cluster start {figures['start_s']:.1f} s")
            if "accurate" in results:
                figures = dask_throughput(acc_folder, results["accurate"]["words"], results["accurate"]["calls"], "accurate")
                if figures:
                    results["dask_accurate"] = figures
                    add(f"dask LocalCluster 2 workers x 1 thread, accurate ({results['accurate']['calls']} calls)",
                        f"{figures['wps']:,.0f} w/s", f"{figures['per_worker_wps']:,.0f} w/s per worker, "
                        f"{figures['calls_per_s_per_worker']:.1f} calls/s per worker")

        # ---------------------------------------------------------------- memory
        if "rss" not in skip:
            small, large = args.rss_calls
            rss_paths = write_corpus(tmp / "rss", large, args.seed + 1)
            use_cli = cli_has_score()
            figures = {}
            for n in (small, large):
                d = subset_dir(rss_paths, n, tmp, f"rss-{n}") if n < large else tmp / "rss"
                mib, secs, how = peak_rss(d, tmp / f"out-{n}", "fast", use_cli)
                figures[n] = mib
                add(f"peak RSS, {n:,} calls, fast ({how})", f"{mib:,.0f} MiB", f"{secs:.0f} s")
            growth = figures[large] / figures[small] - 1
            add(f"RSS growth {small:,} -> {large:,} calls", f"{growth:+.1%}", "target within 10%")
            results["rss"] = {"how": how, "mib": {str(k): v for k, v in figures.items()}, "growth": growth}

        # ---------------------------------------------------------------- profile
        if "profile" not in skip:
            prof_folder = subset_dir(paths, min(300, len(paths)), tmp, "profile")
            text, shares = profile(prof_folder, "fast")
            results["profile_fast"] = shares
            print(f"\nprofile, fast, {min(300, len(paths))} calls:\n{text}")
            results["profile_fast_text"] = text

        print("\n" + "=" * 100)
        print(f"{'measure':<56} {'value':>14}  note")
        print("-" * 100)
        for name, value, note in rows:
            print(f"{name:<56} {value:>14}  {note}")
        print("=" * 100)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2, default=str))
        return results
    finally:
        if args.keep:
            print(f"corpus kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
