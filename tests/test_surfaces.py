"""Starting the platforms: a surface that cannot start stops `attache run` with one line."""

from __future__ import annotations

import asyncio

import pytest

from bot.surfaces import serve
from store import AttacheError


class Failing:
    def __init__(self, name: str, error: BaseException) -> None:
        self.name = name
        self.error = error

    async def run(self) -> None:
        await asyncio.sleep(0)
        raise self.error


class Serving:
    name = "forever"

    def __init__(self) -> None:
        self.cancelled = False

    async def run(self) -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            self.cancelled = True
            raise


def test_a_surface_missing_its_token_stops_everything_with_its_reason() -> None:
    other = Serving()

    with pytest.raises(AttacheError, match=r"^Slack needs a token$"):
        asyncio.run(serve([Failing("slack", AttacheError("Slack needs a token")), other]))

    assert other.cancelled


def test_an_unreachable_platform_is_one_line_not_a_traceback() -> None:
    with pytest.raises(AttacheError) as raised:
        asyncio.run(serve([Failing("discord", OSError("Name or service not known"))]))

    assert (
        "discord: cannot connect (Name or service not known). Check the network and the token."
        == str(raised.value)
    )
