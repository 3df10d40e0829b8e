"""Fan items out to N reader processes and get them back in input order, with bounded memory.

`ProcessPoolExecutor.map` submits its whole input at once (100,000 raw items held in memory) and
`Pool.imap` queues it without bound; here at most `workers × ahead` chunks are in flight, so the
writer keeps committing while every worker has the next chunk ready. Each worker builds its
`ItemPreparer` (reader lexicons, agency automaton) once, in the pool initializer, not per item.
Results come back in input order, so clustering and IDs do not depend on the number of workers.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from multiprocessing.context import BaseContext
from pathlib import Path
from types import TracebackType

from sanjeh.ingest.errors import IngestError
from sanjeh.ingest.reading import ItemPreparer, Prepared
from sanjeh.ingest.types import RawItem
from sanjeh.news.attribution import AgencyRef

logger = logging.getLogger(__name__)

# The one piece of per-process state: a worker's preparer, set by the pool initializer. It lives only
# in worker processes (the parent never sets it) and is built from the initializer's arguments.
_worker_preparer: ItemPreparer | None = None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exit_with_writer(writer: int, interval: float = 1.0) -> None:
    """Leave when the ingest process is gone: after a kill -9 its workers would otherwise wait forever on
    the task queue, holding memory (the executor only stops workers it shuts down). The writer is
    watched by its process ID, not as the parent: workers are children of the fork server, which in
    turn stays up as long as any worker holds its liveness pipe."""
    while _alive(writer):
        time.sleep(interval)
    os._exit(1)


def _init_worker(
    agencies: Sequence[AgencyRef] | None, store_root: Path | None, writer: int, tone_model: Path | None = None
) -> None:
    global _worker_preparer
    threading.Thread(target=_exit_with_writer, args=(writer,), daemon=True, name="writer-watch").start()
    _worker_preparer = ItemPreparer(agencies, store_root, tone_model=tone_model)


def _context() -> BaseContext:
    """A fork server where there is one: workers then start from a small clean process instead of a
    copy of the writer, whose syndication index and Django state they do not need (a forked copy
    would count that memory once more per worker in the tree's RSS, and share its DB connection)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["sanjeh.ingest.workers"])
        return context
    return multiprocessing.get_context("spawn")


def _prepare_chunk(items: list[RawItem]) -> list[Prepared]:
    if _worker_preparer is None:
        raise IngestError("a reader worker ran before its initializer (use PreparePool)")
    return _worker_preparer.prepare_many(items)


def chunks(iterable: Iterable[RawItem], size: int) -> Iterator[list[RawItem]]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


class PreparePool:
    """`map(items)` → `Prepared` in input order; in-process when `workers` is 1.

    `chunk` items travel per task (large enough that pickling and queueing stay small next to reading,
    small enough that the writer is never idle long); `ahead` chunks per worker are kept queued.
    """

    def __init__(
        self,
        *,
        agencies: Sequence[AgencyRef] | None,
        store_root: Path | None,
        workers: int = 1,
        chunk: int = 24,
        ahead: int = 3,
        tone_model: Path | None = None,
    ) -> None:
        if workers < 1:
            raise IngestError(f"workers must be at least 1, got {workers}")
        self.workers, self.chunk, self.ahead = workers, chunk, ahead
        self._agencies, self._store_root, self._tone_model = agencies, store_root, tone_model
        self._executor: ProcessPoolExecutor | None = None
        self._local: ItemPreparer | None = None

    def __enter__(self) -> PreparePool:
        if self.workers > 1:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=_context(),
                initializer=_init_worker,
                initargs=(self._agencies, self._store_root, os.getpid(), self._tone_model),
            )
        else:
            self._local = ItemPreparer(self._agencies, self._store_root, tone_model=self._tone_model)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def map(self, items: Iterable[RawItem]) -> Iterator[Prepared]:
        if self._local is not None:
            for chunk in chunks(items, self.chunk):
                yield from self._local.prepare_many(chunk)
            return
        if self._executor is None:
            raise IngestError("PreparePool.map called outside its `with` block")
        pending: deque[Future[list[Prepared]]] = deque()
        for chunk in chunks(items, self.chunk):
            pending.append(self._executor.submit(_prepare_chunk, chunk))
            while len(pending) >= self.workers * self.ahead:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
