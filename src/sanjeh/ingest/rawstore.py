"""Content-addressed, compressed storage of raw items, so articles can be re-read when the reader improves.

Layout: `ROOT/ab/cd/abcdef….zz` (zlib level 6). Writes go to a temporary file and are renamed into
place, so a kill -9 never leaves a half-written blob under its final name; identical bytes are stored once.
Against power loss each blob is fsynced before `put` returns; bulk writers pass `sync=False` and call
`flush()` once per batch instead (one sync(2) instead of an fsync per file: on ext4 each fsync waits for
a journal commit, ~5 ms, which was more than half of an ingest worker's time per article).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zlib
from pathlib import Path

from sanjeh.ingest.errors import IngestError


class RawStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, digest: str) -> Path:
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise IngestError(f"{digest!r} is not a SHA-256 hex digest")
        return self.root / digest[:2] / digest[2:4] / f"{digest}.zz"

    def put(self, data: bytes, *, sync: bool = True) -> str:
        """Store `data` (once) and return its SHA-256 digest; durable on return unless `sync` is False."""
        digest = hashlib.sha256(data).hexdigest()
        path = self.path_for(digest)
        if path.exists():
            return digest
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(zlib.compress(data, 6))
                handle.flush()
                if sync:
                    os.fsync(handle.fileno())
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    def flush(self) -> None:
        """Make every blob written with `sync=False` durable (sync(2) waits for the writes on Linux)."""
        os.sync()

    def get(self, digest: str) -> bytes:
        path = self.path_for(digest)
        try:
            data = zlib.decompress(path.read_bytes())
        except FileNotFoundError:
            raise IngestError(f"raw item {digest} is not in the store at {self.root}") from None
        except zlib.error as exc:
            raise IngestError(f"raw item {digest} at {path} is corrupt ({exc})") from None
        if hashlib.sha256(data).hexdigest() != digest:
            raise IngestError(f"raw item {digest} at {path} does not match its digest")
        return data

    def __contains__(self, digest: str) -> bool:
        return self.path_for(digest).exists()
