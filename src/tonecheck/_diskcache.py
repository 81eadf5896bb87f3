"""A small on-disk cache of what tonecheck builds from its lexicons, so a fresh process does not build it again.

Two kinds of entry: ``lexicon``, the parsed and validated lexicons (parsing the shipped files takes about 0.2 s
of a fresh ``tonecheck.load()``; reading the pickle back under 0.01 s), and ``phrases``, the token norms of every
phrase variant the lexicon matcher looks for (tokenizing them takes another 0.25-0.3 s;
:func:`tonecheck.components._phrase_keywords`). A ``lexicon`` entry is keyed by a SHA-256 of everything that
decides it: the text and name of every lexicon file, the source of the module that parses them, and the
versions of tonecheck, spaCy (its Matcher validates patterns) and Python; a ``phrases`` entry extends that key
with the matcher's code, the tokenizer's rules and the vocabulary's norm lookups. Any change to any of them is
a new key, so the cache never answers for text it did not see.

The cache is only ever a shortcut: a missing, unreadable, unwritable or corrupt cache is ignored and the files
are parsed as if it were not there; a file with a problem is never cached (its error is raised again on every
load). Entries are written atomically (a temporary file, then :func:`os.replace`), so two processes loading at
once cannot leave a half-written entry, and only the newest :data:`KEEP` entries of each kind are kept.

Where: ``$TONECHECK_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/tonecheck``, else ``~/.cache/tonecheck``.
``TONECHECK_CACHE_DIR=off`` (or an empty value) turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

#: How many cached lexicons are kept (one per distinct set of files: shipped, shipped + a team's file, ...).
KEEP = 8
_OFF = {"", "off", "0", "false", "no", "none"}


def code_digest(module_file: str) -> bytes:
    """SHA-256 of a module's source, for a key that must change when the code building the cached value does (the
    file itself, not a resource: empty when the module is not a plain file, e.g. inside a zip)."""
    path = Path(module_file)
    return hashlib.sha256(path.read_bytes() if path.is_file() else b"").digest()


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when the cache is turned off."""
    configured = os.environ.get("TONECHECK_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in _OFF else Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tonecheck"


def _path(kind: str, key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{kind}-{key}.pickle"


def get(kind: str, key: str, expected: type) -> Any | None:
    """The cached object of ``kind`` under ``key`` if there is one of type ``expected``; else ``None``."""
    path = _path(kind, key)
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)  # noqa: S301 - our own cache folder, written by put()
    except Exception:  # noqa: BLE001 - missing, unreadable or corrupt: parse the files instead
        return None
    if not isinstance(value, expected):
        return None
    try:
        os.utime(path)  # recently used: kept by _prune
    except OSError:
        pass
    return value


def put(kind: str, key: str, value: Any) -> None:
    """Store ``value`` under ``key``, atomically; failures are ignored (the cache is only a shortcut)."""
    path = _path(kind, key)
    if path is None:
        return
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        _prune(path.parent, kind)
    except Exception:  # noqa: BLE001 - a read-only home, a full disk, an object that cannot be pickled
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _prune(folder: Path, kind: str) -> None:
    entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
