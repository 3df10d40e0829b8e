"""Read partitions of raw items on a Dask distributed cluster: a `LocalCluster`, or one already running.

Re-reading years of archive after a reader upgrade is the one job that outgrows a machine. The archive
is cut into partitions by the caller; each partition travels to a Dask worker with its raw bytes (so
workers need no access to this machine's raw store), is read there by the same `ItemPreparer` as
ingest, and comes back as `Prepared` rows, in partition order, for the single writer. At most
`ahead × workers` partitions are in flight, so the caller's memory stays bounded whatever the archive.

A worker builds its preparer (reader lexicons, agency automaton, tone model) once per registry and
model, not per partition: the first partition pays for it, the others find it in `_PREPARERS`.
Dask's scheduler, not this module, decides where partitions run and re-runs them if a worker dies.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from types import TracebackType
from typing import Any

from sanjeh.ingest.errors import IngestError
from sanjeh.ingest.reading import ItemPreparer, Prepared
from sanjeh.ingest.types import RawItem
from sanjeh.news.attribution import AgencyRef

#: A partition as it travels: its key (the caller's id for it) and its raw items, or what was read.
PartitionIn = tuple[int, list[RawItem]]
PartitionOut = tuple[int, list[Prepared]]

# Per worker process: preparers by the fingerprint of (registry, tone model). Never set in the client.
_PREPARERS: dict[str, ItemPreparer] = {}


def _fingerprint(agencies: Sequence[AgencyRef] | None, tone_model: str | None) -> str:
    payload = json.dumps(
        [None if agencies is None else [asdict(a) for a in agencies], tone_model],
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _preparer(key: str, agencies: Sequence[AgencyRef] | None, tone_model: str | None) -> ItemPreparer:
    if key not in _PREPARERS:
        model_path: Path | None = None
        if tone_model is not None:  # the worker may be on another machine: the model travels as text
            handle, name = tempfile.mkstemp(prefix="sanjeh-tone-", suffix=".json")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(tone_model)
            model_path = Path(name)
        _PREPARERS.clear()  # one registry at a time: an old one is never used again
        _PREPARERS[key] = ItemPreparer(agencies, None, tone_model=model_path)
    return _PREPARERS[key]


def prepare_partition(
    key: str, agencies: Sequence[AgencyRef] | None, tone_model: str | None, items: list[RawItem]
) -> list[Prepared]:
    """What a Dask worker runs for one partition (module-level, so it pickles by reference)."""
    return _preparer(key, agencies, tone_model).prepare_many(items)


class ClusterPreparer:
    """`map(partitions)` → `(key, [Prepared])` in partition order, read on a Dask cluster.

    `scheduler`: the address of a running scheduler (`tcp://host:8786`, started with `dask scheduler`
    and `dask worker`); None starts a `LocalCluster` of `workers` single-threaded processes (the reader
    is pure Python: threads would share one interpreter lock) and stops it on exit.
    """

    def __init__(
        self,
        *,
        agencies: Sequence[AgencyRef] | None,
        tone_model: Path | None = None,
        scheduler: str | None = None,
        workers: int = 2,
        ahead: int = 2,
    ) -> None:
        if scheduler is None and workers < 1:
            raise IngestError(f"workers must be at least 1, got {workers}")
        self._scheduler, self._workers, self._ahead = scheduler, workers, ahead
        model_text = tone_model.read_text(encoding="utf-8") if tone_model is not None else None
        self._args = (_fingerprint(agencies, model_text), agencies, model_text)
        self._client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> ClusterPreparer:
        from distributed import Client, LocalCluster

        try:
            if self._scheduler is None:
                self._cluster = LocalCluster(
                    n_workers=self._workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=40,  # logging.ERROR: the progress bar is the user's view
                )
                self._client = Client(self._cluster)
            else:
                self._client = Client(self._scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            self.__exit__(None, None, None)
            where = self._scheduler or "a local cluster"
            raise IngestError(f"cannot reach the Dask scheduler at {where}: {exc}") from exc
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    @property
    def worker_count(self) -> int:
        if self._client is None:
            raise IngestError("ClusterPreparer used outside its `with` block")
        return max(1, len(self._client.scheduler_info(n_workers=-1).get("workers", {})))

    def map(self, partitions: Iterable[PartitionIn]) -> Iterator[PartitionOut]:
        if self._client is None:
            raise IngestError("ClusterPreparer.map called outside its `with` block")
        # The registry and the model go to the workers once, not with every partition.
        key, agencies, model = self._args
        shared = self._client.scatter([agencies, model], broadcast=True)
        limit = self.worker_count * self._ahead
        pending: deque[tuple[int, Any]] = deque()
        for part, items in partitions:
            future = self._client.submit(prepare_partition, key, shared[0], shared[1], items, pure=False)
            pending.append((part, future))
            while len(pending) >= limit:
                done, fut = pending.popleft()
                yield done, fut.result()
        while pending:
            done, fut = pending.popleft()
            yield done, fut.result()
