"""Posting digests to Slack exactly once: each message carries its run in message metadata.

`chat.postMessage` stores `metadata` with the message, invisibly to people; after a crash,
`conversations.history` with `include_all_metadata` tells whether a run's digest went out.
A 429 is waited out by the client's rate-limit retry handler (see `app.new_client`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.posting import LookupRefused, Posted, posted, unsent
from bot.slack import blocks
from briefings.digest import Digest

EVENT_TYPE = "attache_digest"
# How far back to look for a run's messages: a digest posted before a crash is recent.
HISTORY_PAGES = 5
HISTORY_PAGE_SIZE = 200
# Errors that may pass if asked again later; any other refusal will not change by itself.
PASSING_ERRORS = frozenset({"ratelimited", "internal_error", "fatal_error", "request_timeout"})


class SlackPoster:
    """The Slack side of the Poster seam; message refs are `channel/ts` of the first part."""

    platform = "slack"

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def post_digest(
        self,
        channel: str,
        digest: Digest,
        run_key: str,
        note: str | None,
        already: Posted | None = None,
    ) -> str:
        """Post the digest, split into as many messages as Slack's limits need; the parts
        `already` in the channel are not sent again."""
        payloads = blocks.digest_payloads(digest, note)
        first = already.ref if already else ""
        for part, payload in unsent(payloads, already):
            sent = await self.client.chat_postMessage(
                channel=channel,
                **payload,
                metadata=metadata(run_key, part, len(payloads)),
                unfurl_links=False,
                unfurl_media=False,
            )
            first = first or f"{channel}/{sent['ts']}"
        return first

    async def find_digest(self, channel: str, run_key: str) -> Posted | None:
        """The messages of this run in the channel's recent history, if any."""
        refs: dict[int, str] = {}
        total = 0
        try:
            async for message in self._history(channel):
                if run_of(message) == run_key:
                    part, total = part_of(message)
                    refs[part] = f"{channel}/{message['ts']}"
        except SlackApiError as error:
            raise refusal(error) from error
        return posted(refs, total)

    async def _history(self, channel: str) -> AsyncIterator[dict[str, Any]]:
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            page = await self.client.conversations_history(
                channel=channel,
                include_all_metadata=True,
                limit=HISTORY_PAGE_SIZE,
                cursor=cursor,
            )
            for message in page.get("messages") or []:
                yield message
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if cursor is None:
                return


def refusal(error: SlackApiError) -> Exception:
    """`LookupRefused` for an error that lasts (missing_scope, not_in_channel, ...), else the
    error itself: a rate limit or a 5xx may pass by the next fire."""
    code = str(error.response.get("error") or "unknown_error")
    if error.response.status_code >= 500 or code in PASSING_ERRORS:
        return error
    return LookupRefused(code)


def metadata(run_key: str, part: int, parts: int) -> dict[str, Any]:
    """Message metadata naming the run; a digest split in parts marks each part."""
    return {
        "event_type": EVENT_TYPE,
        "event_payload": {"run": run_key, "part": part, "parts": parts},
    }


def run_of(message: dict[str, Any]) -> str | None:
    """The run a message of ours belongs to, from its metadata; None for any other message."""
    found = message.get("metadata") or {}
    if found.get("event_type") != EVENT_TYPE:
        return None
    run = (found.get("event_payload") or {}).get("run")
    return str(run) if run is not None else None


def part_of(message: dict[str, Any]) -> tuple[int, int]:
    """Which part of how many a message of ours is; a digest from before parts were
    numbered counts as whole."""
    payload = (message.get("metadata") or {}).get("event_payload") or {}
    return int(payload.get("part", 1)), int(payload.get("parts", 1))
