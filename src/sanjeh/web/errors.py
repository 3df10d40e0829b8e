"""Errors of the web layer's services."""

from sanjeh.errors import SanjehError


class WebError(SanjehError):
    """A user or web request cannot be served as asked (names the value and what is allowed)."""
