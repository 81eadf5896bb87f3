"""Exceptions raised by tonecheck.

Every error that comes from bad input names the file (and, where it makes sense,
the line or entry) and says what is wrong in words a person can act on.
"""

from __future__ import annotations

from pathlib import Path


class TonecheckError(Exception):
    """Base class of every error tonecheck raises on purpose."""


class TranscriptError(TonecheckError, ValueError):
    """A transcript could not be read. ``str(err)`` is ``"<file>:<line>: <reason>"``.

    Attributes:
        path: the file (or a label such as ``"<string>"``) the transcript came from.
        line: 1-based line number where the problem is, when known.
        reason: what is wrong, without the location.
    """

    def __init__(self, reason: str, path: str | Path | None = None, line: int | None = None):
        self.reason = reason
        self.path = str(path) if path is not None else "<string>"
        self.line = line
        location = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{location}: {reason}")


class EmptyTranscriptError(TranscriptError):
    """The file is empty or holds only white space."""


class BinaryFileError(TranscriptError):
    """The file holds binary data (NUL bytes), not text."""


class EncodingError(TranscriptError):
    """The bytes are not valid UTF-8 (with or without BOM) or BOM-marked UTF-16."""


class NoSpeakerLabelsError(TranscriptError):
    """No line of the file starts with a ``Speaker:`` label."""


class MalformedTranscriptError(TranscriptError):
    """The file has the right kind but the wrong shape (bad JSON, missing CSV column, ...)."""


class TranscriptTooLargeError(TranscriptError):
    """The file or one of its turns is over the configured size limit."""


class UnknownFormatError(TranscriptError):
    """No reader recognises the file's format."""


class LexiconError(TonecheckError, ValueError):
    """A lexicon file is malformed. ``str(err)`` names the file, the entry and the problem."""

    def __init__(self, problem: str, file: str | Path, entry: str | None = None):
        self.problem = problem
        self.file = str(file)
        self.entry = entry
        where = self.file if entry is None else f"{self.file}: entry {entry}"
        super().__init__(f"{where}: {problem}")


class RunError(TonecheckError, ValueError):
    """:func:`tonecheck.score_to_folder` cannot run as asked; raised before any output is touched.

    Attributes:
        option: the argument at fault, spelled as the ``tonecheck score`` option that sets it
            (``"--resume"``, ``"--metadata"``, ``"--format"``, ...; ``"PATH"`` for the inputs).
        message: what is wrong (also ``str(err)``).
    """

    def __init__(self, message: str, option: str | None = None):
        self.message = message
        self.option = option
        super().__init__(message)


class NoInputsError(RunError):
    """No transcript file was found under the given paths (``tonecheck score`` exits 3)."""


class SchedulerUnreachableError(RunError):
    """The Dask scheduler given as ``dask_scheduler`` did not answer."""
