"""A router Reply as Discord embeds: pure, escaped, and within every Discord limit.

Sizes are counted in UTF-16 code units, as Discord's own (JavaScript) limits are; that
is never less than Python's `len`, so a message that fits here fits there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

import discord
from discord.utils import escape_markdown, escape_mentions

from bot import messages
from bot.render.bidi import without_bidi_controls
from bot.render.phrases import file_name
from bot.render.view import Cited, Line, Markup, ReplyView, digest_view, marked, reply_view
from bot.router import Reply
from briefings.digest import Digest

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FOOTER_LIMIT = 2048
EMBEDS_PER_MESSAGE = 10
MESSAGE_LIMIT = 6000
# What a digest message leaves for the poster's run mark in its last footer
# (" · run 12345-1714521600 (10/12)" is 32 units).
STAMP_ROOM = 64

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
    return view_embeds(reply_view(reply, messages.ASK_MORE_OPTION))


def digest_embeds(digest: Digest, note: str | None = None) -> list[list[discord.Embed]]:
    """The messages that post a digest, each a list of embeds within Discord's limits; each
    message leaves room for the poster's run mark in its last footer."""
    return view_embeds(digest_view(digest, note), reserve=STAMP_ROOM)


def view_embeds(view: ReplyView, reserve: int = 0) -> list[list[discord.Embed]]:
    """A view as messages of embeds, `reserve` units of each message left free."""
    colour = FAILED_COLOUR if view.failed else COLOUR
    pages = _messages(_cards(view, reserve), MESSAGE_LIMIT - reserve)
    return [[card.embed(colour) for card in page] for page in pages]


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


MARKDOWN = Markup(safe, strong="**{}**", emphasis="*{}*")


# -- what to say --------------------------------------------------------------------------


def _cards(view: ReplyView, reserve: int) -> list[_Card]:
    if view.title is None:
        # Our own sentence, whose `code` marks stay, quoting what the user typed: no pings,
        # no links.
        quoted = without_bidi_controls(view.message or "")
        return _pack(None, [_unbracketed(escape_mentions(quoted))])
    links = {cited.n: _link(cited.url) for cited in view.sources}
    cards = _pack(shorten(safe(view.title), TITLE_LIMIT), _body(view, links))
    if view.sources:
        cards += _pack(messages.SOURCES_TITLE, [_source(cited) for cited in view.sources])
    if view.footer:
        # Within the footer limit and within what the last embed leaves of a message.
        room = min(FOOTER_LIMIT, MESSAGE_LIMIT - cards[-1].size()) - reserve
        cards[-1].footer = shorten(" ".join(view.footer), room)
    return cards


def _body(view: ReplyView, links: dict[int, str | None]) -> list[str]:
    """The first embed's description: what the reply is about, then each section."""
    lines = [f"*{safe(view.subtitle)}*"] if view.subtitle else []
    lines += [_text(line, links) for line in view.about]
    for section in view.sections:
        if lines and not section.aside:
            lines.append("")
        if section.heading:
            lines.append(f"**{safe(section.heading)}**")
        lines.extend(_text(line, links) for line in section.lines)
    return lines


def _text(line: Line, links: dict[int, str | None]) -> str:
    """A line as inert markdown, its citations linked to their sources."""
    return marked(line, MARKDOWN, lambda n: _cite(n, links.get(n)))


def _source(cited: Cited) -> str:
    title = safe(cited.title)
    link = _link(cited.url)
    named = f"[{_bracketless(title)}]({link})" if link else title
    where = "" if link else f" — {safe(file_name(cited.path or ''))}"
    return f"**[{cited.n}]** {named} — {safe(cited.about)}{where}"


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
