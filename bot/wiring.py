"""Where Attaché's parts are built from the settings and handed to each other."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial

import httpx

from bot.config import Settings
from bot.posting import Poster
from bot.router import Router, SourcesPoll
from bot.scheduler import DigestRules, DigestScheduler, SourcePoll
from bot.subscriptions import DigestSettings
from bot.surfaces import Surface
from briefings.compose import Limits
from briefings.ingest.fetch import Fetcher, new_client
from briefings.ingest.polling import PollOutcome, poll_due, poll_now
from briefings.writing import Writer
from store import Store


def build_writer(settings: Settings, store: Store, limits: Limits) -> Writer | None:
    """The LLM summary writer when a key or base URL is configured, else None (offline)."""
    if not settings.llm_enabled:
        return None
    # Imported here: the openai package takes most of a second to load, and offline
    # commands should not pay for it.
    from briefings.llm import new_client, write_claims

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    client = new_client(
        api_key=key,
        base_url=settings.openai_base_url,
        timeout=settings.llm_timeout,
        max_retries=settings.llm_max_retries,
    )
    return partial(
        write_claims, client, settings.openai_model, cache=store, max_claims=limits.claims
    )


def build_router(settings: Settings, db_path: str) -> Router:
    """The command router, with the LLM writer when one is configured."""
    return Router(
        db_path,
        lambda store, limits: build_writer(settings, store, limits),
        digests=DigestSettings.from_settings(settings),
        poll=build_poll_now(settings),
    )


def build_surfaces(settings: Settings, router: Router) -> list[Surface]:
    """Every chat platform whose token is configured (none: the caller opens the console)."""
    surfaces: list[Surface] = []
    if settings.slack_enabled:
        from bot.slack import SlackSurface

        surfaces.append(SlackSurface(settings, router))
    if settings.discord_enabled:
        from bot.discord import DiscordSurface

        surfaces.append(DiscordSurface(settings, router))
    return surfaces


def build_scheduler(
    settings: Settings, db_path: str, router: Router, surfaces: list[Surface]
) -> DigestScheduler:
    """The scheduler posting to every started platform; the router tells it of new subscriptions."""
    posters: dict[str, Poster] = {}
    for surface in surfaces:
        poster: Poster | None = getattr(surface, "poster", None)
        if poster is not None:
            posters[poster.platform] = poster
    rules = DigestRules(
        max_age=timedelta(days=settings.digest_max_age_days), quiet_line=settings.digest_quiet_line
    )
    scheduler = DigestScheduler(db_path, posters, rules, poll=build_poll(settings))
    router.on_subscriptions_changed = scheduler.subscriptions_changed
    return scheduler


def build_poll(settings: Settings) -> SourcePoll:
    """Polling of the registered feeds and folders that are due, with one HTTP client."""
    fetcher = build_fetcher(settings, new_client(settings.fetch_timeout, settings.allowed_networks))
    return lambda store, now: poll_due(store, fetcher, now)


def build_poll_now(settings: Settings) -> SourcesPoll:
    """`sources poll [ID]` from chat or the console: one HTTP client for each such poll."""

    def poll(store: Store, now: datetime, source_id: int | None) -> list[PollOutcome]:
        with new_client(settings.fetch_timeout, settings.allowed_networks) as client:
            return poll_now(store, build_fetcher(settings, client), now, source_id)

    return poll


def build_fetcher(settings: Settings, client: httpx.Client) -> Fetcher:
    """Fetching through `client` with the size cap and teaser page limits of the settings."""
    return Fetcher(
        client,
        settings.max_document_bytes,
        page_workers=settings.teaser_workers,
        page_budget=settings.teaser_budget,
    )
