"""A local stand-in for Discord's HTTP API on 127.0.0.1, recording every call discord.py makes.

It answers the routes Attaché's client uses (login, application info, command sync,
interaction callbacks, follow-ups, channel messages and their history, typing) with payloads
shaped like Discord's, so discord.py's models parse them as they would the real thing. A
message sent with `enforce_nonce` and a nonce already used answers the first message, as
Discord does; `throttle(path_start, n)` makes the next `n` matching calls answer 429.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

API_PREFIX = "/api/v10"
APPLICATION_ID = "1100000000000000001"
BOT_USER = {
    "id": APPLICATION_ID,
    "username": "attache",
    "discriminator": "0",
    "global_name": "Attaché",
    "avatar": None,
    "bot": True,
}
OWNER = {"id": "1100000000000000009", "username": "owner", "discriminator": "0", "avatar": None}


@dataclass(frozen=True)
class Call:
    """One request discord.py made: the path is relative to /api/v10."""

    method: str
    path: str
    body: Any


@dataclass
class DiscordAPI:
    """The stand-in server; `calls` lists requests in the order they arrived."""

    calls: list[Call] = field(default_factory=list)
    base: str = ""
    _runner: web.AppRunner | None = None
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1200000000000000001))
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    throttled: dict[str, int] = field(default_factory=dict)
    retry_after: float = 0.5
    # Channels where the bot lacks Read Message History: reading them answers 403.
    unreadable: set[str] = field(default_factory=set)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base = f"http://127.0.0.1:{port}{API_PREFIX}"

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def to(self, method: str, path_start: str) -> list[Call]:
        """The calls with this method whose path starts with `path_start`."""
        return [c for c in self.calls if c.method == method and c.path.startswith(path_start)]

    def throttle(self, path_start: str, times: int = 1) -> None:
        self.throttled[path_start] = times

    def messages_in(self, channel_id: str) -> list[dict[str, Any]]:
        """The messages in a channel, oldest first."""
        return self.history.get(channel_id, [])

    async def wait_for(self, done: Callable[[], bool], timeout: float = 10) -> None:
        """Wait until `done()` holds, checking after every call that arrives."""
        async with asyncio.timeout(timeout):
            while not done():
                self._arrived.clear()
                await self._arrived.wait()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.json() if request.can_read_body else None
        path = request.path.removeprefix(API_PREFIX)
        self.calls.append(Call(request.method, path, body))
        self._arrived.set()
        if (limited := self._limited(path)) is not None:
            return limited
        return self._answer(request.method, path, body)

    def _limited(self, path: str) -> web.StreamResponse | None:
        for start, times in self.throttled.items():
            if times and path.startswith(start):
                self.throttled[start] = times - 1
                # discord.py treats a 429 without Via as a Cloudflare ban.
                body = {"message": "You are being rate limited.", "retry_after": self.retry_after}
                response = _json(body | {"global": False}, status=429)
                response.headers["Via"] = "1.1 google"
                return response
        return None

    def _answer(self, method: str, path: str, body: Any) -> web.StreamResponse:
        parts = path.strip("/").split("/")
        if path == "/users/@me":
            return _json(BOT_USER)
        if path == "/oauth2/applications/@me":
            return _json(_application())
        if method == "PUT" and parts[0] == "applications":
            return _json([self._command(c) for c in body])
        if parts[0] == "interactions" and parts[-1] == "callback":
            return self._callback(parts[1], body)
        if method == "GET" and parts[0] == "channels" and parts[1] in self.unreadable:
            return _json({"message": "Missing Access", "code": 50001}, status=403)
        if method == "GET" and parts[0] == "channels" and parts[-1] == "messages":
            # Discord does not return nonces when reading history.
            posted = self.history.get(parts[1], [])
            return _json([{k: v for k, v in m.items() if k != "nonce"} for m in reversed(posted)])
        if parts[0] == "channels" and parts[-1] == "messages":
            return _json(self._channel_message(parts[1], body))
        if parts[0] == "webhooks":
            return _json(self._message("", body))
        if parts[0] == "channels" and parts[-1] == "typing":
            return web.Response(status=204)
        return _json({"message": "Unknown route", "code": 0}, status=404)

    def _callback(self, interaction_id: str, body: Any) -> web.StreamResponse:
        if body["type"] == 8:  # autocomplete results carry no message
            return web.Response(status=204)
        loading = body["type"] == 5
        return _json(
            {
                "interaction": {
                    "id": interaction_id,
                    "type": 2,
                    "response_message_loading": loading,
                    "response_message_ephemeral": bool(body.get("data", {}).get("flags", 0) & 64),
                }
            }
        )

    def _command(self, payload: dict[str, Any]) -> dict[str, Any]:
        command = {"id": str(next(self._ids)), "application_id": APPLICATION_ID, "version": "1"}
        return {"options": [], "default_member_permissions": None, **payload, **command}

    def _channel_message(self, channel_id: str, body: Any) -> dict[str, Any]:
        posted = self.history.setdefault(channel_id, [])
        nonce = body.get("nonce")
        if body.get("enforce_nonce") and nonce is not None:
            earlier = next((m for m in posted if m.get("nonce") == nonce), None)
            if earlier is not None:
                return earlier
        message = self._message(channel_id, body) | {"nonce": nonce}
        posted.append(message)
        return message

    def _message(self, channel_id: str, body: Any) -> dict[str, Any]:
        return {
            "id": str(next(self._ids)),
            "channel_id": channel_id or "1300000000000000001",
            "type": 0,
            "content": body.get("content") or "",
            "author": BOT_USER,
            "embeds": body.get("embeds") or [],
            "attachments": [],
            "mentions": [],
            "mention_roles": [],
            "mention_everyone": False,
            "pinned": False,
            "tts": False,
            "flags": body.get("flags", 0),
            "timestamp": "2024-05-01T12:00:00.000000+00:00",
            "edited_timestamp": None,
        }


def _json(data: Any, status: int = 200) -> web.Response:
    # discord.py decodes a body only when the content type is exactly application/json.
    body = json.dumps(data).encode()
    return web.Response(body=body, status=status, headers={"Content-Type": "application/json"})


def _application() -> dict[str, Any]:
    return {
        "id": APPLICATION_ID,
        "name": "Attaché",
        "description": "A diplomatic briefing bot.",
        "icon": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": OWNER,
        "verify_key": "0" * 64,
        "flags": 0,
    }
