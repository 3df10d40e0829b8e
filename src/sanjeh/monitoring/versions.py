"""The version of the reader whose output the monitoring data holds.

An article records the reader that produced its analysis and mentions, and an evaluation run records the
reader its media values came from, so a run can say which reading of the news it scored. The version is
the package's release plus `READER_REVISION`, raised whenever the reader's output changes between
releases (the reader lives in `sanjeh.news`, which stays free of the database and of this bookkeeping).
"""

from __future__ import annotations

from sanjeh import __version__

__all__ = ["READER_REVISION", "reader_version"]

#: Raised whenever what the reader writes changes (2: the tone model's confidence is kept per mention).
READER_REVISION = 2


def reader_version() -> str:
    """`0.1.0+r2`: the release and the reader revision (fits `Article.reader_version`, 32 characters)."""
    return f"{__version__}+r{READER_REVISION}"
