"""The one base error of sanjeh; each core derives its own type from it."""


class SanjehError(Exception):
    """Base of every error sanjeh raises on purpose; the CLI prints its message in one line."""
