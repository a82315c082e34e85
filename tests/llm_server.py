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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

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
class LLMServer:
    base_url: str = ""
    replies: list[Reply] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

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
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    # A short poll interval: shutdown() waits for it, at every test's teardown.
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stopping.set()  # releases handlers still sleeping on a slow reply
        server.shutdown()
        server.server_close()


def _handler(state: LLMServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            request = json.loads(self.rfile.read(length) or b"{}")
            if self.path != COMPLETIONS_PATH:
                self._send(error(404, message=f"no route {self.path}"))
                return
            reply = state.next_reply(request)
            if reply.delay and state.stopping.wait(reply.delay):
                return
            self._send(reply)

        def _send(self, reply: Reply) -> None:
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply.body)))
                for name, value in reply.headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def log_message(self, *args: object) -> None:
            pass

    return Handler
