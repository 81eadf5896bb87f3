"""tonecheck: score debt-collection call transcripts for the collector's tone, with evidence.

>>> import tonecheck
>>> result = tonecheck.score("Agent: I'm sorry to hear that. What would work for you?\\nCustomer: Maybe 50 a month.", pipeline="fast")
>>> result.scores["open_question_count"]
1

Public API:

- :func:`load` builds the spaCy pipeline (``"accurate"`` or ``"fast"``).
- :func:`score` scores one call; :func:`score_many` scores many into a :class:`Report`
  with ``calls``, ``turns``, ``evidence`` and ``errors`` DataFrames.
- :func:`score_to_folder` does what ``tonecheck score --out DIR`` does: the tables, ``manifest.json``,
  ``resume``, metadata, rule packs, redaction; it returns a :class:`RunSummary`.
- :func:`read_transcript` / :func:`read_transcripts` read files; :class:`Transcript` and
  :class:`Turn` are the data model.
- :func:`load_lexicon` loads the lexicons; :func:`extract_df` turns processed Docs into evidence rows.
"""

from typing import TYPE_CHECKING

from ._version import __version__

# The public API is imported lazily (PEP 562), so `import tonecheck` and the CLI's
# --help stay fast; spaCy and pandas load on first use.
_EXPORTS = {
    "checks": ["CHECK_COLUMNS", "CHECK_CALL_COLUMNS", "load_packs", "run_checks"],
    "errors": [
        "BinaryFileError", "EmptyTranscriptError", "EncodingError", "LexiconError", "MalformedTranscriptError",
        "NoInputsError", "NoSpeakerLabelsError", "RunError", "SchedulerUnreachableError", "TonecheckError",
        "TranscriptError", "TranscriptTooLargeError", "UnknownFormatError",
    ],
    "frames": ["CALL_COLUMNS", "ERROR_COLUMNS", "EVIDENCE_COLUMNS", "FILE_COLUMNS", "TURN_COLUMNS", "Report", "extract_df"],
    "lexicon": ["Lexicon", "LexiconEntry", "check_lexicon_file", "load_lexicon"],
    "pipeline": ["load", "pipeline_info"],
    "readers": ["ReadOptions", "parse_text", "read_transcript", "read_transcripts"],
    "run": ["RunSummary", "score_to_folder"],
    "scoring": ["CallResult", "FailedInput", "ScoreWeights", "iter_results", "score", "score_many"],
    "transcript": ["DEFAULT_ROLE_MAP", "Transcript", "Turn", "role_for"],
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'tonecheck' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + list(_WHERE))


if TYPE_CHECKING:  # for type checkers and IDEs
    from .checks import CHECK_CALL_COLUMNS, CHECK_COLUMNS, load_packs, run_checks
    from .errors import (
        BinaryFileError, EmptyTranscriptError, EncodingError, LexiconError, MalformedTranscriptError,
        NoInputsError, NoSpeakerLabelsError, RunError, SchedulerUnreachableError, TonecheckError,
        TranscriptError, TranscriptTooLargeError, UnknownFormatError,
    )
    from .frames import CALL_COLUMNS, ERROR_COLUMNS, EVIDENCE_COLUMNS, FILE_COLUMNS, TURN_COLUMNS, Report, extract_df
    from .lexicon import Lexicon, LexiconEntry, check_lexicon_file, load_lexicon
    from .pipeline import load, pipeline_info
    from .readers import ReadOptions, parse_text, read_transcript, read_transcripts
    from .run import RunSummary, score_to_folder
    from .scoring import CallResult, FailedInput, ScoreWeights, iter_results, score, score_many
    from .transcript import DEFAULT_ROLE_MAP, Transcript, Turn, role_for

__all__ = [
    "__version__",
    "load",
    "pipeline_info",
    "score",
    "score_many",
    "iter_results",
    "score_to_folder",
    "RunSummary",
    "CallResult",
    "FailedInput",
    "Report",
    "ScoreWeights",
    "extract_df",
    "CALL_COLUMNS",
    "TURN_COLUMNS",
    "EVIDENCE_COLUMNS",
    "ERROR_COLUMNS",
    "FILE_COLUMNS",
    "Transcript",
    "Turn",
    "DEFAULT_ROLE_MAP",
    "role_for",
    "ReadOptions",
    "read_transcript",
    "read_transcripts",
    "parse_text",
    "Lexicon",
    "LexiconEntry",
    "load_lexicon",
    "check_lexicon_file",
    "TonecheckError",
    "TranscriptError",
    "EmptyTranscriptError",
    "BinaryFileError",
    "EncodingError",
    "NoSpeakerLabelsError",
    "MalformedTranscriptError",
    "TranscriptTooLargeError",
    "UnknownFormatError",
    "LexiconError",
    "RunError",
    "NoInputsError",
    "SchedulerUnreachableError",
    "CHECK_COLUMNS",
    "CHECK_CALL_COLUMNS",
    "load_packs",
    "run_checks",
]
