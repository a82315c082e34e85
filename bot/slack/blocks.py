"""A router Reply as Slack Block Kit messages: pure, escaped, and within Slack's limits.

Every text that comes from a user or an article goes through `escape`; mrkdwn objects are
`verbatim` so Slack does not go looking for channel names or mentions in them either.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from bot import messages
from bot.render.phrases import file_name
from bot.render.view import Cited, Line, Markup, ReplyView, Section, digest_view, marked, reply_view
from bot.router import Reply
from bot.slack.escape import escape, link, pieces, shorten
from briefings.digest import Digest

Block = dict[str, Any]
Message = list[Block]

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_CONTEXT_ELEMENTS = 10
# Slack has rejected messages near 13k characters of blocks in total: split well before.
MAX_MESSAGE = 12_000
# Roles and aliases are read at a glance; this also keeps a context block small.
MAX_CONTEXT_TEXT = 300
MAX_TITLE = 300
MAX_FALLBACK = 300
MRKDWN = Markup(escape, strong="*{}*", emphasis="_{}_", between_cites=" ")


def reply_messages(reply: Reply) -> list[Message]:
    """The messages that show `reply`, in order; each a list of blocks within Slack's limits."""
    return split_messages(reply_blocks(reply))


def reply_payloads(reply: Reply) -> list[dict[str, Any]]:
    """What is posted for `reply`: one `{"text": fallback, "blocks": [...]}` per message."""
    return [
        {"text": fallback_text(message), "blocks": message} for message in reply_messages(reply)
    ]


def capped_payloads(payloads: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """At most `limit` messages; when some are cut, the last one kept says so and how to get
    the rest (a response_url takes only five posts, so the rest cannot follow)."""
    if len(payloads) <= limit:
        return payloads
    left = len(payloads) - limit
    note = messages.SLACK_CUT.format(
        limit=limit, count=left, messages="message" if left == 1 else "messages"
    )
    last = payloads[limit - 1]
    # A full message gives up its last block for the note: it is cut there anyway.
    blocks = [*last["blocks"][: MAX_BLOCKS - 1], _section(note)]
    return [*payloads[: limit - 1], {"text": last["text"], "blocks": blocks}]


def fallback_text(message: Message) -> str:
    """The plain text Slack shows in notifications for a message: its first text, short."""
    texts = (_block_text(block) for block in message)
    return shorten(next((text for text in texts if text.strip()), ""), MAX_FALLBACK)


def reply_blocks(reply: Reply) -> list[Block]:
    """All the blocks of a reply, before they are split into messages."""
    return view_blocks(reply_view(reply, messages.ASK_MORE_FLAG))


def split_messages(blocks: Iterable[Block]) -> list[Message]:
    """Blocks grouped into messages of at most 50 blocks and about 12k characters each."""
    grouped: list[Message] = [[]]
    size = 0
    for block in blocks:
        weight = len(json.dumps(block, ensure_ascii=False))
        current = grouped[-1]
        if current and (len(current) == MAX_BLOCKS or size + weight > MAX_MESSAGE):
            grouped.append([])
            size = 0
        grouped[-1].append(block)
        size += weight
    return grouped


def digest_payloads(digest: Digest, note: str | None = None) -> list[dict[str, Any]]:
    """What a digest posts: one `{"text", "blocks"}` per message, each within Slack's limits."""
    return [
        {"text": fallback_text(message), "blocks": message}
        for message in split_messages(view_blocks(digest_view(digest, note)))
    ]


def view_blocks(view: ReplyView) -> list[Block]:
    """All the blocks of a view: a header, its sections (each after a divider), sources, footer."""
    if view.title is None:
        return _sections(escape(view.message or messages.SLACK_EMPTY_REPLY))
    links = {cited.n: cited.url for cited in view.sources}
    about = [escape(view.subtitle)] if view.subtitle else []
    about += [_text(line, links) for line in view.about]
    blocks = [_header(view.title)] + ([_context(about)] if about else [])
    for section in view.sections:
        blocks.extend(_section_blocks(section, links))
    if view.sources:
        blocks.extend([_divider(), _section(f"*{messages.SOURCES_TITLE}*")])
        blocks.extend(block for cited in view.sources for block in _sections(_source(cited)))
    if view.footer:
        blocks.append(_context([escape(text) for text in view.footer]))
    return blocks


def _section_blocks(section: Section, links: Mapping[int, str | None]) -> list[Block]:
    texts = [_text(line, links) for line in section.lines]
    if section.aside:
        return [_context(texts)]
    blocks = [_divider()]
    if section.heading:
        blocks.append(_section(f"*{escape(section.heading)}*"))
    blocks.extend(block for text in texts for block in _sections(text))
    return blocks


def _text(line: Line, links: Mapping[int, str | None]) -> str:
    """A line as escaped mrkdwn, its citations linked to their sources."""
    return marked(line, MRKDWN, lambda n: _cite(n, links.get(n)))


def _source(cited: Cited) -> str:
    title = escape(shorten(cited.title, MAX_TITLE))
    shown = link(cited.url, title) if cited.url else title
    path = f"\n{escape(file_name(cited.path))}" if cited.path and not cited.url else ""
    return f"*[{cited.n}]* {shown} — {escape(cited.about)}{path}"


def _cite(n: int, url: str | None) -> str:
    return link(url, f"[{n}]") if url else f"[{n}]"


def _divider() -> Block:
    return {"type": "divider"}


def _header(text: str) -> Block:
    # Escaped like every other text: the header may be a user's query.
    return {"type": "header", "text": _plain(shorten(escape(text), MAX_HEADER))}


def _section(text: str) -> Block:
    return {"type": "section", "text": _mrkdwn(text)}


def _sections(text: str) -> list[Block]:
    """One section per piece of an escaped text longer than a section can hold."""
    return [_section(piece) for piece in pieces(text, MAX_SECTION) if piece.strip()]


def _context(elements: list[str]) -> Block:
    """A context block; past ten elements, the rest share the tenth."""
    head = elements[: MAX_CONTEXT_ELEMENTS - 1]
    tail = " · ".join(elements[MAX_CONTEXT_ELEMENTS - 1 :])
    fitted = [shorten(text, MAX_CONTEXT_TEXT) for text in [*head, tail] if text]
    return {"type": "context", "elements": [_mrkdwn(text) for text in fitted]}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _block_text(block: Block) -> str:
    if "text" in block:
        return str(block["text"]["text"])
    return " ".join(str(element["text"]) for element in block.get("elements", ()))
