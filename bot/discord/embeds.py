"""A router Reply as Discord embeds: pure, escaped, and within every Discord limit.

Sizes are counted in UTF-16 code units, as Discord's own (JavaScript) limits are; that
is never less than Python's `len`, so a message that fits here fits there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

import discord
from discord.utils import escape_markdown, escape_mentions

from bot import messages
from bot.render.bidi import without_bidi_controls
from bot.render.phrases import (
    entry_happening,
    event_head,
    file_name,
    outlets_text,
    overview_summary,
    window_text,
)
from bot.router import Overview, Reply
from briefings.briefing import Briefing, Claim, Source, Subject, TimelineEntry
from briefings.digest import Digest, DigestEvent, Previously
from briefings.model import PartialDate

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FOOTER_LIMIT = 2048
EMBEDS_PER_MESSAGE = 10
MESSAGE_LIMIT = 6000
# What a digest message leaves for the poster's run mark in its last footer
# (" · run 12345-1714521600 (10/12)" is 32 units).
STAMP_ROOM = 64
CONTENT_LIMIT = 2000

ELLIPSIS = "…"
COLOUR = discord.Colour(0x2B5C8A)
FAILED_COLOUR = discord.Colour(0xB3412E)
_URL_UNSAFE = re.compile(r"[\s()<>\[\]]")


@dataclass
class _Card:
    """An embed under construction: a plain record, so sizes are easy to count."""

    title: str | None = None
    lines: list[str] = field(default_factory=list)
    footer: str | None = None

    def size(self) -> int:
        return sum(_units(part) for part in (self.title, self.description(), self.footer) if part)

    def description(self) -> str:
        return "\n".join(self.lines)

    def embed(self, colour: discord.Colour) -> discord.Embed:
        embed = discord.Embed(title=self.title, description=self.description() or None)
        embed.colour = colour
        if self.footer:
            embed.set_footer(text=self.footer)
        return embed


def reply_embeds(reply: Reply) -> list[list[discord.Embed]]:
    """The messages to send for a reply, each a list of embeds within Discord's limits."""
    colour = FAILED_COLOUR if reply.failed else COLOUR
    cards = _cards(reply)
    return [[card.embed(colour) for card in message] for message in _messages(cards)]


def digest_embeds(digest: Digest, note: str | None = None) -> list[list[discord.Embed]]:
    """The messages that post a digest, each a list of embeds within Discord's limits."""
    cards = _digest_cards(digest, note)
    limit = MESSAGE_LIMIT - STAMP_ROOM
    return [[card.embed(COLOUR) for card in message] for message in _messages(cards, limit)]


def safe(text: str) -> str:
    """Untrusted text as inert Discord markdown: no formatting, no pings, no bidi controls."""
    plain = without_bidi_controls(text)
    escaped = escape_markdown(escape_mentions(plain), as_needed=False, ignore_links=False)
    return _unbracketed(escaped)


def _unbracketed(text: str) -> str:
    # escape_mentions leaves `<@123>` (too short for an id), `<#…>` and `</cmd:…>` live, and
    # our own sentences may quote a user's `[x](https://…)`: an escaped `<` or `(` shows as is.
    return text.replace("<", "\\<").replace("](", "]\\(")


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` units, with an ellipsis when cut."""
    if _units(text) <= limit:
        return text
    head, _ = _cut(text, limit - _units(ELLIPSIS))
    return head + ELLIPSIS


# -- what to say --------------------------------------------------------------------------


def _cards(reply: Reply) -> list[_Card]:
    if reply.briefing is not None:
        return _briefing_cards(reply.briefing)
    if reply.digest is not None:
        return _digest_cards(reply.digest, reply.note)
    if reply.overview is not None:
        return [_Card("What Attaché has indexed", _overview_lines(reply.overview))]
    # Our own sentence, possibly quoting what the user typed: no pings, no links, markdown kept.
    # Our own sentence, whose `code` marks stay, quoting what the user typed.
    quoted = without_bidi_controls(reply.text or "")
    return _pack(None, [_unbracketed(escape_mentions(quoted))])


def _briefing_cards(briefing: Briefing) -> list[_Card]:
    links = {s.n: _link(s.url) for s in briefing.sources}
    cards = _pack(_title(briefing), _body_lines(briefing, links))
    if briefing.sources:
        cards += _pack("Sources", [_source_line(s) for s in briefing.sources])
    footer = _footer(briefing)
    if footer:
        # Within the footer limit and within what the last embed leaves of a message.
        room = min(FOOTER_LIMIT, MESSAGE_LIMIT - cards[-1].size())
        cards[-1].footer = shorten(footer, room)
    return cards


def _title(briefing: Briefing) -> str:
    if briefing.subject is not None:
        text = briefing.subject.name
    else:
        text = f"{briefing.command.capitalize()}: {briefing.query}"
    return shorten(safe(text), TITLE_LIMIT)


def _body_lines(briefing: Briefing, links: dict[int, str | None]) -> list[str]:
    lines = _subject_lines(briefing.subject, links) if briefing.subject else []
    if briefing.note:
        lines.append(f"*{safe(briefing.note)}*")
    lines.extend(f"• {safe(name)}" for name in briefing.candidates)
    lines.extend(_claim_line(claim, links) for claim in briefing.claims)
    subject = briefing.subject.name if briefing.subject else None
    lines.extend(_entry_line(entry, subject, links) for entry in briefing.timeline)
    if briefing.related:
        names = ", ".join(f"{safe(r.name)} ({r.articles})" for r in briefing.related)
        lines.append(f"**Often with:** {names}")
    return lines


def _subject_lines(subject: Subject, links: dict[int, str | None]) -> list[str]:
    kind = subject.kind + (f", {subject.country}" if subject.country else "")
    lines = [f"*{safe(kind)}*"]
    if subject.description:
        lines.append(safe(subject.description))
    if subject.aliases:
        lines.append("Also: " + ", ".join(safe(a) for a in subject.aliases))
    for role in subject.roles:
        title = role.title + (f", {role.country}" if role.country else "")
        period = _period(role.first, role.last)
        lines.append(f"**{safe(title)}**{period} {_cites(role.sources, links)}")
    return [*lines, ""]


def _period(first: PartialDate | None, last: PartialDate | None) -> str:
    if first is None or last is None:
        return ""
    if first == last:
        return f" (as of {first.human()})"
    return f" ({first.human()} to {last.human()})"


def _claim_line(claim: Claim, links: dict[int, str | None]) -> str:
    dated = f"**{claim.date.human()}** " if claim.date else ""
    return f"• {dated}{safe(claim.text)} {_cites(claim.sources, links)}"


def _entry_line(entry: TimelineEntry, subject: str | None, links: dict[int, str | None]) -> str:
    span = entry.date.human() + (f" – {entry.until.human()}" if entry.until else "")
    head = safe(entry_happening(entry, subject))
    return f"• **{span}**: {head} — {safe(entry.text)} {_cites(entry.sources, links)}"


def _source_line(source: Source) -> str:
    title = safe(source.title)
    link = _link(source.url)
    named = f"[{_bracketless(title)}]({link})" if link else title
    outlet = safe(source.outlet or "outlet unknown")
    when = source.published.human() if source.published else "undated"
    where = "" if link else f" — {safe(file_name(source.path or ''))}"
    return f"**[{source.n}]** {named} — {outlet}, {when}{where}"


def _footer(briefing: Briefing) -> str:
    parts = []
    if briefing.found:
        how = (
            "written by the language model"
            if briefing.mode == "llm"
            else "quoted from the articles"
        )
        parts.append(f"Summary {how}.")
    if briefing.more:
        parts.append(f"{briefing.more} more available: run again with more: True.")
    return " ".join(parts)


def _digest_cards(digest: Digest, note: str | None) -> list[_Card]:
    links = {s.n: _link(s.url) for s in digest.sources}
    title = shorten(safe(messages.DIGEST_TITLE.format(subject=digest.subject)), TITLE_LIMIT)
    lines = [f"*{safe(window_text(digest.window))}*"] + ([f"*{safe(note)}*"] if note else [])
    for event in digest.events:
        lines.extend(["", *_event_lines(event, links)])
    if digest.more:
        lines.append(f"*{messages.DIGEST_MORE.format(count=digest.more)}*")
    if digest.coming_up:
        lines.extend(["", f"**{messages.DIGEST_COMING_UP}**"])
        lines.extend(_entry_line(entry, None, links) for entry in digest.coming_up)
    cards = _pack(title, lines)
    if digest.sources:
        cards += _pack(messages.DIGEST_SOURCES, [_source_line(s) for s in digest.sources])
    room = min(FOOTER_LIMIT, MESSAGE_LIMIT - cards[-1].size()) - STAMP_ROOM
    cards[-1].footer = shorten(messages.DIGEST_FOOTER, room)
    return cards


def _event_lines(event: DigestEvent, links: dict[int, str | None]) -> list[str]:
    date, _, rest = event_head(event).partition(": ")
    lines = [f"**{safe(date)}**: {safe(rest)}"]
    lines.extend(f"{safe(c.text)} {_cites(c.sources, links)}" for c in event.claims)
    if event.previously:
        lines.append(_previously_line(event.previously, links))
    return lines


def _previously_line(previously: Previously, links: dict[int, str | None]) -> str:
    head = f"*{messages.DIGEST_PREVIOUSLY} ({previously.date.human()}):*"
    return f"{head} {safe(previously.text)} {_cites(previously.sources, links)}"


def _overview_lines(overview: Overview) -> list[str]:
    lines = [overview_summary(overview.stats)]
    if overview.outlets:
        lines.append("Outlets: " + safe(outlets_text(overview.outlets)))
    if overview.watched:
        lines.append(f"**{messages.WATCHED_TITLE}**")
        lines.extend(f"• {safe(line)}" for line in overview.watched)
    return lines


def _cites(numbers: Iterable[int], links: dict[int, str | None]) -> str:
    return "".join(_cite(n, links.get(n)) for n in numbers)


def _cite(n: int, link: str | None) -> str:
    return f"[[{n}]]({link})" if link else f"[{n}]"


def _link(url: str | None) -> str | None:
    """An http(s) URL fit for a markdown link target, or None: article URLs are untrusted."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    return _URL_UNSAFE.sub(lambda m: quote(m.group(0)), url)


def _bracketless(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


# -- how it fits ---------------------------------------------------------------------------


def _pack(title: str | None, lines: list[str]) -> list[_Card]:
    """Lines into as many embeds as their descriptions need; only the first has the title."""
    cards = [_Card(title)]
    for line in _fitting(lines, DESCRIPTION_LIMIT):
        card = cards[-1]
        if card.lines and _units(card.description()) + 1 + _units(line) > DESCRIPTION_LIMIT:
            card = _Card()
            cards.append(card)
        card.lines.append(line)
    return cards


def _fitting(lines: list[str], limit: int) -> Iterator[str]:
    """Each line, split at word boundaries with ellipses when it alone exceeds `limit`."""
    for line in lines:
        while _units(line) > limit:
            head, line = _cut(line, limit - _units(ELLIPSIS))
            yield head + ELLIPSIS
            line = ELLIPSIS + line
        yield line


def _messages(cards: list[_Card], limit: int = MESSAGE_LIMIT) -> list[list[_Card]]:
    messages: list[list[_Card]] = [[]]
    total = 0
    for card in cards:
        full = len(messages[-1]) == EMBEDS_PER_MESSAGE or total + card.size() > limit
        if messages[-1] and full:
            messages.append([])
            total = 0
        messages[-1].append(card)
        total += card.size()
    return messages


def _cut(text: str, limit: int) -> tuple[str, str]:
    """`text` split at the last space that leaves at most `limit` units before it."""
    room = _prefix_within(text, limit)
    space = text.rfind(" ", 0, room + 1)
    # One unbroken word longer than the limit (a URL, say) must be cut somewhere.
    at = space if space > 0 else room
    return text[:at].rstrip(), text[at:].lstrip()


def _prefix_within(text: str, limit: int) -> int:
    """How many characters of `text` fit in `limit` UTF-16 units."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return index
    return len(text)


def _units(text: str) -> int:
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
