"""Attaché on Slack: a Bolt AsyncApp answering `/brief`, app mentions and direct messages.

Every listener acknowledges first and answers after: the router runs in a worker thread
(it does SQLite work), so the event loop stays free to acknowledge other requests in time.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from typing import Any

from aiohttp import ClientError, web
from pydantic import SecretStr
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot import messages
from bot.config import Settings
from bot.router import Context, Reply, Request, Router, UsageError, needs_admin, parse
from bot.slack.blocks import capped_payloads, reply_payloads
from bot.slack.escape import escape
from bot.slack.posting import SlackPoster
from store import AttacheError

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
# Slack takes at most five posts to one response_url within 30 minutes.
RESPONSE_URL_POSTS = 5
# Slack retries an event it thinks was not acknowledged, up to three times in an hour.
SEEN_EVENTS = 4096
RATE_LIMIT_RETRIES = 3
# A 500 or 503 from the Web API is tried again after a short backoff, twice at most.
SERVER_ERROR_RETRIES = 2
_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")

Payload = dict[str, Any]
Post = Callable[..., Awaitable[Any]]


class SeenEvents:
    """The ids of recent events and slash commands, so that each is answered once."""

    def __init__(self, size: int = SEEN_EVENTS) -> None:
        self.size = size
        self._ids: OrderedDict[str, None] = OrderedDict()

    def first_time(self, event_id: str) -> bool:
        if not event_id:  # nothing to recognise a retry by: answer it
            return True
        if event_id in self._ids:
            self._ids.move_to_end(event_id)
            return False
        self._ids[event_id] = None
        if len(self._ids) > self.size:
            self._ids.popitem(last=False)
        return True


class Listeners:
    """What Attaché does with a slash command, a mention or a direct message."""

    def __init__(self, router: Router, command: str, admins: frozenset[str]) -> None:
        self.router = router
        self.command = command
        self.admins = admins
        self.seen = SeenEvents()

    async def on_command(
        self, ack: AsyncAck, command: Payload, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        # Slack never sends a slash command twice: a trigger_id seen before is a replay.
        if not self.seen.first_time(command.get("trigger_id", "")):
            await ack()
            return
        try:
            request = parse(command.get("text", ""), context=_context(command), default="help")
        except UsageError as error:
            await ack(response_type="ephemeral", text=escape(error.message))
            return
        if request.command == "help":
            await ack(response_type="ephemeral", **reply_payloads(self.help())[0])
            return
        await ack(response_type="ephemeral", text=messages.SLACK_WORKING)
        reply = await self.answer(request, client)
        await _deliver(reply, respond, client, command["channel_id"])

    async def on_mention(self, body: Payload, event: Payload, client: AsyncWebClient) -> None:
        if self.seen.first_time(body.get("event_id", "")):
            await self.answer_in_thread(_MENTION.sub(" ", event.get("text", "")), body, client)

    async def on_message(self, body: Payload, event: Payload, client: AsyncWebClient) -> None:
        direct = event.get("channel_type") == "im"
        # Edits, joins and bot posts (our own replies included) carry a subtype or a bot_id.
        from_person = not event.get("subtype") and not event.get("bot_id")
        if direct and from_person and self.seen.first_time(body.get("event_id", "")):
            await self.answer_in_thread(event.get("text", ""), body, client)

    async def answer_in_thread(self, text: str, body: Payload, client: AsyncWebClient) -> None:
        event = body["event"]
        try:
            request = parse(text, context=_context(body), default="ask")
        except UsageError as error:  # `/whoo Lavrov`: a mistyped command, not a question
            reply = Reply(text=error.message, failed=True)
        else:
            reply = await self.answer(request, client)
        thread = event.get("thread_ts") or event["ts"]
        await _post_all(reply, client.chat_postMessage, channel=event["channel"], thread_ts=thread)

    async def answer(self, request: Request, client: AsyncWebClient) -> Reply:
        """The router's reply, computed in a worker thread; any failure is one friendly line."""
        if request.command == "help":
            return self.help()
        try:
            request = await self._with_admin(request, client)
            refused = await _cannot_post_digests(request, client)
            if refused is not None:
                return Reply(text=refused, failed=True)
            return await asyncio.to_thread(self.router.handle, request)
        except AttacheError as error:
            return Reply(text=error.message, failed=True)
        except Exception:  # the adapter's boundary: the user gets one line, the log the rest
            log.exception("slack: %s failed", request.command)
            return Reply(text=messages.SOMETHING_WENT_WRONG, failed=True)

    def help(self) -> Reply:
        intro = messages.SLACK_HELP_INTRO.format(command=self.command)
        return Reply(text=intro + messages.CHAT_HELP, private=True)

    async def _with_admin(self, request: Request, client: AsyncWebClient) -> Request:
        # Only digests and polling care who is an admin: users.info is called for them alone.
        if not needs_admin(request) or request.context.is_admin:
            return request
        admin = await self._is_admin(request.context.user, client)
        return replace(request, context=replace(request.context, is_admin=admin))

    async def _is_admin(self, user: str, client: AsyncWebClient) -> bool:
        if user in self.admins:
            return True
        try:
            member = (await client.users_info(user=user)).get("user") or {}
        except SlackApiError as error:
            # Unknown is not an admin: digests stay closed rather than open to everyone.
            log.warning("slack: users.info failed: %s", error.response.get("error"))
            return False
        return bool(member.get("is_admin") or member.get("is_owner"))


async def _cannot_post_digests(request: Request, client: AsyncWebClient) -> str | None:
    """Why digests could not work in the asking channel, or None: checked before subscribing.

    Digests need the channel's history as well as posting (a crashed run is looked up there
    before it is sent again), so the check is the call recovery makes: conversations.history.
    Slack answers not_in_channel for a public channel the bot is not in, channel_not_found for
    a private one (it does not reveal that it exists), missing_scope for an old install.
    """
    action = request.argument.split(" ", 1)[0].casefold()
    if request.command != "digest" or action != "subscribe" or not request.context.is_admin:
        return None
    channel = request.context.channel
    try:
        await client.conversations_history(channel=channel, limit=1)
    except SlackApiError as error:
        code = str(error.response.get("error") or "")
        log.warning("slack: digests cannot be read back in %s: %s", channel, code)
        if code in {"not_in_channel", "channel_not_found"}:
            return messages.SLACK_DIGEST_INVITE_FIRST
        if code == "missing_scope":
            needed = str(error.response.get("needed") or "")
            return messages.SLACK_DIGEST_MISSING_SCOPE.format(scope=needed)
    return None


def new_client(
    token: str, base_url: str = AsyncWebClient.BASE_URL, *, retry_server_errors: bool = True
) -> AsyncWebClient:
    """A Web API client that waits out a 429 for as long as Slack's Retry-After says and,
    unless told otherwise, tries a 500 or 503 again after a short backoff."""
    client = AsyncWebClient(token=token, base_url=base_url)
    client.retry_handlers.append(
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)
    )
    if retry_server_errors:
        client.retry_handlers.append(
            AsyncServerErrorRetryHandler(max_retry_count=SERVER_ERROR_RETRIES)
        )
    return client


def build_app(
    router: Router,
    client: AsyncWebClient,
    *,
    signing_secret: str | None = None,
    command: str = "/brief",
    admins: frozenset[str] = frozenset(),
) -> AsyncApp:
    """The Bolt app; with a signing secret it verifies every HTTP request's signature."""
    app = AsyncApp(
        client=client,
        signing_secret=signing_secret,
        request_verification_enabled=signing_secret is not None,
    )
    listeners = Listeners(router, command, admins)
    app.command(command)(listeners.on_command)
    app.event("app_mention")(listeners.on_mention)
    app.event("message")(listeners.on_message)
    return app


class SlackSurface:
    """Slack through Socket Mode (the default) or an HTTP endpoint at /slack/events."""

    name = "slack"

    def __init__(self, settings: Settings, router: Router) -> None:
        self.settings = settings
        self.router = router
        token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else ""
        api = settings.slack_api_url
        self.client = new_client(token, api)
        # A 5xx may come after Slack has posted, so a digest is never re-sent blindly: the
        # scheduler's next fire asks the channel's history first (exactly once).
        self.poster = SlackPoster(new_client(token, api, retry_server_errors=False))

    async def run(self) -> None:
        settings = self.settings
        _required(settings.slack_bot_token, messages.SLACK_NEEDS_BOT_TOKEN)
        try:
            if settings.slack_mode == "socket":
                app_token = _required(settings.slack_app_token, messages.SLACK_NEEDS_APP_TOKEN)
                if not app_token.startswith("xapp-"):
                    raise AttacheError(messages.SLACK_BAD_APP_TOKEN)
                await _serve_socket_mode(await self._checked_app(None), app_token)
            else:
                secret = _required(
                    settings.slack_signing_secret, messages.SLACK_NEEDS_SIGNING_SECRET
                )
                await _serve_http(await self._checked_app(secret), settings.slack_port)
        except SlackApiError as error:
            code = error.response.get("error", "unknown error")
            raise AttacheError(messages.SLACK_REJECTED.format(code=code)) from error

    async def _checked_app(self, signing_secret: str | None) -> AsyncApp:
        # Check the token once before serving: Socket Mode would otherwise retry a dead
        # token or an unreachable Slack forever, with nothing on the terminal.
        app = self._app(signing_secret)
        await app.client.auth_test()
        return app

    def _app(self, signing_secret: str | None) -> AsyncApp:
        admins = frozenset(a.strip() for a in self.settings.slack_admins.split(",") if a.strip())
        return build_app(
            self.router,
            self.client,
            signing_secret=signing_secret,
            command=self.settings.slack_command,
            admins=admins,
        )


async def _serve_socket_mode(app: AsyncApp, app_token: str) -> None:
    handler = AsyncSocketModeHandler(app, app_token)
    try:
        await handler.start_async()  # type: ignore[no-untyped-call]  # unannotated in bolt
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]


async def _serve_http(app: AsyncApp, port: int) -> None:
    runner = web.AppRunner(app.web_app(path=EVENTS_PATH, port=port))
    await runner.setup()
    try:
        await web.TCPSite(runner, port=port).start()
        log.info("slack: listening on port %d at %s", port, EVENTS_PATH)
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


async def _deliver(
    reply: Reply, respond: AsyncRespond, client: AsyncWebClient, channel: str
) -> None:
    """A slash command's answer: in the channel through response_url, or only to the user."""
    payloads = reply_payloads(reply)
    if reply.private or reply.failed:
        private = capped_payloads(payloads, RESPONSE_URL_POSTS)
        await _send(respond, private, response_type="ephemeral")
        return
    await _send(respond, payloads[:RESPONSE_URL_POSTS], response_type="in_channel")
    # Past response_url's five posts, the rest goes through the Web API.
    await _send(client.chat_postMessage, payloads[RESPONSE_URL_POSTS:], channel=channel)


async def _post_all(reply: Reply, post: Post, **where: str) -> None:
    await _send(post, reply_payloads(reply), **where)


async def _send(post: Post, payloads: list[Payload], **where: str) -> None:
    """Each message in order; a refused post is logged and ends the answer (the rest would
    read as nonsense without it)."""
    for payload in payloads:
        try:
            sent = await post(**payload, **where)
        except SlackApiError as error:
            log.error("slack: posting failed: %s", error.response.get("error", "unknown error"))
            return
        except ClientError as error:
            log.error("slack: posting failed: %s", error)
            return
        # response_url posts answer with a status instead of raising.
        if getattr(sent, "status_code", 200) >= 400:
            log.error("slack: response_url refused the post: %s", sent.status_code)
            return


def _context(body: Mapping[str, Any]) -> Context:
    """Who asked where, from a slash command body or an event callback."""
    event = body.get("event") or {}
    return Context(
        platform="slack",
        workspace=body.get("team_id", ""),
        channel=event.get("channel") or body.get("channel_id", ""),
        user=event.get("user") or body.get("user_id", ""),
    )


def _required(secret: SecretStr | None, message: str) -> str:
    value = secret.get_secret_value() if secret is not None else ""
    if not value:
        raise AttacheError(message)
    return value
