"""Posting digests to a channel exactly once: the seam between the scheduler and a platform."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from briefings.digest import Digest
from store import AttacheError

Page = TypeVar("Page")


@dataclass(frozen=True)
class Posted:
    """What a channel holds of one digest run: the ref of its first message found, and
    which of its `parts` messages (numbered from 1) arrived before a crash cut it short."""

    ref: str
    parts: frozenset[int]
    total: int

    @property
    def complete(self) -> bool:
        return set(range(1, self.total + 1)) <= self.parts


class LookupRefused(AttacheError):
    """The platform refused to show a channel's history (a missing scope or permission, a
    channel the bot is not in): whether a digest went out there cannot be known.

    `reason` is the platform's error code; a failure to reach the platform at all is not
    this, since asking again later may work."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Poster(Protocol):
    """A platform's way to post a digest into a channel and to find one it already posted.

    `run_key` identifies the digest run (subscription and window); the platform stores it with
    each message, numbered part of total (Slack message metadata, Discord nonce and footer),
    so that after a crash `find_digest` can tell what went out before the run was marked as
    posted, and `post_digest` can send only the parts that did not. `find_digest` raises
    `LookupRefused` when the platform will not let it look.
    """

    platform: str

    async def post_digest(
        self,
        channel: str,
        digest: Digest,
        run_key: str,
        note: str | None,
        already: Posted | None = None,
    ) -> str: ...

    async def find_digest(self, channel: str, run_key: str) -> Posted | None: ...


def unsent(pages: Sequence[Page], already: Posted | None) -> Iterator[tuple[int, Page]]:
    """Each message of a digest with its part number (from 1), but those `already` sent."""
    sent = already.parts if already else frozenset()
    return ((part, page) for part, page in enumerate(pages, start=1) if part not in sent)


def posted(refs: Mapping[int, str], total: int) -> Posted | None:
    """What a channel holds of a run, from the refs of its messages by part number."""
    if not refs:
        return None
    return Posted(refs[min(refs)], frozenset(refs), total)
