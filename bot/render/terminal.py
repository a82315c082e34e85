"""Briefings and digests for a terminal, with rich. Article text is shown as text, never markup."""

from __future__ import annotations

import re
from datetime import datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from bot import messages
from bot.render.bidi import without_bidi_controls
from bot.render.phrases import (
    entry_happening,
    event_head,
    moment,
    outlets_text,
    overview_summary,
    window_text,
)
from bot.router import Overview, Reply
from bot.subscriptions import Subscription
from briefings.briefing import Briefing, Claim, Source, Subject, TimelineEntry
from briefings.digest import Digest, DigestEvent, Previously
from briefings.model import PartialDate

# Article and user text may carry terminal escapes (ESC [2J clears the screen, OSC 52 writes
# the clipboard) and rich prints them as they are: each is shown as a visible mark instead.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def reply_view(reply: Reply) -> RenderableType:
    """What the console shows for a router reply."""
    if reply.briefing is not None:
        return briefing_view(reply.briefing)
    if reply.digest is not None:
        return digest_view(reply.digest, reply.note)
    if reply.overview is not None:
        return overview_view(reply.overview)
    return Text(visible(reply.text or ""), style="red" if reply.failed else "")


def overview_view(overview: Overview) -> RenderableType:
    lines = [Text(overview_summary(overview.stats))]
    if overview.outlets:
        lines.append(Text(f"Outlets: {outlets_text(overview.outlets)}"))
    if overview.watched:
        lines.append(Text(messages.WATCHED_TITLE + ":", style="bold"))
        lines.extend(Text(f"• {line}") for line in overview.watched)
    return _inert(Group(*lines))


def briefing_view(briefing: Briefing) -> RenderableType:
    parts: list[RenderableType] = []
    if briefing.subject:
        parts.extend(_subject(briefing.subject))
    if briefing.note:
        parts.append(Text(briefing.note, style="yellow"))
    if briefing.candidates:
        parts.extend(Text(f"  • {name}") for name in briefing.candidates)
    if briefing.claims:
        parts.append(Text(""))
        parts.extend(_claim(claim) for claim in briefing.claims)
    if briefing.timeline:
        parts.append(Text(""))
        subject = briefing.subject.name if briefing.subject else None
        parts.extend(_entry(entry, subject) for entry in briefing.timeline)
    if briefing.related:
        names = ", ".join(f"{r.name} ({r.articles})" for r in briefing.related)
        parts.append(Text.assemble("\n", ("Often with: ", "bold"), names))
    if briefing.sources:
        parts.append(Text("\nSources", style="bold"))
        parts.extend(_source(source) for source in briefing.sources)
    parts.extend(_footer(briefing))
    return _inert(Group(*parts))


def digest_view(digest: Digest, note: str | None = None) -> RenderableType:
    """A digest: its window, each event with its claims and what came before, coming up."""
    parts: list[RenderableType] = [
        Text(messages.DIGEST_TITLE.format(subject=digest.subject), style="bold"),
        Text(window_text(digest.window), style="dim"),
    ]
    if note:
        parts.append(Text(note, style="yellow"))
    for event in digest.events:
        parts.extend(_event(event))
    if digest.more:
        parts.append(Text(messages.DIGEST_MORE.format(count=digest.more), style="dim"))
    if digest.coming_up:
        parts.append(Text("\n" + messages.DIGEST_COMING_UP, style="bold"))
        parts.extend(_entry(entry, None) for entry in digest.coming_up)
    if digest.sources:
        parts.append(Text("\n" + messages.DIGEST_SOURCES, style="bold"))
        parts.extend(_source(source) for source in digest.sources)
    parts.append(Text(messages.DIGEST_FOOTER, style="dim"))
    return _inert(Group(*parts))


def subscriptions_view(found: list[Subscription], now: datetime) -> RenderableType:
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


def _event(event: DigestEvent) -> list[RenderableType]:
    lines: list[RenderableType] = [Text("\n• " + event_head(event), style="cyan")]
    for claim in event.claims:
        lines.append(Text.assemble("  ", claim.text, " ", (_cites(claim.sources), "bold")))
    if event.previously:
        lines.append(_previously(event.previously))
    return lines


def _previously(previously: Previously) -> Text:
    head = f"  {messages.DIGEST_PREVIOUSLY} ({show_date(previously.date)}): "
    return Text.assemble(
        (head, "italic"), previously.text, " ", (_cites(previously.sources), "bold")
    )


def show_date(date: PartialDate | None) -> str:
    return date.human() if date else "undated"


def _subject(subject: Subject) -> list[RenderableType]:
    kind = subject.kind + (f", {subject.country}" if subject.country else "")
    lines: list[RenderableType] = [Text.assemble((subject.name, "bold"), f" — {kind}")]
    if subject.description:
        lines.append(Text(subject.description, style="italic"))
    if subject.aliases:
        lines.append(Text("Also: " + ", ".join(subject.aliases), style="dim"))
    for role in subject.roles:
        lines.append(Text(f"{role.title}{_period(role.first, role.last)} {_cites(role.sources)}"))
    return lines


def _period(first: PartialDate | None, last: PartialDate | None) -> str:
    if first is None or last is None:
        return ""
    if first == last:
        return f" (as of {first.human()})"
    return f" ({first.human()} to {last.human()})"


def _claim(claim: Claim) -> Text:
    dated = f"[{show_date(claim.date)}] " if claim.date else ""
    return Text.assemble("• ", (dated, "cyan"), claim.text, " ", (_cites(claim.sources), "bold"))


def _entry(entry: TimelineEntry, subject: str | None) -> Text:
    span = show_date(entry.date) + (f" – {show_date(entry.until)}" if entry.until else "")
    head = f"{span}: {entry_happening(entry, subject)}"
    return Text.assemble(
        ("• " + head, "cyan"), "\n  ", entry.text, " ", (_cites(entry.sources), "bold")
    )


def _source(source: Source) -> Text:
    outlet = source.outlet or "outlet unknown"
    where = source.url or source.path or ""
    return Text(f"[{source.n}] {source.title} — {outlet}, {show_date(source.published)} — {where}")


def _footer(briefing: Briefing) -> list[RenderableType]:
    lines: list[RenderableType] = []
    if briefing.more:
        lines.append(Text(f"\n{briefing.more} more available: add --more.", style="dim"))
    if briefing.found:
        mode = (
            "written by the language model"
            if briefing.mode == "llm"
            else "quoted from the articles"
        )
        lines.append(Text(f"Summary {mode}.", style="dim"))
    return lines


def _cites(numbers: tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in numbers)
