"""A local stand-in for Slack's Socket Mode WebSocket, on aiohttp's WebSocket server.

The Web API stand-in's `apps.connections.open` hands out this server's ws:// URL. On each
connection it sends `hello`, as Slack does; `send` pushes an envelope (slash_commands,
events_api, ...) to the connected app, and `acked` waits for the app's acknowledgement of an
envelope id, which carries the response payload when the envelope accepts one.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import WSMsgType, web

HELLO = {
    "type": "hello",
    "num_connections": 1,
    "debug_info": {"host": "applink-test", "approximate_connection_time": 18060},
    "connection_info": {"app_id": "A0ATTACHE1"},
}
# How long to wait for the app before the test fails: generous on a busy 2-core machine.
PATIENCE = 30.0

Envelope = dict[str, Any]


class SocketModeServer:
    def __init__(self) -> None:
        self.acks: dict[str, list[Envelope]] = {}
        self._socket: web.WebSocketResponse | None = None
        self._connected = asyncio.Event()
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/link", self._serve)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"ws://127.0.0.1:{port}/link"
        return self.url

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _serve(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_json(HELLO)
        self._socket = socket
        self._connected.set()
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                await self._record(json.loads(message.data))
        return socket

    async def _record(self, ack: Envelope) -> None:
        async with self._changed:
            self.acks.setdefault(str(ack.get("envelope_id")), []).append(ack)
            self._changed.notify_all()

    async def send(self, envelope: Envelope) -> None:
        """Deliver an envelope to the app, once it has connected."""
        await asyncio.wait_for(self._connected.wait(), PATIENCE)
        assert self._socket is not None
        await self._socket.send_json(envelope)

    async def acked(self, envelope_id: str) -> Envelope:
        """The app's first acknowledgement of `envelope_id`, waiting for it if need be."""
        async with self._changed:
            await asyncio.wait_for(
                self._changed.wait_for(lambda: envelope_id in self.acks), PATIENCE
            )
        return self.acks[envelope_id][0]


def slash_envelope(envelope_id: str, form: dict[str, Any]) -> Envelope:
    return {
        "envelope_id": envelope_id,
        "type": "slash_commands",
        "accepts_response_payload": True,
        "payload": form,
    }


def event_envelope(envelope_id: str, callback: dict[str, Any], retry: int = 0) -> Envelope:
    return {
        "envelope_id": envelope_id,
        "type": "events_api",
        "accepts_response_payload": False,
        "retry_attempt": retry,
        "retry_reason": "timeout" if retry else "",
        "payload": callback,
    }
