"""A Briefing for a terminal, with rich. Article text is shown as text, never as markup."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from bot.router import Overview, Reply
from briefings.briefing import Briefing, Claim, Source, Subject, TimelineEntry
from briefings.model import PartialDate


def reply_view(reply: Reply) -> RenderableType:
    """What the console shows for a router reply."""
    if reply.briefing is not None:
        return briefing_view(reply.briefing)
    if reply.overview is not None:
        return overview_view(reply.overview)
    return Text(reply.text or "", style="red" if reply.failed else "")


def overview_view(overview: Overview) -> RenderableType:
    stats = overview.stats
    span = f"{stats.earliest} to {stats.latest}" if stats.earliest else "no dated articles"
    lines = [
        Text(
            f"{stats.articles} articles ({stats.near_duplicates} near-duplicates), "
            f"{stats.entities} entities, published {span}."
        ),
    ]
    if overview.outlets:
        outlets = ", ".join(f"{name} ({count})" for name, count in overview.outlets)
        lines.append(Text(f"Outlets: {outlets}"))
    return Group(*lines)


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
    return Group(*parts)


def when(date: PartialDate | None) -> str:
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
    dated = f"[{when(claim.date)}] " if claim.date else ""
    return Text.assemble("• ", (dated, "cyan"), claim.text, " ", (_cites(claim.sources), "bold"))


def _entry(entry: TimelineEntry, subject: str | None) -> Text:
    span = when(entry.date) + (f" – {when(entry.until)}" if entry.until else "")
    where = f" in {entry.place}" if entry.place else ""
    others = [p for p in entry.participants if p != subject]
    who = f" with {', '.join(others)}" if others else ""
    head = f"{span}: {entry.kind.replace('-', ' ')}{where}{who}"
    return Text.assemble(
        ("• " + head, "cyan"), "\n  ", entry.text, " ", (_cites(entry.sources), "bold")
    )


def _source(source: Source) -> Text:
    outlet = source.outlet or "outlet unknown"
    where = source.url or source.path or ""
    return Text(f"[{source.n}] {source.title} — {outlet}, {when(source.published)} — {where}")


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
