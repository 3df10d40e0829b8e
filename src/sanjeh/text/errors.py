"""Errors of the Persian text engine."""

from sanjeh.errors import SanjehError


class TextError(SanjehError):
    """Input text could not be decoded or normalized (names the input and what was expected)."""
