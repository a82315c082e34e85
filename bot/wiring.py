"""Where Attaché's parts are built from the settings and handed to each other."""

from __future__ import annotations

from functools import partial

from bot.config import Settings
from bot.router import Router
from bot.surfaces import Surface
from briefings.brief import Limits
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
    return Router(db_path, lambda store, limits: build_writer(settings, store, limits))


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
