"""A surface is where people talk to Attaché: Slack, Discord, or the terminal."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
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
