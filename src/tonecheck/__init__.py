"""tonecheck: score collection-call transcripts for the collector's tone."""
from ._version import __version__
