"""A router Reply as Slack Block Kit messages: pure, escaped, and within Slack's limits.

Every text that comes from a user or an article goes through `escape`; mrkdwn objects are
`verbatim` so Slack does not go looking for channel names or mentions in them either.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from bot import messages
from bot.render.phrases import (
    entry_happening,
    event_head,
    file_name,
    outlets_text,
    overview_summary,
    window_text,
)
from bot.router import Overview, Reply
from bot.slack.escape import escape, link, pieces, shorten
from briefings.briefing import Briefing, Claim, Role, Source, Subject, TimelineEntry
from briefings.digest import Digest, DigestEvent, Previously
from briefings.model import PartialDate

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
    if reply.briefing is not None:
        return briefing_blocks(reply.briefing)
    if reply.digest is not None:
        return digest_blocks(reply.digest, reply.note)
    if reply.overview is not None:
        return overview_blocks(reply.overview)
    return _sections(escape(reply.text or messages.SLACK_EMPTY_REPLY))


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


def briefing_blocks(briefing: Briefing) -> list[Block]:
    blocks = [_header(_title(briefing))]
    if briefing.subject:
        blocks.append(_subject(briefing.subject, briefing.sources))
    if briefing.note:
        blocks.extend(_sections(f"_{escape(briefing.note)}_"))
    if briefing.candidates:
        names = "\n".join(f"• {escape(name)}" for name in briefing.candidates)
        blocks.extend(_sections(f"{messages.SLACK_CANDIDATES}\n{names}"))
    for claim in briefing.claims:
        blocks.extend(_sections(_claim(claim, briefing.sources)))
    subject = briefing.subject.name if briefing.subject else None
    for entry in briefing.timeline:
        blocks.extend(_sections(_entry(entry, subject, briefing.sources)))
    if briefing.related:
        names = ", ".join(f"{escape(r.name)} ({r.articles})" for r in briefing.related)
        blocks.append(_context([f"*Often with:* {names}"]))
    if briefing.sources:
        blocks.append(_section("*Sources*"))
        blocks.extend(block for s in briefing.sources for block in _sections(_source(s)))
    blocks.append(_context(_footer(briefing)))
    return blocks


def digest_payloads(digest: Digest, note: str | None = None) -> list[dict[str, Any]]:
    """What a digest posts: one `{"text", "blocks"}` per message, each within Slack's limits."""
    return [
        {"text": fallback_text(message), "blocks": message}
        for message in split_messages(digest_blocks(digest, note))
    ]


def digest_blocks(digest: Digest, note: str | None = None) -> list[Block]:
    """All the blocks of a digest, before they are split into messages."""
    title = messages.DIGEST_TITLE.format(subject=digest.subject)
    about = [escape(window_text(digest.window))] + ([f"_{escape(note)}_"] if note else [])
    blocks = [_header(title), _context(about)]
    for event in digest.events:
        blocks.append(_divider())
        blocks.extend(_sections(_event(event, digest.sources)))
    if digest.more:
        blocks.append(_context([messages.DIGEST_MORE.format(count=digest.more)]))
    if digest.coming_up:
        blocks.extend([_divider(), _section(f"*{messages.DIGEST_COMING_UP}*")])
        for entry in digest.coming_up:
            blocks.extend(_sections(_entry(entry, None, digest.sources)))
    if digest.sources:
        blocks.extend([_divider(), _section(f"*{messages.DIGEST_SOURCES}*")])
        blocks.extend(block for s in digest.sources for block in _sections(_source(s)))
    blocks.append(_context([messages.DIGEST_FOOTER]))
    return blocks


def _event(event: DigestEvent, sources: tuple[Source, ...]) -> str:
    date, _, rest = event_head(event).partition(": ")
    lines = [f"*{escape(date)}*: {escape(rest)}"]
    lines.extend(f"{escape(c.text)} {_cites(c.sources, sources)}" for c in event.claims)
    if event.previously:
        lines.append(_previously(event.previously, sources))
    return "\n".join(lines)


def _previously(previously: Previously, sources: tuple[Source, ...]) -> str:
    head = f"_{messages.DIGEST_PREVIOUSLY} ({previously.date.human()}):_"
    return f"{head} {escape(previously.text)} {_cites(previously.sources, sources)}"


def overview_blocks(overview: Overview) -> list[Block]:
    lines = [escape(overview_summary(overview.stats))]
    if overview.outlets:
        lines.append(f"*Outlets:* {escape(outlets_text(overview.outlets))}")
    if overview.watched:
        lines.append(f"*{messages.WATCHED_TITLE}:*")
        lines.extend(f"• {escape(line)}" for line in overview.watched)
    return [_header(messages.SLACK_OVERVIEW_TITLE), *_sections("\n".join(lines))]


def _title(briefing: Briefing) -> str:
    name = briefing.subject.name if briefing.subject else briefing.query
    if briefing.command == "timeline":
        return f"Timeline: {name}"
    return name or "Attaché"


def _subject(subject: Subject, sources: tuple[Source, ...]) -> Block:
    kind = subject.kind + (f", {subject.country}" if subject.country else "")
    elements = [escape(kind)]
    if subject.description:
        elements.append(f"_{escape(subject.description)}_")
    if subject.aliases:
        elements.append("Also: " + escape(", ".join(subject.aliases)))
    elements.extend(_role(role, sources) for role in subject.roles)
    return _context(elements)


def _role(role: Role, sources: tuple[Source, ...]) -> str:
    where = f", {role.country}" if role.country else ""
    period = _period(role.first, role.last)
    return f"*{escape(role.title + where)}*{period} {_cites(role.sources, sources)}"


def _period(first: PartialDate | None, last: PartialDate | None) -> str:
    if first is None or last is None:
        return ""
    if first == last:
        return f" (as of {first.human()})"
    return f" ({first.human()} to {last.human()})"


def _claim(claim: Claim, sources: tuple[Source, ...]) -> str:
    dated = f"*{claim.date.human()}* · " if claim.date else ""
    return f"• {dated}{escape(claim.text)} {_cites(claim.sources, sources)}"


def _entry(entry: TimelineEntry, subject: str | None, sources: tuple[Source, ...]) -> str:
    span = entry.date.human() + (f" – {entry.until.human()}" if entry.until else "")
    head = escape(entry_happening(entry, subject))
    return f"*{span}*: {head}\n{escape(entry.text)} {_cites(entry.sources, sources)}"


def _source(source: Source) -> str:
    title = escape(shorten(source.title, MAX_TITLE))
    shown = link(source.url, title) if source.url else title
    published = source.published.human() if source.published else "undated"
    outlet = escape(source.outlet or "outlet unknown")
    path = f"\n{escape(file_name(source.path))}" if source.path and not source.url else ""
    return f"*[{source.n}]* {shown} — {outlet}, {published}{path}"


def _cites(numbers: tuple[int, ...], sources: tuple[Source, ...]) -> str:
    by_number = {source.n: source for source in sources}
    return " ".join(_cite(n, by_number) for n in numbers)


def _cite(n: int, by_number: Mapping[int, Source]) -> str:
    source = by_number.get(n)
    if source is None or not source.url:
        return f"[{n}]"
    return link(source.url, f"[{n}]")


def _footer(briefing: Briefing) -> list[str]:
    lines = []
    if briefing.more:
        lines.append(messages.SLACK_MORE.format(count=briefing.more))
    if briefing.found:
        lines.append(messages.SLACK_MODE[briefing.mode])
    return lines or [messages.SLACK_NOT_FOUND]


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
