"""A surface is where people talk to Attaché: Slack, Discord, or the terminal."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol

import aiohttp

from bot import messages
from store import AttacheError

log = logging.getLogger(__name__)


class Surface(Protocol):
    """A chat platform adapter: runs until cancelled, answering through the router."""

    name: str

    async def run(self) -> None: ...


async def serve(surfaces: Sequence[Surface]) -> None:
    """Run every configured surface in one process until one fails or all are cancelled.

    A surface that cannot start stops the process with its one-line reason (an
    AttacheError), not with a group of tracebacks.
    """
    try:
        async with asyncio.TaskGroup() as group:
            for surface in surfaces:
                log.info("starting %s", surface.name)
                group.create_task(_supervised(surface), name=surface.name)
    except* AttacheError as failed:
        raise _first(failed) from None


async def _supervised(surface: Surface) -> None:
    try:
        await surface.run()
    except (OSError, aiohttp.ClientError) as error:
        log.exception("%s: connection failed", surface.name)
        raise AttacheError(
            messages.CANNOT_CONNECT.format(name=surface.name, error=error)
        ) from error


def _first(group: BaseExceptionGroup[AttacheError]) -> AttacheError:
    leaf: BaseException = group
    while isinstance(leaf, BaseExceptionGroup):
        leaf = leaf.exceptions[0]
    assert isinstance(leaf, AttacheError)
    return leaf


@contextmanager
def in_background(surface: Surface) -> Iterator[None]:
    """Run `surface` on its own event loop in a thread while the block runs, then cancel it.

    For the scheduler beside the terminal console, which reads stdin synchronously.
    """
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=_run_on, args=(loop, surface), name=surface.name, daemon=True)
    thread.start()
    try:
        yield
    finally:
        loop.call_soon_threadsafe(_cancel_all, loop)
        thread.join(timeout=10)


def _run_on(loop: asyncio.AbstractEventLoop, surface: Surface) -> None:
    asyncio.set_event_loop(loop)
    task = loop.create_task(surface.run())
    try:
        loop.run_until_complete(task)
    except asyncio.CancelledError:
        pass
    except Exception:
        log.exception("%s stopped", surface.name)
    finally:
        loop.close()


def _cancel_all(loop: asyncio.AbstractEventLoop) -> None:
    for task in asyncio.all_tasks(loop):
        task.cancel()
