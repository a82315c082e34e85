"""A local OpenAI-compatible server for tests: scripted replies, recorded requests.

It serves `POST /v1/chat/completions` on 127.0.0.1 with an OS-assigned port. Replies are
served in the order scripted, the last one repeating; every request body is recorded.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .local_server import Site, StandIn, serve_site

COMPLETIONS_PATH = "/v1/chat/completions"


@dataclass(frozen=True)
class Reply:
    """One scripted reply: `body` is sent as is, after `delay` seconds."""

    body: bytes
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0


def completion(content: str | None, model: str = "test-model") -> Reply:
    """A chat completion whose one choice says `content`."""
    message = {"role": "assistant", "content": content}
    body = {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }
    return Reply(json.dumps(body).encode())


def error(status: int, *, retry_after: str | None = None, message: str = "error") -> Reply:
    """An OpenAI-style error body with `status`, and `Retry-After` when given."""
    body = json.dumps({"error": {"message": message, "type": "server_error", "code": None}})
    headers = (("Retry-After", retry_after),) if retry_after is not None else ()
    return Reply(body.encode(), status=status, headers=headers)


@dataclass
class LLMServer(Site):
    replies: list[Reply] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base_url(self) -> str:
        """The API's root, as OPENAI_BASE_URL takes it."""
        return self.base + "/v1"

    def script(self, *replies: Reply) -> None:
        with self.lock:
            self.replies = list(replies)

    def next_reply(self, request: dict[str, Any]) -> Reply:
        with self.lock:
            self.requests.append(request)
            if len(self.replies) > 1:
                return self.replies.pop(0)
            return self.replies[0] if self.replies else error(500, message="nothing scripted")

    def messages(self, index: int = -1) -> dict[str, str]:
        """The messages of request `index`, by role."""
        return {m["role"]: m["content"] for m in self.requests[index]["messages"]}


@contextmanager
def running_server() -> Iterator[LLMServer]:
    state = LLMServer()

    class Handler(StandIn):
        def do_POST(self) -> None:
            request = json.loads(self.body or b"{}")
            if self.path != COMPLETIONS_PATH:
                self._send(error(404, message=f"no route {self.path}"))
                return
            reply = state.next_reply(request)
            # Stopping the server releases a handler still sleeping on a slow reply.
            if reply.delay and self.server.stopping.wait(reply.delay):
                return
            self._send(reply)

        def _send(self, reply: Reply) -> None:
            self.send(reply.status, reply.body, "application/json", reply.headers)

    # A short poll interval: stopping waits for it, at every test's teardown.
    with serve_site(state, Handler, poll_interval=0.02):
        yield state
