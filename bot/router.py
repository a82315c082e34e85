"""One command router for every surface: parse the text once, answer it, phrase errors once.

Adapters turn a platform payload into a `Request` (or hand raw text to `parse`), call
`Router.handle` in a worker thread, and render the `Reply` for their platform.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from bot import messages
from bot import subscriptions as subs
from bot.record_ids import is_record_id
from bot.render.phrases import moment, window_text
from bot.render.sources import failing_text, poll_lines
from bot.subscriptions import Channel, DigestSettings, SubscriptionError
from bot.typed import typed_text
from briefings.briefing import Briefing
from briefings.compose import Limits, answer_question, brief_topic, brief_who, build_timeline
from briefings.digest import Digest
from briefings.ingest.polling import PollOutcome
from briefings.writing import Writer
from store import AttacheError, Store
from store.records import SourceRecord, Stats

log = logging.getLogger(__name__)

# Polls one source (an id) or every source (None) at the given instant.
SourcesPoll = Callable[[Store, datetime, int | None], list[PollOutcome]]

CommandName = Literal["who", "topic", "ask", "timeline", "sources", "help", "digest"]
COMMANDS: tuple[CommandName, ...] = ("who", "topic", "ask", "timeline", "sources", "help", "digest")
BRIEFINGS: dict[str, Callable[..., Briefing]] = {
    "who": brief_who,
    "topic": brief_topic,
    "ask": answer_question,
    "timeline": build_timeline,
}
# Where the scheduler can post digests; elsewhere (terminal, CLI) they are read on demand.
POSTING_PLATFORMS = frozenset({"slack", "discord"})
# Longer arguments are cut: no name or question needs more, and 40 kB helps nobody.
MAX_ARGUMENT = 500
_QUOTES = " \"'“”«»„‘’"
_MORE = re.compile(r"(?:^|\s)(?:--more|more:)\s*$|^(?:--more|more:)\s+", re.IGNORECASE)
_COPULA = re.compile(r"^(?:(?:is|was|are|were|the|of|for|about|on)\s+)+", re.IGNORECASE)
_NATURAL: list[tuple[re.Pattern[str], CommandName]] = [
    (re.compile(r"^(?:who\s+(?:is|was|are)\s+)(?P<arg>.+)$", re.I), "who"),
    (re.compile(r"^(?:what\s+(?:is|are|was)\s+(?:the\s+)?)(?P<arg>[^\s?].{0,80})$", re.I), "topic"),
    (re.compile(r"^(?:timeline\s+(?:of|for)\s+)(?P<arg>.+)$", re.I), "timeline"),
]


@dataclass(frozen=True)
class Context:
    """Where a request comes from: enough for permissions and per-channel state."""

    platform: str = "console"
    workspace: str = ""
    channel: str = ""
    user: str = ""
    is_admin: bool = False


@dataclass(frozen=True)
class Request:
    command: CommandName
    argument: str = ""
    more: bool = False
    context: Context = field(default_factory=Context)


@dataclass(frozen=True)
class Overview:
    """What is indexed, for the `sources` command."""

    stats: Stats
    outlets: tuple[tuple[str, int], ...]
    watched: tuple[str, ...] = ()  # one line per polled feed or folder, with its last error


@dataclass(frozen=True)
class Reply:
    """What the user sees: a briefing, a digest, an overview, or one line of text."""

    briefing: Briefing | None = None
    digest: Digest | None = None
    overview: Overview | None = None
    text: str | None = None
    private: bool = False
    failed: bool = False
    # Shown above a digest: why it is being shown (a preview, a catch-up).
    note: str | None = None


class UsageError(AttacheError):
    """The command could not be understood; the message says how to write it."""


def parse(text: str, *, context: Context | None = None, default: CommandName = "ask") -> Request:
    """A request from what a user typed: `/who Lavrov`, `who is Lavrov?`, or a free question."""
    context = context or Context()
    text = typed_text(text)
    words = text.strip().split(maxsplit=1)
    if not words:
        return Request("help", context=context)
    head = words[0].lstrip("/").lower()
    rest = words[1] if len(words) > 1 else ""
    for command in COMMANDS:
        if head == command:
            return _request(command, rest, context)
    for pattern, command in _NATURAL:
        match = pattern.match(text.strip())
        if match:
            return _request(command, match.group("arg"), context)
    # `/whoo Lavrov` is a mistyped command, not a question, even where questions are free.
    if default == "ask" and not words[0].startswith("/"):
        return _request("ask", text, context)
    raise UsageError(messages.UNKNOWN_COMMAND.format(name=words[0][:40]))


def _request(command: CommandName, rest: str, context: Context) -> Request:
    more = bool(_MORE.search(rest))
    argument = _MORE.sub(" ", rest).strip()[:MAX_ARGUMENT]
    if command in ("who", "timeline", "topic"):
        # "who is Lavrov?" typed after the command word reads the same as "who Lavrov".
        argument = _COPULA.sub("", argument.strip(" ?!."))
    if not argument.strip(_QUOTES):
        argument = ""  # `/who ""` is a missing name: the usage line, not "nothing matches"
    return Request(command, argument, more, context)


class Router:
    """Answers requests against the store; one SQLite connection per worker thread."""

    def __init__(
        self,
        db_path: str,
        writer_for: Callable[[Store, Limits], Writer | None],
        on_subscriptions_changed: Callable[[], None] | None = None,
        digests: DigestSettings | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC).replace(microsecond=0),
        poll: SourcesPoll | None = None,
    ) -> None:
        self.db_path = db_path
        self.writer_for = writer_for
        # Called (from a worker thread) after a subscription is added or removed, so the
        # scheduler can rebuild its jobs; it must be thread-safe.
        self.on_subscriptions_changed = on_subscriptions_changed
        self.digests = digests or DigestSettings()
        self.clock = clock
        # Polls sources now (`sources poll [ID]`); None where nothing may fetch.
        self.poll = poll
        self._local = threading.local()

    def store(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store.open(self.db_path)
            self._local.store = store
        return store

    def handle(self, request: Request) -> Reply:
        """The reply to one request; never raises: failures become one friendly line."""
        try:
            return self._answer(request)
        except AttacheError as error:
            return Reply(text=error.message, failed=True)
        except Exception:
            log.exception("command failed: %s", request.command)
            return Reply(text=messages.SOMETHING_WENT_WRONG, failed=True)

    def handle_text(
        self, text: str, context: Context | None = None, *, default: CommandName = "help"
    ) -> Reply:
        """The reply to what a user typed; `default="ask"` takes free text as a question."""
        try:
            request = parse(text, context=context, default=default)
        except UsageError as error:
            return Reply(text=error.message, failed=True)
        return self.handle(request)

    def _answer(self, request: Request) -> Reply:
        if request.command == "help":
            return Reply(text=messages.CHAT_HELP)
        if request.command == "sources":
            return self._sources(request.argument, request.context)
        if request.command == "digest":
            return self._digest(request.argument, request.context)
        if not request.argument:
            raise UsageError(messages.USAGE[request.command])
        limits = Limits().more() if request.more else Limits()
        store = self.store()
        build = BRIEFINGS[request.command]
        writer = self.writer_for(store, limits) if request.command != "timeline" else None
        briefing = (
            build(store, request.argument, limits, writer)
            if writer
            else build(store, request.argument, limits)
        )
        return Reply(briefing=briefing, failed=not briefing.found)

    def _digest(self, argument: str, context: Context) -> Reply:
        action, _, rest = argument.strip().partition(" ")
        answers = {
            "subscribe": self._subscribe,
            "list": self._list,
            "unsubscribe": self._unsubscribe,
            "preview": self._preview,
            "now": self._now,
        }
        answer = answers.get(action.casefold())
        if answer is None:
            raise UsageError(messages.DIGEST_USAGE)
        return answer(rest.strip(), context)

    def _subscribe(self, argument: str, context: Context) -> Reply:
        _require_admin(context, "subscribe to")
        if not argument:
            raise UsageError(messages.DIGEST_SUBSCRIBE_USAGE)
        store = self.store()
        filter_text, schedule_text = subs.split_subscription(argument)
        where = _channel(context)
        added = subs.subscribe(
            store, where, filter_text, schedule_text, self.digests, context.user or None
        )
        self._subscriptions_changed()
        posted = context.platform in POSTING_PLATFORMS
        text = subs.subscribed_text(store, added, self.clock(), posted=posted)
        return Reply(text=text)

    def _list(self, argument: str, context: Context) -> Reply:
        found = subs.subscriptions(self.store(), _channel(context))
        if not found:
            return Reply(text=messages.DIGEST_NONE.format(usage=messages.DIGEST_SUBSCRIBE_USAGE))
        now = self.clock()
        lines = [messages.DIGEST_LIST_HEAD]
        for each in found:
            here = each.record.channel == context.channel
            lines.append(
                messages.DIGEST_LIST_LINE.format(
                    id=each.id,
                    filter=each.record.filter,
                    schedule=each.schedule.describe(),
                    next=moment(each.next_fire(now)),
                    channel=messages.DIGEST_THIS_CHANNEL if here else each.record.channel,
                )
            )
            lines.extend(_unverified_line(self.store(), each, now))
        return Reply(text="\n".join(lines), private=True)

    def _unsubscribe(self, argument: str, context: Context) -> Reply:
        _require_admin(context, "unsubscribe from")
        if not argument:
            raise UsageError(messages.DIGEST_ID_USAGE.format(action="unsubscribe"))
        removed = subs.unsubscribe(self.store(), _channel(context), subs.parse_id(argument))
        self._subscriptions_changed()
        text = messages.DIGEST_UNSUBSCRIBED.format(
            id=removed.id, filter=removed.record.filter, schedule=removed.schedule.describe()
        )
        return Reply(text=text)

    def _preview(self, argument: str, context: Context) -> Reply:
        store, now = self.store(), self.clock()
        if argument and not argument.removeprefix("#").isdigit():
            digest = subs.filter_digest(store, argument, self.digests, now)
            return _digest_reply(digest, messages.DIGEST_FILTER_PREVIEW_NOTE, private=True)
        chosen = self._chosen(argument, context)
        digest = subs.subscription_digest(store, chosen, self.digests, now)
        return _digest_reply(digest, messages.DIGEST_PREVIEW_NOTE, private=True)

    def _chosen(self, argument: str, context: Context) -> subs.Subscription:
        """The subscription named by id or, with none given, this channel's only one."""
        where = _channel(context)
        if argument:
            return subs.subscription(self.store(), where, subs.parse_id(argument))
        return subs.only_subscription(self.store(), where)

    def _now(self, argument: str, context: Context) -> Reply:
        if not argument:
            raise UsageError(messages.DIGEST_ID_USAGE.format(action="now"))
        chosen = subs.subscription(self.store(), _channel(context), subs.parse_id(argument))
        digest = subs.subscription_digest(self.store(), chosen, self.digests, self.clock())
        return _digest_reply(digest, messages.DIGEST_NOW_NOTE, private=False)

    def _subscriptions_changed(self) -> None:
        if self.on_subscriptions_changed is not None:
            self.on_subscriptions_changed()

    def _sources(self, argument: str, context: Context) -> Reply:
        action, _, rest = argument.strip().partition(" ")
        if not action:
            return Reply(overview=self._overview(in_chat=context.platform in POSTING_PLATFORMS))
        if action.casefold() != "poll":
            raise UsageError(messages.SOURCES_USAGE)
        return self._poll(rest.strip().removeprefix("#"), context)

    def _poll(self, argument: str, context: Context) -> Reply:
        if not context.is_admin:
            raise SubscriptionError(messages.SOURCES_POLL_NOT_ALLOWED)
        if argument and not is_record_id(argument):
            raise UsageError(messages.SOURCES_USAGE)
        if self.poll is None:
            return Reply(text=messages.SOURCES_POLL_UNAVAILABLE, failed=True)
        outcomes = self.poll(self.store(), self.clock(), int(argument) if argument else None)
        if context.platform in POSTING_PLATFORMS:
            outcomes = [_without_folder_path(o) for o in outcomes]
        zone = ZoneInfo(self.digests.timezone)
        lines = [line for o in outcomes for line in poll_lines(o, zone)]
        return Reply(text="\n".join(lines) or messages.SOURCES_NONE)

    def _overview(self, in_chat: bool = False) -> Overview:
        store = self.store()
        watched = tuple(_watched_line(source, in_chat) for source in store.sources())
        return Overview(store.stats(), tuple(store.outlet_counts(limit=8)), watched)

    def close(self) -> None:
        store: Store | None = getattr(self._local, "store", None)
        if store is not None:
            store.close()
            self._local.store = None


def needs_admin(request: Request) -> bool:
    """Whether the answer depends on the asker being an admin: digests, and polling sources."""
    if request.command == "digest":
        return True
    return request.command == "sources" and request.argument.casefold().startswith("poll")


def _channel(context: Context) -> Channel:
    return Channel(context.platform, context.workspace, context.channel)


def _unverified_line(store: Store, subscription: subs.Subscription, now: datetime) -> list[str]:
    """A warning line when a digest of this subscription may be missing, else nothing."""
    found = subs.unverified_run(store, subscription, now)
    if found is None:
        return []
    run, window = found
    reason = run.problem or "unknown_error"
    fix = messages.DIGEST_LOOKUP_FIXES.get(reason, messages.DIGEST_LOOKUP_FIX_OTHER)
    return [
        messages.DIGEST_LIST_UNVERIFIED.format(window=window_text(window), reason=reason, fix=fix)
    ]


def _require_admin(context: Context, action: str) -> None:
    if not context.is_admin:
        raise SubscriptionError(messages.DIGEST_NOT_ALLOWED.format(action=action))


def _digest_reply(digest: Digest, note: str, *, private: bool) -> Reply:
    """A digest, or one line saying its window had nothing: an empty digest is not shown."""
    if digest.empty:
        text = messages.DIGEST_NOTHING.format(
            subject=digest.subject, window=window_text(digest.window)
        )
        return Reply(text=text, private=private)
    return Reply(digest=digest, note=note, private=private)


def _watched_line(source: SourceRecord, in_chat: bool) -> str:
    """`https://…/feed.rss: every 30 min, failing 3 times (HTTP 500 from …)`; in a chat, a
    folder is named by its id, never by its path on the server."""
    where = source.location
    error = source.last_error or ""
    if in_chat and source.kind == "folder":
        where = messages.WATCHED_FOLDER.format(id=source.id)
        error = error.replace(source.location, where)
    every = f"every {source.every_seconds // 60} min"
    if source.failures:
        return messages.WATCHED_FAILING.format(
            where=where, every=every, failing=failing_text(source.failures), error=error
        )
    return messages.WATCHED_OK.format(where=where, every=every)


def _without_folder_path(outcome: PollOutcome) -> PollOutcome:
    """A folder's poll as a chat shows it: the folder named by its id, not its server path."""
    if outcome.kind != "folder":
        return outcome
    label = messages.WATCHED_FOLDER.format(id=outcome.source_id)
    error = outcome.error.replace(outcome.location, label) if outcome.error else None
    return replace(outcome, location=label, error=error)
