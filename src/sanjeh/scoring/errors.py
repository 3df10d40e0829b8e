"""Errors of the scoring core."""

from sanjeh.errors import SanjehError


class ScoringError(SanjehError):
    """A decision matrix, framework or weight set is invalid (names the field and what is allowed)."""
