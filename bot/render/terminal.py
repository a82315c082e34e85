"""Briefings and digests for a terminal, with rich. Article text is shown as text, never markup."""

from __future__ import annotations

import re
from datetime import datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from bot import messages
from bot.render import view
from bot.render.bidi import without_bidi_controls
from bot.render.phrases import moment
from bot.render.view import Break, Cited, Cites, Line, ReplyView
from bot.router import Reply
from bot.subscriptions import Subscription
from briefings.briefing import Briefing
from briefings.digest import Digest

# Article and user text may carry terminal escapes (ESC [2J clears the screen, OSC 52 writes
# the clipboard) and rich prints them as they are: each is shown as a visible mark instead.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_STYLES = {"plain": "", "strong": "bold", "emphasis": "italic"}


def terminal_reply(reply: Reply) -> RenderableType:
    """What the console shows for a router reply."""
    return view_group(view.reply_view(reply, messages.ASK_MORE_FLAG))


def terminal_briefing(briefing: Briefing) -> RenderableType:
    return view_group(view.briefing_view(briefing, messages.ASK_MORE_FLAG))


def terminal_digest(digest: Digest, note: str | None = None) -> RenderableType:
    """A digest: its window, each event with its claims and what came before, coming up."""
    return view_group(view.digest_view(digest, note))


def view_group(shown: ReplyView) -> RenderableType:
    """A view as lines of rich Text, every control character made visible."""
    if shown.title is None:
        return Text(visible(shown.message or ""), style="red" if shown.failed else "")
    subtitle = f" — {shown.subtitle}" if shown.subtitle else ""
    parts = [Text.assemble((shown.title, "bold"), subtitle)]
    parts.extend(_text(line) for line in shown.about)
    for section in shown.sections:
        parts.append(Text(""))
        if section.heading:
            parts.append(Text(section.heading, style="bold"))
        parts.extend(_text(line, "dim" if section.aside else "") for line in section.lines)
    if shown.sources:
        parts.extend([Text(""), Text(messages.SOURCES_TITLE, style="bold")])
        parts.extend(_source(cited) for cited in shown.sources)
    if shown.footer:
        parts.append(Text(""))
        parts.extend(Text(line, style="dim") for line in shown.footer)
    return _inert(Group(*parts))


def terminal_subscriptions(found: list[Subscription], now: datetime) -> RenderableType:
    """The subscriptions as a table: id, where, filter, schedule and the next digest's time."""
    table = Table("id", "platform", "channel", "filter", "schedule", "next digest")
    for each in found:
        record = each.record
        table.add_row(
            str(each.id),
            visible(f"{record.platform}:{record.workspace}"),
            visible(record.channel),
            Text(visible(record.filter)),
            each.schedule.describe(),
            moment(each.next_fire(now)),
        )
    return table


def visible(text: str) -> str:
    """`text` with its control characters, but newline and tab, as visible marks.

    Bidirectional controls are dropped instead (bot.render.bidi says why).
    """
    return _CONTROL.sub(_control_picture, without_bidi_controls(text))


def _control_picture(match: re.Match[str]) -> str:
    # One character for one, so the styles of a Text keep their offsets.
    code = ord(match.group(0))
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, Unicode's control pictures
    return "\u2421" if code == 0x7F else "\ufffd"


def _inert(group: Group) -> Group:
    """The group with every Text's control characters made visible."""
    for part in group.renderables:
        if isinstance(part, Text):
            part.plain = visible(part.plain)
    return group


def _text(line: Line, style: str = "") -> Text:
    text = Text(style=style)
    for part in line.parts:
        if isinstance(part, Cites):
            text.append("".join(f"[{n}]" for n in part.numbers), "bold")
        elif isinstance(part, Break):
            text.append("\n  ")
        else:
            text.append(part.text, _STYLES[part.style])
    return text


def _source(cited: Cited) -> Text:
    # The terminal is the reader's own machine: it shows where a source is kept in full.
    where = cited.url or cited.path or ""
    return Text(f"[{cited.n}] {cited.title} — {cited.about} — {where}")
