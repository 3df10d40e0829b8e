"""Errors of the ingestion core."""

from sanjeh.errors import SanjehError


class IngestError(SanjehError):
    """A source cannot be opened at all (names the source and what was expected)."""
