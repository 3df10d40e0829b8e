from pathlib import Path

import pytest

from sanjeh.ingest.errors import IngestError
from sanjeh.ingest.rawstore import RawStore


def test_put_get_round_trip_and_dedup(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    data = "روابط‌عمومی مخابرات".encode()
    digest = store.put(data)
    assert store.put(data) == digest
    assert store.get(digest) == data
    assert digest in store
    assert len(list(tmp_path.rglob("*.zz"))) == 1
    assert not list(tmp_path.rglob(".tmp-*"))


def test_corrupt_blob_is_reported(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    digest = store.put(b"abc")
    store.path_for(digest).write_bytes(b"not zlib")
    with pytest.raises(IngestError, match="corrupt"):
        store.get(digest)


def test_missing_and_bad_digest(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    with pytest.raises(IngestError, match="not in the store"):
        store.get("0" * 64)
    with pytest.raises(IngestError, match="not a SHA-256"):
        store.get("../../etc/passwd")


def test_unsynced_puts_are_whole_and_flush_makes_them_durable(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    digests = [store.put(f"خبر {n}".encode(), sync=False) for n in range(3)]
    store.flush()
    assert [store.get(d) for d in digests] == [f"خبر {n}".encode() for n in range(3)]
    assert not list(tmp_path.rglob(".tmp-*"))
