"""A local stand-in for the Slack Web API and response_url, recording every call.

Answers `auth.test`, `chat.postMessage`, `users.info`, `conversations.history` (the messages
posted so far, newest first, with their metadata only when `include_all_metadata` is asked
for, as Slack does) and any other `/api/<method>` with `ok`, and `/response/...` posts as
Slack's response_url does. `throttle(method, n)` makes the next `n` calls to a method answer
429 with a Retry-After of one second.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

BOT_USER = "U0BOT00001"
BOT_ID = "B0BOT00001"
TEAM = "T0TEAM0001"


@dataclass(frozen=True)
class Call:
    """One request the stand-in received: `method` is `chat.postMessage` or `response`."""

    method: str
    path: str
    body: dict[str, Any]
    status: int


@dataclass
class SlackApi:
    base: str = ""
    calls: list[Call] = field(default_factory=list)
    admins: set[str] = field(default_factory=set)
    throttled: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def api_url(self) -> str:
        return self.base + "/api/"

    def response_url(self, name: str = "1234/abcd") -> str:
        return f"{self.base}/response/{name}"

    def throttle(self, method: str, times: int = 1) -> None:
        self.throttled[method] = times

    def posts(self) -> list[Call]:
        """Every message posted, through chat.postMessage or a response_url, in order."""
        return [c for c in self.calls if c.method in {"chat.postMessage", "response"}]

    def called(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def answer(self, method: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self.lock:
            if self.throttled.get(method):
                self.throttled[method] -= 1
                self.calls.append(Call(method, "", body, 429))
                return 429, {"ok": False, "error": "ratelimited"}
            self.calls.append(Call(method, "", body, 200))
        return 200, _RESULTS.get(method, _ok)(self, body)


def _ok(api: SlackApi, body: dict[str, Any]) -> dict[str, Any]:
    return {"ok": True}


def _auth_test(api: SlackApi, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "ok": True,
        "url": "https://attache-test.slack.com/",
        "team": "Attaché test",
        "user": "attache",
        "team_id": TEAM,
        "user_id": BOT_USER,
        "bot_id": BOT_ID,
        "is_enterprise_install": False,
    }


def _post_message(api: SlackApi, body: dict[str, Any]) -> dict[str, Any]:
    channel = str(body.get("channel"))
    with api.lock:
        posted = api.messages.setdefault(channel, [])
        ts = f"1700000000.{len(posted) + 100:06d}"
        message = {"type": "message", "text": body.get("text", ""), "bot_id": BOT_ID, "ts": ts}
        metadata = body.get("metadata")
        # slack_sdk sends metadata as a JSON string in form posts, an object in JSON ones.
        if metadata:
            message["metadata"] = json.loads(metadata) if isinstance(metadata, str) else metadata
        posted.append(message)
    return {"ok": True, "channel": channel, "ts": ts, "message": message}


def _history(api: SlackApi, body: dict[str, Any]) -> dict[str, Any]:
    with api.lock:
        posted = list(reversed(api.messages.get(str(body.get("channel")), [])))
    if str(body.get("include_all_metadata")).lower() not in {"1", "true"}:
        posted = [{k: v for k, v in m.items() if k != "metadata"} for m in posted]
    return {"ok": True, "messages": posted, "has_more": False}


def _users_info(api: SlackApi, body: dict[str, Any]) -> dict[str, Any]:
    user = str(body.get("user", ""))
    admin = user in api.admins
    return {"ok": True, "user": {"id": user, "team_id": TEAM, "is_admin": admin, "is_owner": False}}


_RESULTS = {
    "auth.test": _auth_test,
    "chat.postMessage": _post_message,
    "users.info": _users_info,
    "conversations.history": _history,
}


def _body(raw: bytes, content_type: str) -> dict[str, Any]:
    if not raw:
        return {}
    if "json" in content_type:
        parsed: dict[str, Any] = json.loads(raw)
        return parsed
    return dict(parse_qsl(raw.decode()))


@contextmanager
def serve_slack_api() -> Iterator[SlackApi]:
    api = SlackApi()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            # slack_sdk sends a few methods (users.info) as GET with query parameters.
            path, _, query = self.path.partition("?")
            status, result = api.answer(path.removeprefix("/api/"), dict(parse_qsl(query)))
            self._send(status, json.dumps(result).encode(), "application/json")

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            body = _body(raw, self.headers.get("Content-Type", ""))
            if self.path.startswith("/response/"):
                with api.lock:
                    api.calls.append(Call("response", self.path, body, 200))
                self._send(200, b"ok", "text/plain")
                return
            status, result = api.answer(self.path.removeprefix("/api/"), body)
            self._send(status, json.dumps(result).encode(), "application/json")

        def _send(self, status: int, data: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if status == 429:
                self.send_header("Retry-After", "1")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    api.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
