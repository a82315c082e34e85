"""A local stand-in for the Slack Web API and response_url, recording every call.

Answers `auth.test`, `chat.postMessage`, `users.info`, `conversations.history` (the messages
posted so far, newest first, with their metadata only when `include_all_metadata` is asked
for, as Slack does), `apps.connections.open` (the Socket Mode URL a test sets), and
`/response/...` posts as Slack's response_url does; any other method is `unknown_method`.
`throttle(method, n)` makes the next `n` calls to a method answer 429 with a Retry-After of
one second.

Like Slack, it holds the bot to the scopes deploy/slack-manifest.yaml grants and to channel
membership: a method whose scope the manifest lacks answers `missing_scope`; reading a public
channel the bot is not in answers `not_in_channel`, and any call on a private channel it is
not in `channel_not_found` (Slack does not reveal that such a channel exists). Channels are
public with the bot in them unless a test says otherwise with `add_channel`; ids starting
with D are direct messages, G private channels.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from .local_server import Site, StandIn, serve_site

BOT_USER = "U0BOT00001"
BOT_ID = "B0BOT00001"
TEAM = "T0TEAM0001"
MANIFEST = Path(__file__).resolve().parent.parent / "deploy" / "slack-manifest.yaml"
# The history and info scopes per conversation type, as Slack's method pages list them.
HISTORY_SCOPES = {
    "public": "channels:history",
    "private": "groups:history",
    "im": "im:history",
    "mpim": "mpim:history",
}
INFO_SCOPES = {
    "public": "channels:read",
    "private": "groups:read",
    "im": "im:read",
    "mpim": "mpim:read",
}


def manifest_scopes(manifest: Path = MANIFEST) -> frozenset[str]:
    """The bot scopes the manifest requests (the list under oauth_config.scopes.bot)."""
    block = re.search(r"^    bot:\n((?:      [-#].*\n)+)", manifest.read_text(), re.M)
    assert block is not None, "deploy/slack-manifest.yaml lists no bot scopes"
    return frozenset(re.findall(r"^      - ([a-z_:.]+)$", block.group(1), re.M))


@dataclass
class Conversation:
    """A channel as Slack sees it: its type and whether the bot is a member."""

    kind: str = "public"
    member: bool = True


class Refused(Exception):
    """Slack's `ok: false` answer to a call, with its error code and any extra fields."""

    def __init__(self, error: str, **extra: str) -> None:
        super().__init__(error)
        self.answer = {"ok": False, "error": error, **extra}


@dataclass(frozen=True)
class Call:
    """One request the stand-in received: `method` is `chat.postMessage` or `response`."""

    method: str
    path: str
    body: dict[str, Any]
    status: int


@dataclass
class SlackApi(Site):
    calls: list[Call] = field(default_factory=list)
    admins: set[str] = field(default_factory=set)
    throttled: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    scopes: frozenset[str] = field(default_factory=manifest_scopes)
    conversations: dict[str, Conversation] = field(default_factory=dict)
    socket_url: str = ""

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

    def add_channel(self, channel: str, kind: str = "public", *, member: bool = True) -> None:
        self.conversations[channel] = Conversation(kind, member)

    def conversation(self, channel: str) -> Conversation:
        found = self.conversations.get(channel)
        if found is not None:
            return found
        kinds = {"D": "im", "G": "private"}
        return Conversation(kinds.get(channel[:1], "public"))

    def answer(self, method: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self.lock:
            if self.throttled.get(method):
                self.throttled[method] -= 1
                self.calls.append(Call(method, "", body, 429))
                return 429, {"ok": False, "error": "ratelimited"}
            self.calls.append(Call(method, "", body, 200))
        if method not in _RESULTS:
            return 200, {"ok": False, "error": "unknown_method"}
        try:
            return 200, _RESULTS[method](self, body)
        except Refused as refused:
            return 200, refused.answer

    def require(self, scope: str) -> None:
        """Refuse the call as Slack does when the app was not granted `scope`."""
        if scope not in self.scopes:
            raise Refused("missing_scope", needed=scope, provided=",".join(sorted(self.scopes)))

    def require_member(self, channel: str) -> Conversation:
        """Refuse a call on a channel the bot is not in: private ones stay invisible."""
        found = self.conversation(channel)
        if not found.member:
            raise Refused("channel_not_found" if found.kind != "public" else "not_in_channel")
        return found


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
    api.require("chat:write")
    conversation = api.conversation(channel)
    # chat:write.public lets a bot post in a public channel it is not in, and nowhere else.
    if conversation.kind == "public" and not conversation.member:
        api.require("chat:write.public")
    else:
        api.require_member(channel)
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
    channel = str(body.get("channel"))
    api.require(HISTORY_SCOPES[api.conversation(channel).kind])
    api.require_member(channel)
    with api.lock:
        posted = list(reversed(api.messages.get(str(body.get("channel")), [])))
    if str(body.get("include_all_metadata")).lower() not in {"1", "true"}:
        posted = [{k: v for k, v in m.items() if k != "metadata"} for m in posted]
    return {"ok": True, "messages": posted, "has_more": False}


def _conversation_info(api: SlackApi, body: dict[str, Any]) -> dict[str, Any]:
    channel = str(body.get("channel"))
    found = api.conversation(channel)
    api.require(INFO_SCOPES[found.kind])
    if found.kind != "public":
        api.require_member(channel)
    return {"ok": True, "channel": {"id": channel, "is_member": found.member}}


def _connections_open(api: SlackApi, body: dict[str, Any]) -> dict[str, Any]:
    if not api.socket_url:
        raise Refused("invalid_auth")
    return {"ok": True, "url": api.socket_url}


def _users_info(api: SlackApi, body: dict[str, Any]) -> dict[str, Any]:
    api.require("users:read")
    user = str(body.get("user", ""))
    admin = user in api.admins
    return {"ok": True, "user": {"id": user, "team_id": TEAM, "is_admin": admin, "is_owner": False}}


_RESULTS = {
    "auth.test": _auth_test,
    "chat.postMessage": _post_message,
    "users.info": _users_info,
    "conversations.history": _history,
    "conversations.info": _conversation_info,
    "apps.connections.open": _connections_open,
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

    class Handler(StandIn):
        def do_GET(self) -> None:
            # slack_sdk sends a few methods (users.info) as GET with query parameters.
            path, _, query = self.path.partition("?")
            self._answer(*api.answer(path.removeprefix("/api/"), dict(parse_qsl(query))))

        def do_POST(self) -> None:
            body = _body(self.body, self.headers.get("Content-Type", ""))
            if self.path.startswith("/response/"):
                with api.lock:
                    api.calls.append(Call("response", self.path, body, 200))
                self.send(200, b"ok", "text/plain")
                return
            path, _, query = self.path.partition("?")
            body = dict(parse_qsl(query)) | body
            self._answer(*api.answer(path.removeprefix("/api/"), body))

        def _answer(self, status: int, result: dict[str, Any]) -> None:
            retry = [("Retry-After", "1")] if status == 429 else []
            self.send(status, json.dumps(result).encode(), "application/json", retry)

    with serve_site(api, Handler):
        yield api
