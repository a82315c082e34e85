"""Attaché on Discord: slash commands, autocomplete and direct messages through discord.py."""

from bot.discord.client import DiscordSurface

__all__ = ["DiscordSurface"]
