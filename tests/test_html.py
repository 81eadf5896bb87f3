"""The HTML coaching report, checked as a person would: rendered in headless Chromium (Debian's chromium
package), it loads with no console errors, shows the highlighted spans, a transcript's <script> does not run,
and --redact takes card numbers, emails and phone numbers out of the page."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import tonecheck
from tonecheck import html as H
from tonecheck import reports as R

ROOT = Path(__file__).resolve().parents[1]
TITLE = "Tone coaching report"

CARD, EMAIL, PHONE = "4111 1111 1111 1111", "jo.bloggs@example.com", "07700 900123"
EVIL_CALL = f"""\
Agent: Hello, this is Eve calling from Northway Finance. Am I speaking with Mr Mallory?
Customer: Yes. I lost my job. My card is {CARD} and my email is {EMAIL}. <img src=x onerror="document.title='pwned-img'">
Agent: I'm really sorry to hear that <script>document.title='pwned'</script>. We can set up a payment plan, and I'll ring you back on {PHONE}. What would you be able to manage each month?
Customer: Maybe twenty pounds. "><script>document.title='pwned2'</script>
Agent: The arrears are £400 and you need to pay today. Can you pay now?
Customer: Okay. <b onmouseover="document.title='pwned3'">fine</b>
"""


def load_generator():
    spec = importlib.util.spec_from_file_location("make_synthetic", ROOT / "benchmarks" / "make_synthetic.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_synthetic"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored(tmp_path_factory, fast_nlp):
    """A synthetic set plus two calls from agent A-999 full of markup and personal data: (report, metadata)."""
    folder = tmp_path_factory.mktemp("html")
    meta_path = load_generator().generate(folder, n_calls=70, weeks=4, seed=5)
    for i in (1, 2):
        (folder / "calls" / f"evil-{i}.txt").write_text(EVIL_CALL, encoding="utf-8")
    meta = pd.read_csv(meta_path, dtype=str)
    evil = pd.DataFrame({
        "call_id": ["evil-1", "evil-2"], "agent_id": ["A-999", "A-999"],
        "team": ['Red"<b>Team</b>', 'Red"<b>Team</b>'], "date": ["2026-09-15", "2026-09-22"], "outcome": ["<i>x</i>"] * 2,
    })
    meta = pd.concat([meta, evil], ignore_index=True)
    report = tonecheck.score_many([folder / "calls"], nlp=fast_nlp)
    assert len(report.errors) == 0
    return report, meta


@pytest.fixture(scope="module")
def pages(scored, tmp_path_factory):
    report, meta = scored
    out = tmp_path_factory.mktemp("pages")
    plain = H.write_html(report, out / "report.html", metadata=meta)
    redacted = H.write_html(report, out / "sub" / "redacted.html", metadata=meta, redact=True)
    return plain, redacted


# --------------------------------------------------------------------------- the page itself


def test_page_is_one_self_contained_file(pages):
    page = pages[0].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert f'content="{H.CSP}"' in page and "default-src 'none'" in H.CSP
    assert not re.search(r"<script", page, re.IGNORECASE)
    assert not re.search(r"<link|@import|url\(", page, re.IGNORECASE)
    for attr in re.findall(r'(?:src|href)="([^"]*)"', page):
        assert attr.startswith(("data:image/png;base64,", "#")), attr
    assert len(re.findall(r'<img class="plot"', page)) >= 4 + 8  # team plots + one per agent
    for section in ('id="team"', 'id="calls"', 'id="examples"', 'id="agents"', 'class="legend"'):
        assert section in page
    assert page.count('<section class="agent"') == 8


def test_untrusted_text_is_escaped(pages):
    page = pages[0].read_text(encoding="utf-8")
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "<script>document.title" not in page
    assert "<img src=x" not in page and 'onerror="' not in page and 'onmouseover="' not in page
    assert "&lt;img src=x onerror=&quot;document.title=&#x27;pwned-img&#x27;&quot;&gt;" in page
    assert 'Red&quot;&lt;b&gt;Team&lt;/b&gt;' in page and "<b>Team</b>" not in page  # metadata is untrusted too
    assert "<i>x</i>" not in page


def test_highlights_and_hover_titles(pages):
    page = pages[0].read_text(encoding="utf-8")
    spans = re.findall(r'<span class="hl ([^"]*)" data-cat="([^"]*)" title="([^"]*)">', page)
    cats = {c for _, cat, _ in spans for c in cat.split()}
    assert {"empathy", "solution", "open_question", "closed_question", "jargon", "demand"} <= cats
    jargon_titles = [t for cls, cat, t in spans if "jargon" in cat.split()]
    assert jargon_titles and all("plain alternative: " in t for t in jargon_titles)
    assert any("undercut" in cls for cls, _, _ in spans)  # A-207's "I understand, but you need to ..."
    assert any("focus" in cls for cls, _, _ in spans)


def test_highlight_html_unit():
    text = "I understand, but you need to pay the arrears <now>."
    rows = [
        {"category": "empathy", "start_char": 0, "end_char": 12, "text": "I understand", "undercut": True, "modifier": "but"},
        {"category": "demand", "start_char": 18, "end_char": 29, "text": "you need to", "weight": 1.0},
        {"category": "jargon", "start_char": 38, "end_char": 45, "text": "arrears", "plain": "missed payments"},
        {"category": "closed_question", "start_char": 18, "end_char": 45, "text": "you need to pay the arrears"},
        {"category": "demand", "start_char": 40, "end_char": 999, "text": "out of range"},  # ignored
    ]
    out = H.highlight_html(text, rows, focus=(38, 45))
    # overlapping detections: each stretch carries every category over it
    assert '<span class="hl c-closed_question c-demand" data-cat="closed_question demand"' in out
    assert re.search(r'class="hl c-closed_question c-jargon focus"[^>]*title="[^"]*plain alternative: missed payments', out)
    assert 'class="hl c-empathy undercut"' in out and "counts half" in out
    assert "&lt;now&gt;." in out and "<now>" not in out
    assert re.sub(r"<[^>]+>", "", out) == "I understand, but you need to pay the arrears &lt;now&gt;."
    red = H.highlight_html("Call 07700 900123 now, you need to", [
        {"category": "demand", "start_char": 23, "end_char": 34, "text": "you need to"},
        {"category": "solution", "start_char": 5, "end_char": 17, "text": "07700 900123"},
    ], redact=True)
    assert "07700" not in red and red.count('<span class="redacted">[PHONE]</span>') == 1
    assert '<span class="hl c-solution" data-cat="solution" title="solution: “[PHONE]”"><span class="redacted">[PHONE]</span></span>' in red
    assert H.highlight_html("", []) == "" and H.highlight_html(None, []) == ""


def test_redact_removes_personal_data_from_the_page(pages):
    plain, redacted = (p.read_text(encoding="utf-8") for p in pages)
    for secret in (CARD, EMAIL, PHONE):
        assert secret in plain  # the excerpts show the calls with them ...
        assert secret not in redacted  # ... and --redact masks them everywhere
    assert "4111" not in redacted and "jo.bloggs" not in redacted and "900123" not in redacted
    for label in ("[CARD]", "[EMAIL]", "[PHONE]"):
        assert f'<span class="redacted">{label}</span>' in redacted
    assert "personal data redacted" in redacted


def test_write_html_from_a_folder_and_without_metadata(scored, tmp_path):
    report, meta = scored
    folder = tmp_path / "scored"
    folder.mkdir()
    report.calls.merge(meta, on="call_id").to_csv(folder / "calls.csv", index=False)
    report.turns.to_csv(folder / "turns.csv", index=False)
    report.evidence.to_csv(folder / "evidence.csv", index=False)
    pd.DataFrame([{"source": "bad.txt", "error": "EmptyTranscriptError", "reason": "<b>empty</b> 12345678"}]).to_csv(
        folder / "errors.csv", index=False)
    out = H.write_html(folder, tmp_path / "from_dir.html", redact=True)
    page = out.read_text(encoding="utf-8")
    assert 'id="agents"' in page and 'id="errors"' in page
    assert "&lt;b&gt;empty&lt;/b&gt; [NUMBER]" in page
    # no agent_id and no date: a team-only page
    bare = H.render_html(report)
    assert 'id="agents"' not in bare and "Week by week" not in bare and 'id="examples"' in bare
    empty = H.render_html(tonecheck.Report())
    assert "No calls were scored" in empty


# --------------------------------------------------------------------------- in a browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"


def chromium(tmp_path: Path, url: str, *extra: str) -> subprocess.CompletedProcess:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run installs it)")
        pytest.skip("chromium is not installed: apt-get install -y chromium")
    args = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium-profile'}", "--enable-logging=stderr", "--v=0", *extra, url,
    ]
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


def console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if re.search(r":CONSOLE[:(]|Uncaught|Refused to", line)]


def dom_title(dom: str) -> str:
    match = re.search(r"<title>(.*?)</title>", dom, re.DOTALL)
    return match.group(1) if match else ""


@pytest.mark.slow
def test_browser_harness_sees_console_errors_and_scripts(tmp_path):
    """The checks below would catch a script that runs: a page that logs and retitles itself is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text('<html><head><title>t</title></head><body><script>console.error("boom"); document.title="changed"</script></body></html>')
    run = chromium(tmp_path, bad.as_uri(), "--dump-dom")
    assert dom_title(run.stdout) == "changed"
    assert any("boom" in line for line in console_messages(run.stderr))


@pytest.mark.slow
def test_report_loads_in_chromium_without_errors(pages, tmp_path):
    run = chromium(tmp_path, pages[0].as_uri(), "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    assert console_messages(run.stderr) == []
    assert dom_title(dom) == TITLE  # the transcripts' scripts did not run
    assert not re.search(r"<script|<img src=\"x\"", dom)
    assert not re.search(r"<[a-zA-Z][^<>]*\s(?:onerror|onmouseover)=", dom)  # no element got the handlers
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom  # shown as text
    spans = re.findall(r'<span class="hl [^"]*" data-cat="([^"]*)"', dom)
    assert len(spans) > 50
    assert {"empathy", "solution", "open_question", "closed_question", "jargon", "demand"} <= {c for s in spans for c in s.split()}
    assert re.search(r'data-cat="[^"]*jargon[^"]*" title="[^"]*plain alternative: ', dom)
    assert dom.count('<img class="plot"') >= 12


@pytest.mark.slow
def test_escaping_alone_stops_scripts(pages, tmp_path):
    """Without the Content-Security-Policy, escaping alone keeps the transcripts' markup inert."""
    page = pages[0].read_text(encoding="utf-8")
    csp = f'<meta http-equiv="Content-Security-Policy" content="{H.CSP}">'
    assert csp in page
    bare = tmp_path / "no_csp.html"
    bare.write_text(page.replace(csp, ""), encoding="utf-8")
    run = chromium(tmp_path, bare.as_uri(), "--dump-dom")
    assert dom_title(run.stdout) == TITLE
    assert console_messages(run.stderr) == []
    assert "<script" not in run.stdout


@pytest.mark.slow
def test_redacted_report_in_chromium(pages, tmp_path):
    run = chromium(tmp_path, pages[1].as_uri(), "--dump-dom")
    assert console_messages(run.stderr) == []
    text = re.sub(r"<[^>]+>", " ", run.stdout)
    for secret in (CARD, EMAIL, PHONE):
        assert secret not in run.stdout
    assert "[CARD]" in text and "[EMAIL]" in text and "[PHONE]" in text


@pytest.mark.slow
def test_screenshot(pages, tmp_path):
    from PIL import Image

    shot = tmp_path / "report.png"
    run = chromium(tmp_path, pages[0].as_uri(), f"--screenshot={shot}", "--window-size=1280,2000", "--hide-scrollbars")
    assert shot.is_file(), run.stderr[-2000:]
    with Image.open(shot) as im:
        assert im.size == (1280, 2000)
        colours = im.convert("RGB").resize((320, 500)).getcolors(maxcolors=100_000)
        assert colours is not None and len(colours) > 200  # text, tables and plots, not a blank page


# --------------------------------------------------------------------------- tonecheck report


def test_cli_report(scored, tmp_path):
    from typer.testing import CliRunner

    from tonecheck.cli import app

    report, meta = scored
    folder = tmp_path / "scored"
    folder.mkdir()
    report.calls.to_csv(folder / "calls.csv", index=False)
    report.turns.to_csv(folder / "turns.csv", index=False)
    report.evidence.to_csv(folder / "evidence.csv", index=False)
    meta.to_csv(tmp_path / "meta.csv", index=False)
    runner = CliRunner()
    out = tmp_path / "out" / "report.html"
    result = runner.invoke(app, ["report", str(folder), "--html", str(out), "--metadata", str(tmp_path / "meta.csv"), "--redact"])
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output and "redacted" in result.output
    page = out.read_text(encoding="utf-8")
    assert 'id="agents"' in page and "A-999" in page
    assert CARD not in page and EMAIL not in page and PHONE not in page
    (tmp_path / "empty").mkdir()
    bad = runner.invoke(app, ["report", str(tmp_path / "empty"), "--html", str(tmp_path / "x.html")])
    assert bad.exit_code == 2 and "no calls table" in bad.output
    assert runner.invoke(app, ["report", str(folder)]).exit_code == 2  # --html is required
    help_text = runner.invoke(app, ["report", "--help"]).output
    assert "--redact" in help_text and "tonecheck report results/ --html report.html" in help_text
