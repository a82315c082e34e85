"""Worker processes that prepare documents ahead of the one process that stores them.

Preparing is pure and CPU-bound; storing is SQLite's, one writer at a time. So workers
prepare the next documents while the writer stores the previous ones, and results come back
in the order the documents were handed out.

What is stored must not depend on timing. A later article may resolve a short reference
("Lavrov", "UNCLOS") through a name an earlier article taught the run, and a worker cannot
know the names of the articles still being stored. Each worker therefore keeps its own copy
of the run's names, updated as the writer learns them, and records which names a preparation
looked up; the writer takes a result only if none of those names changed since the copy the
worker used, and prepares the document again itself otherwise. Likewise each job carries the
chrome line shapes the writer knew of sources (briefings/repetition.py), and the writer
prepares again a document holding a line of a shape found since. An ingest with workers
stores exactly what a serial ingest stores.

Workers also read, decode and split the files they are handed (a page through trafilatura,
a feed through feedparser), so the writer does little more than SQL. A document whose
content hash the store already held when the run began is read but not prepared: the writer
finds it unchanged, or prepares it itself in the rare case it is not (its key holds other
text). A file that cannot be read comes back as the same rejected outcome a serial ingest
gives it; a worker that dies costs one rejected outcome, for the document or file it was
working on, and a new worker takes over the rest of its jobs.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.queues
import queue
import sys
import traceback
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import TracebackType

from briefings.ingest.documents import Outcome, RawDocument
from briefings.ingest.prepare import Prepared, content_hash, prepare_document
from briefings.ingest.sources import Location, documents
from briefings.model import EntityRef
from briefings.repetition import Chrome, source_of

log = logging.getLogger(__name__)
Known = dict[str, list[EntityRef]]
# How often an idle worker checks that the writer is still there (seconds).
_PARENT_CHECK = 1.0
_STOP_WAIT = 5.0
# What tells multiprocessing's spawn which main module a new process must import first.
_MAIN_MARKS = ("__spec__", "__file__")


@dataclass(frozen=True)
class Ahead:
    """A document a worker prepared, and what of the run's names its preparation used."""

    prepared: Prepared
    version: int
    consulted: frozenset[str]
    saw_empty: bool
    whole: bool
    chrome: Chrome = frozenset()


@dataclass(frozen=True)
class Failed:
    """A document whose preparation raised, or whose worker died; `detail` is for the log."""

    reason: str
    detail: str = ""


@dataclass(frozen=True)
class Read:
    """A document a worker read from a file; `ahead` is None when the store already held it."""

    raw: RawDocument
    content_hash: str
    ahead: Ahead | Failed | None


@dataclass(frozen=True)
class Opened:
    """Everything a worker found in one file, in order, as a serial ingest would find it."""

    documents: tuple[Read | Outcome, ...]


Result = Ahead | Failed | Opened


class ConsultedNames(Mapping[str, Sequence[EntityRef]]):
    """The run's names, noting every key looked up and whether emptiness or all was read."""

    def __init__(self, names: Mapping[str, Sequence[EntityRef]]) -> None:
        self._names = names
        self.keys_read: set[str] = set()
        self.saw_empty = False
        self.whole = False

    def __getitem__(self, key: str) -> Sequence[EntityRef]:
        # Recorded even when missing: a name learned later would have been found.
        self.keys_read.add(key)
        return self._names[key]

    def __iter__(self) -> Iterator[str]:
        self.whole = True
        return iter(self._names)

    def __len__(self) -> int:
        self.whole = True
        return len(self._names)

    def __bool__(self) -> bool:
        empty = not self._names
        self.saw_empty |= empty
        return not empty


# The chrome line shapes the writer knew of sources, when it handed out a job.
ChromeOf = Mapping[str, Chrome]


@dataclass(frozen=True)
class _Prepare:
    raw: RawDocument
    content_hash: str
    chrome: ChromeOf


@dataclass(frozen=True)
class _Open:
    location: Location
    chrome: ChromeOf


_Job = _Prepare | _Open


@dataclass(frozen=True)
class _Reading:
    """What a worker needs to read files as the writer would: the size cap, and the content
    hashes the store held when the run began (documents not worth preparing)."""

    max_bytes: int
    stored: frozenset[str]


@dataclass(frozen=True)
class _Learned:
    version: int
    names: dict[str, tuple[EntityRef, ...]]


@dataclass
class _Worker:
    process: BaseProcess
    inbox: multiprocessing.queues.Queue[_Job | _Learned | None]
    results: Connection
    jobs: deque[_Job] = field(default_factory=deque)


class Workers:
    """A fixed set of worker processes; `submit` documents or files, take `next_result` in order."""

    def __init__(
        self, count: int, names: Known, *, max_bytes: int, stored: frozenset[str] = frozenset()
    ) -> None:
        # Spawned, not forked: a fork would copy the writer's open SQLite connection.
        self._context = multiprocessing.get_context("spawn")
        # The writer's own table: kept current by the writer, announced through `learn`.
        self._names = names
        self._reading = _Reading(max_bytes, stored)
        self._version = 0
        self._changed_at: dict[str, int] = {}
        self._handed_out = 0
        self._order: deque[int] = deque()
        self._answered = 0
        self.broken = False
        self._workers = [self._start() for _ in range(count)]

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def count(self) -> int:
        return len(self._workers)

    def submit(self, raw: RawDocument, content_hash: str, chrome: ChromeOf) -> None:
        """Prepare a document the writer loaded itself; its result is an Ahead or Failed.
        `chrome` holds the chrome line shapes of sources (briefings/repetition.py)."""
        self._hand_out(_Prepare(raw, content_hash, chrome))

    def submit_file(self, location: Location, chrome: ChromeOf) -> None:
        """Read and prepare every document in a file; its result is an Opened or Failed."""
        self._hand_out(_Open(location, chrome))

    def _hand_out(self, job: _Job) -> None:
        index = self._handed_out % len(self._workers)
        self._handed_out += 1
        self._workers[index].jobs.append(job)
        self._workers[index].inbox.put(job)
        self._order.append(index)

    def next_result(self) -> Result | None:
        """The result for the oldest job submitted and not yet taken.

        None when the workers cannot start at all (no worker ever answered): the caller
        does the job itself, and `broken` tells it to stop submitting.
        """
        index = self._order.popleft()
        if self.broken:
            return None
        worker = self._workers[index]
        worker.jobs.popleft()
        received = _receive(worker.results, worker.process)
        if received is not None:
            self._answered += 1
            return received
        code = worker.process.exitcode
        if not self._answered:
            log.warning("worker processes stopped at start (exit code %s); preparing here", code)
            self.broken = True
            self.close()
            return None
        self._workers[index] = self._restart(worker)
        return Failed(f"could not be prepared: its worker process stopped (exit code {code})")

    def broadcast_names(self, keys: Iterable[str]) -> None:
        """Tell every worker the writer's current entries for these names."""
        changed = {key: tuple(self._names[key]) for key in keys}
        if not changed or self.broken:
            return
        self._version += 1
        self._changed_at.update(dict.fromkeys(changed, self._version))
        for worker in self._workers:
            worker.inbox.put(_Learned(self._version, changed))

    def is_current(self, ahead: Ahead) -> bool:
        """Whether the names `ahead` was prepared with are still the writer's names."""
        if ahead.saw_empty and self._names:
            return False
        if ahead.whole and self._version > ahead.version:
            return False
        return all(self._changed_at.get(key, 0) <= ahead.version for key in ahead.consulted)

    def close(self) -> None:
        stopping, self._workers = self._workers, []
        for worker in stopping:
            if worker.process.is_alive():
                worker.inbox.put(None)
        for worker in stopping:
            _stop(worker)

    def _start(self, jobs: Iterable[_Job] = ()) -> _Worker:
        inbox: multiprocessing.queues.Queue[_Job | _Learned | None] = self._context.Queue()
        results, sender = self._context.Pipe(duplex=False)
        process = self._context.Process(
            target=_serve,
            args=(inbox, sender, dict(self._names), self._version, self._reading),
            name="attache-prepare",
            daemon=True,
        )
        with _main_module_hidden():
            process.start()
        # Only the child holds the sending end now, so its death reads as end-of-file here.
        sender.close()
        worker = _Worker(process, inbox, results)
        for job in jobs:
            worker.jobs.append(job)
            inbox.put(job)
        return worker

    def _restart(self, dead: _Worker) -> _Worker:
        _stop(dead)
        return self._start(dead.jobs)


@contextmanager
def _main_module_hidden() -> Iterator[None]:
    """While a worker is spawned, the main module looks like an interactive session's.

    A spawned process imports its parent's main module before anything else: for `attache
    ingest` the whole bot (chat platforms, scheduler, renderers), for benchmarks/run.py the
    briefing code; 0.1-0.4 s of CPU in every worker for modules it never uses. What a worker
    runs and receives all lives in briefings/, so it needs none of them.
    """
    main = sys.modules["__main__"]
    saved = {name: main.__dict__[name] for name in _MAIN_MARKS if name in main.__dict__}
    main.__spec__ = None
    main.__dict__.pop("__file__", None)
    try:
        yield
    finally:
        for name in _MAIN_MARKS:
            main.__dict__.pop(name, None)
        main.__dict__.update(saved)


def _receive(results: Connection, process: BaseProcess) -> Result | None:
    """The worker's next result, or None if it died first."""
    wait([results, process.sentinel])
    if not results.poll():
        return None
    try:
        received: Result = results.recv()
    except (EOFError, OSError):
        return None
    return received


def _stop(worker: _Worker) -> None:
    worker.process.join(_STOP_WAIT)
    if worker.process.is_alive():
        worker.process.terminate()
        worker.process.join()
    worker.results.close()
    # Messages a dead worker never read must not keep this process waiting at exit.
    worker.inbox.cancel_join_thread()
    worker.inbox.close()


def _serve(
    inbox: multiprocessing.queues.Queue[_Job | _Learned | None],
    results: Connection,
    names: Known,
    version: int,
    reading: _Reading,
) -> None:
    """A worker's life: learn names, read and prepare documents, in the order they arrive."""
    while (message := _next_message(inbox)) is not None:
        if isinstance(message, _Learned):
            names.update((key, list(refs)) for key, refs in message.names.items())
            version = message.version
        elif isinstance(message, _Open):
            results.send(_open(message, names, version, reading))
        else:
            chrome = _chrome_of(message.raw, message.chrome)
            results.send(_prepare(message.raw, message.content_hash, names, version, chrome))


def _next_message(
    inbox: multiprocessing.queues.Queue[_Job | _Learned | None],
) -> _Job | _Learned | None:
    # A writer killed outright never says stop: an orphan notices and leaves.
    parent = multiprocessing.parent_process()
    while True:
        try:
            return inbox.get(timeout=_PARENT_CHECK)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                return None


def _open(job: _Open, names: Known, version: int, reading: _Reading) -> Opened | Failed:
    # No fetcher: the writer keeps the files that may need one (feeds) and every URL.
    try:
        found = [
            _read(item, names, version, reading, _chrome_of(item, job.chrome))
            if isinstance(item, RawDocument)
            else item
            for item in documents(job.location, fetcher=None, max_bytes=reading.max_bytes)
        ]
    except Exception as error:  # one unreadable file must not stop the batch
        return Failed(f"could not be read: {type(error).__name__}", traceback.format_exc())
    return Opened(tuple(found))


def _chrome_of(raw: RawDocument, chrome: ChromeOf) -> Chrome:
    return chrome.get(source_of(raw.url, raw.source), frozenset())


def _read(raw: RawDocument, names: Known, version: int, reading: _Reading, chrome: Chrome) -> Read:
    hashed = content_hash(raw)
    if hashed in reading.stored:
        return Read(raw, hashed, None)
    return Read(raw, hashed, _prepare(raw, hashed, names, version, chrome))


def _prepare(
    raw: RawDocument, hashed: str, names: Known, version: int, chrome: Chrome
) -> Ahead | Failed:
    consulted = ConsultedNames(names)
    try:
        prepared = prepare_document(raw, hashed, consulted, chrome)
    except Exception as error:  # one bad document must not stop the batch
        return Failed(f"could not be prepared: {type(error).__name__}", traceback.format_exc())
    return Ahead(
        prepared,
        version,
        frozenset(consulted.keys_read),
        consulted.saw_empty,
        consulted.whole,
        chrome,
    )
