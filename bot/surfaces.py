"""A surface is where people talk to Attaché: Slack, Discord, or the terminal."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Protocol

log = logging.getLogger(__name__)


class Surface(Protocol):
    """A chat platform adapter: runs until cancelled, answering through the router."""

    name: str

    async def run(self) -> None: ...


async def serve(surfaces: Sequence[Surface]) -> None:
    """Run every configured surface in one process until one fails or all are cancelled."""
    async with asyncio.TaskGroup() as group:
        for surface in surfaces:
            log.info("starting %s", surface.name)
            group.create_task(surface.run(), name=surface.name)
