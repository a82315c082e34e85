"""Posting digests to a channel exactly once: the seam between the scheduler and a platform."""

from __future__ import annotations

from typing import Protocol

from briefings.digest import Digest


class Poster(Protocol):
    """A platform's way to post a digest into a channel and to find one it already posted.

    `run_key` identifies the digest run (subscription and window); the platform stores it with
    the message (Slack message metadata, Discord nonce and footer) so that after a crash
    `find` can tell whether the post went out before the run was marked as posted.
    """

    platform: str

    async def post_digest(
        self, channel: str, digest: Digest, run_key: str, note: str | None
    ) -> str: ...

    async def find_digest(self, channel: str, run_key: str) -> str | None: ...
