"""Errors of the article reader."""

from sanjeh.errors import SanjehError


class NewsError(SanjehError):
    """An article could not be read (names the input and what was expected)."""
