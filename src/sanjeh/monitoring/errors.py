"""Errors of the monitoring app."""

from sanjeh.errors import SanjehError


class MonitoringError(SanjehError):
    """A monitoring request is invalid (names the value and what is allowed)."""
