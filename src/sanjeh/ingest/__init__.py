"""sanjeh.ingest: read sources into raw items, store them by content, cluster syndicated copies.

Pure Python, no Django: the monitoring app persists what these functions return.
"""

from sanjeh.ingest.errors import IngestError
from sanjeh.ingest.rawstore import RawStore
from sanjeh.ingest.sources import SourceRegistry, default_registry
from sanjeh.ingest.storable import storable, storable_text
from sanjeh.ingest.syndication import SyndicationIndex, signature
from sanjeh.ingest.types import FeedState, RawItem, SizeLimits, SourceFailure

__all__ = [
    "FeedState",
    "IngestError",
    "RawItem",
    "RawStore",
    "SizeLimits",
    "SourceFailure",
    "SourceRegistry",
    "SyndicationIndex",
    "default_registry",
    "signature",
    "storable",
    "storable_text",
]
