"""Attaché on Slack: the Bolt app (`app`), the Block Kit renderer (`blocks`), escaping."""

from bot.slack.app import SlackSurface, build_app, new_client
from bot.slack.blocks import reply_messages, reply_payloads

__all__ = ["SlackSurface", "build_app", "new_client", "reply_messages", "reply_payloads"]
