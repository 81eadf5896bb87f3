"""The wheel ships the lexicons and works from any directory (resources via importlib.resources)."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_scores_from_another_directory(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("tonecheck-*.whl"))
    env_dir = tmp_path / "venv"
    # system site-packages provide spaCy & co.; the wheel's tonecheck shadows the editable checkout
    venv.create(env_dir, system_site_packages=True, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([py, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "call.txt").write_text(
        "Agent: I'm so sorry to hear that. What would work for you?\nCustomer: Maybe fifty a month.\n", encoding="utf-8"
    )
    code = (
        "import tonecheck, importlib.resources as r\n"
        "assert 'venv' in tonecheck.__file__, tonecheck.__file__\n"
        "print(r.files('tonecheck').joinpath('lexicons', 'manifest.yml').is_file())\n"
        "s = tonecheck.score('call.txt', pipeline='fast').scores\n"
        "print(s['empathy_count'], s['open_question_count'], s['lexicon_version'])\n"
    )
    out = subprocess.run([py, "-c", code], cwd=elsewhere, capture_output=True, text=True, check=True)
    lines = out.stdout.strip().splitlines()
    assert lines[0] == "True"
    empathy, open_q, version = lines[1].split()
    assert int(empathy) >= 1 and int(open_q) == 1 and version.startswith("20")
