"""The terminal console: the bot's chat surface when no platform token is configured."""

from __future__ import annotations

import logging
import shlex
from collections.abc import Callable
from typing import TextIO

from rich.console import Console, RenderableType
from rich.text import Text

from bot import messages
from bot.record_ids import is_record_id
from bot.render.records import article_view, articles_view, entities_view, report_view, stats_view
from bot.render.terminal import terminal_reply
from bot.router import Context, Router
from bot.subscriptions import LOCAL as LOCAL_CHANNEL
from bot.typed import typed_text
from briefings.ingest.pipeline import ingest
from store import AttacheError, Store

log = logging.getLogger(__name__)

Handler = Callable[[Store, list[str]], RenderableType]
# The console shares the command line's local channel (bot/subscriptions.py, LOCAL).
CONSOLE = Context(
    platform=LOCAL_CHANNEL.platform,
    workspace=LOCAL_CHANNEL.workspace,
    channel=LOCAL_CHANNEL.channel,
    is_admin=True,
)


def _stats(store: Store, args: list[str]) -> RenderableType:
    return stats_view(store.stats())


def _articles(store: Store, args: list[str]) -> RenderableType:
    return articles_view(store.articles())


def _show(store: Store, args: list[str]) -> RenderableType:
    if len(args) != 1 or not is_record_id(args[0]):
        return Text(messages.CONSOLE_USAGE.format(usage="/show ID"))
    found = store.article(int(args[0]))
    if found is None:
        return Text(messages.NO_SUCH_ARTICLE.format(id=args[0]))
    return article_view(found)


def _entities(store: Store, args: list[str]) -> RenderableType:
    return entities_view(store.entities(args[0] if args else None))


def _ingest(store: Store, args: list[str]) -> RenderableType:
    if not args:
        return Text(messages.CONSOLE_USAGE.format(usage="/ingest PATH ..."))
    # The console never fetches: URLs need the CLI, which owns an HTTP client and its limits.
    return report_view(ingest(args, store, fetcher=None, max_bytes=10_000_000))


# Inspection commands only the terminal has; everything else goes through the router.
LOCAL: dict[str, Handler] = {
    "stats": _stats,
    "articles": _articles,
    "show": _show,
    "entities": _entities,
    "ingest": _ingest,
}


def execute(router: Router, line: str) -> RenderableType | None:
    """What a user sees after typing `line`; None for an empty line."""
    # Local commands bypass the router's parsing: clean the line for them too.
    words = typed_text(line).strip().split(maxsplit=1)
    if not words:
        return None
    name = words[0].lstrip("/").lower()
    if name == "help":
        return Text(messages.CHAT_HELP + "\n" + messages.CONSOLE_HELP)
    if name in LOCAL:
        return _local(router, LOCAL[name], words[1] if len(words) > 1 else "")
    # The console is a direct conversation: what is not a command is a question, as in a DM.
    return terminal_reply(router.handle_text(line, CONSOLE, default="ask"))


def _local(router: Router, handler: Handler, rest: str) -> RenderableType:
    try:
        return handler(router.store(), shlex.split(rest))
    except ValueError as error:
        return Text(f"Could not read that: {error}.")
    except AttacheError as error:
        return Text(error.message)
    except Exception:
        log.exception("console command failed")
        return Text(messages.SOMETHING_WENT_WRONG)


def run_console(router: Router, stdin: TextIO, out: Console) -> None:
    """Read commands until end of input or /quit."""
    out.print(messages.CONSOLE_WELCOME)
    while True:
        if stdin.isatty():
            out.print("attaché> ", end="")
        line = stdin.readline()
        if not line or line.strip().lower() in {"/quit", "/exit", "quit", "exit"}:
            out.print(messages.CONSOLE_BYE)
            return
        reply = execute(router, line)
        if reply is not None:
            out.print(reply)
