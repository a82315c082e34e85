"""What a reply says, once for every surface: titles, lines, citations and footers as plain data.

Each surface (bot/render/terminal.py, bot/slack/blocks.py, bot/discord/embeds.py) turns a
`ReplyView` into its own markup, escaping every text and keeping within its own limits;
the words themselves are chosen here, from bot/messages.py and bot/render/phrases.py.
Surfaces of marked-up text (Slack, Discord) write a line with `marked` and their `Markup`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from bot import messages
from bot.render.phrases import (
    happening,
    outlets_text,
    overview_summary,
    reach_text,
    span,
    window_text,
)
from bot.router import Overview, Reply
from briefings.briefing import Account, Briefing, Claim, Role, Source, Subject, TimelineEntry
from briefings.digest import Digest, DigestEvent, Previously
from briefings.model import PartialDate
from briefings.notices import echoed

Style = Literal["plain", "strong", "emphasis"]


@dataclass(frozen=True)
class Words:
    """A run of text, shown in one style; every surface escapes it."""

    text: str
    style: Style = "plain"


@dataclass(frozen=True)
class Cites:
    """Citation numbers, `[1][2]`: linked to their sources where the surface can."""

    numbers: tuple[int, ...]


@dataclass(frozen=True)
class Break:
    """A new row within one line (a timeline entry's head, then its text)."""


Part = Words | Cites | Break


@dataclass(frozen=True)
class Line:
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Section:
    """Lines that go together; an `aside` is small print beside the answer, not part of it."""

    lines: tuple[Line, ...]
    heading: str | None = None
    aside: bool = False


@dataclass(frozen=True)
class Cited:
    """A numbered source as every surface lists it; `about` reads `VNS, 7 July 2021`, or
    `Interfax, 27 July 2024 · Russian` for an article not in English."""

    n: int
    title: str
    about: str
    url: str | None
    path: str | None


@dataclass(frozen=True)
class ReplyView:
    """A whole reply: a title over what it is about, sections, sources, then a footer.

    A reply that is one sentence of our own (help, usage, an error) has no title: it is
    `message` alone.
    """

    title: str | None = None
    subtitle: str | None = None
    about: tuple[Line, ...] = ()
    sections: tuple[Section, ...] = ()
    sources: tuple[Cited, ...] = ()
    footer: tuple[str, ...] = ()
    message: str | None = None
    failed: bool = False


@dataclass(frozen=True)
class Markup:
    """How a surface of marked-up text (Slack mrkdwn, Discord markdown) writes a line."""

    escape: Callable[[str], str]
    strong: str  # a format: "*{}*"
    emphasis: str
    between_cites: str = ""


def marked(line: Line, markup: Markup, cite: Callable[[int], str]) -> str:
    """`line` as one marked-up string: every text escaped, `cite(n)` for each citation."""
    return "".join(_marked(part, markup, cite) for part in line.parts)


def _marked(part: Part, markup: Markup, cite: Callable[[int], str]) -> str:
    if isinstance(part, Cites):
        return markup.between_cites.join(cite(n) for n in part.numbers)
    if isinstance(part, Break):
        return "\n"
    text = markup.escape(part.text)
    if part.style == "plain":
        return text
    return (markup.strong if part.style == "strong" else markup.emphasis).format(text)


def reply_view(reply: Reply, ask_more: str) -> ReplyView:
    """The view of any router reply; `ask_more` says how a surface's user asks for more."""
    if reply.briefing is not None:
        return briefing_view(reply.briefing, ask_more)
    if reply.digest is not None:
        return digest_view(reply.digest, reply.note)
    if reply.overview is not None:
        return overview_view(reply.overview)
    return ReplyView(message=reply.text, failed=reply.failed)


def briefing_view(briefing: Briefing, ask_more: str) -> ReplyView:
    subject = briefing.subject
    return ReplyView(
        title=_title(briefing),
        subtitle=_kind(subject) if subject else None,
        about=_reach_lines(briefing) + (_subject_lines(subject) if subject else ()),
        sections=_briefing_sections(briefing),
        sources=_cited(briefing.sources),
        footer=_footer(briefing, ask_more),
    )


def digest_view(digest: Digest, note: str | None = None) -> ReplyView:
    """A digest: its window, each event with its claims and what came before, coming up."""
    sections = [Section((_event(event),)) for event in digest.events]
    if digest.more:
        more = messages.DIGEST_MORE.format(count=digest.more)
        sections.append(Section((_says(more),), aside=True))
    if digest.coming_up:
        entries = tuple(_entry(entry, None) for entry in digest.coming_up)
        sections.append(Section(entries, heading=messages.DIGEST_COMING_UP))
    return ReplyView(
        title=messages.DIGEST_TITLE.format(subject=digest.subject),
        subtitle=window_text(digest.window),
        about=(_says(note, "emphasis"),) if note else (),
        sections=tuple(sections),
        sources=_cited(digest.sources),
        footer=(messages.DIGEST_FOOTER,),
    )


def overview_view(overview: Overview) -> ReplyView:
    lines = [_says(overview_summary(overview.stats))]
    if overview.outlets:
        lines.append(_labelled(messages.OUTLETS_LABEL, outlets_text(overview.outlets)))
    sections = [Section(tuple(lines))]
    if overview.watched:
        watched = tuple(_says(f"• {line}") for line in overview.watched)
        sections.append(Section(watched, heading=messages.WATCHED_TITLE))
    return ReplyView(title=messages.OVERVIEW_TITLE, sections=tuple(sections))


def _title(briefing: Briefing) -> str:
    name = briefing.subject.name if briefing.subject else briefing.query.strip()
    if briefing.command == "timeline":
        return messages.TIMELINE_TITLE.format(name=echoed(name))
    return echoed(name) or messages.APP_NAME


def _kind(subject: Subject) -> str:
    return subject.kind + (f", {subject.country}" if subject.country else "")


def _reach_lines(briefing: Briefing) -> tuple[Line, ...]:
    if briefing.reach is None or not briefing.claims:
        return ()
    return (_says(reach_text(briefing.reach), "emphasis"),)


def _subject_lines(subject: Subject) -> tuple[Line, ...]:
    lines = []
    if subject.description:
        lines.append(_says(subject.description, "emphasis"))
    if subject.aliases:
        lines.append(_says(messages.ALSO.format(names=", ".join(subject.aliases))))
    lines.extend(_role(role) for role in subject.roles)
    return tuple(lines)


def _role(role: Role) -> Line:
    title = role.title + (f", {role.country}" if role.country else "")
    return Line(
        (Words(title, "strong"), *_cited_text(_reported(role.first, role.last), role.sources))
    )


def _reported(first: PartialDate | None, last: PartialDate | None) -> str:
    """`, as reported July 2021 – July 2022`: the months of the articles giving the role."""
    if first is None or last is None:
        return ""
    first, last = _month(first), _month(last)
    span = first.human() if first == last else f"{first.human()} – {last.human()}"
    return f", {messages.AS_REPORTED.format(span=span)}"


def _month(date: PartialDate) -> PartialDate:
    return PartialDate(date.year, date.month, None, date.year_source)


def _briefing_sections(briefing: Briefing) -> tuple[Section, ...]:
    sections = []
    # With claims, names close to the query are suggestions beside the answer, not instead.
    suggested = briefing.candidates if briefing.claims else ()
    listed = () if suggested else briefing.candidates
    if briefing.note or listed:
        note = (_says(briefing.note, "emphasis"),) if briefing.note else ()
        candidates = tuple(_says(f"• {name}") for name in listed)
        sections.append(Section(note + candidates))
    if briefing.claims:
        sections.append(Section(tuple(_claim(claim) for claim in briefing.claims)))
    if suggested:
        line = _labelled(messages.SUGGESTIONS_LABEL, ", ".join(suggested))
        sections.append(Section((line,), aside=True))
    if briefing.timeline:
        subject = briefing.subject.name if briefing.subject else None
        sections.append(Section(tuple(_entry(entry, subject) for entry in briefing.timeline)))
    if briefing.related:
        related = ", ".join(f"{r.name} ({r.articles})" for r in briefing.related)
        sections.append(Section((_labelled(messages.RELATED_LABEL, related),), aside=True))
    return tuple(sections)


def _claim(claim: Claim) -> Line:
    """`• 6 July 2021 · Lavrov: “…,” he said … [1]`; a publication date reads `reported …`."""
    dated: list[Part] = []
    if claim.date:
        when = claim.date.human()
        if claim.date_kind == "reported":
            when = messages.REPORTED_ON.format(date=when)
        dated += [Words(when, "strong"), Words(" · ")]
    if claim.announced:
        announced = messages.ANNOUNCED_FOR.format(date=claim.announced.human())
        dated += [Words(announced, "emphasis"), Words(" · ")]
    if claim.speaker:
        # The space stays outside the strong run: `*Lavrov: *` is not bold in Slack.
        dated += [Words(messages.SAID_BY.format(name=claim.speaker), "strong"), Words(" ")]
    cited = _cited_text(claim.text, claim.sources)
    return Line((Words("• "), *dated, *cited, *_disputed(claim.disputed)))


def _entry(entry: TimelineEntry, subject: str | None) -> Line:
    """A timeline entry, leaving out of its participants the subject the timeline is about."""
    others = [p for p in entry.participants if p != subject]
    head = f": {happening(entry.kind, entry.place, others)}"
    when = Words(span(entry.date, entry.until), "strong")
    cited = _cited_text(entry.text, entry.sources)
    return Line((when, Words(head), Break(), *cited, *_disputed(entry.disputed)))


def _disputed(accounts: tuple[Account, ...]) -> tuple[Part, ...]:
    """`sources differ: 6 March 2023 [1] · 7 March 2023 [2]` on a row of its own; each
    account says only what the sources disagree on: the date, the place, or both."""
    if not accounts:
        return ()
    dates = len({a.date.iso() for a in accounts}) > 1
    places = len({a.place for a in accounts if a.place}) > 1
    parts: list[Part] = [Break(), Words(messages.SOURCES_DIFFER, "emphasis"), Words(" ")]
    for i, account in enumerate(accounts):
        said = [account.date.human()] if dates or not places else []
        if places and account.place:
            said.append(account.place)
        if i:
            parts.append(Words(messages.SOURCES_DIFFER_BETWEEN))
        parts += [Words(", ".join(said)), Words(" "), Cites(account.sources)]
    return tuple(parts)


def _event(event: DigestEvent) -> Line:
    head = f": {happening(event.kind, event.place, event.participants)}"
    parts: list[Part] = [Words(span(event.date, event.until), "strong"), Words(head)]
    for claim in event.claims:
        parts.extend([Break(), *_cited_text(claim.text, claim.sources)])
    if event.previously:
        parts.extend([Break(), *_previously(event.previously)])
    return Line(tuple(parts))


def _previously(previously: Previously) -> tuple[Part, ...]:
    head = messages.DIGEST_PREVIOUSLY.format(date=previously.date.human())
    return (Words(head, "emphasis"), Words(" "), *_cited_text(previously.text, previously.sources))


def _says(text: str, style: Style = "plain") -> Line:
    return Line((Words(text, style),))


def _labelled(label: str, text: str) -> Line:
    return Line((Words(label, "strong"), Words(f" {text}")))


def _cited_text(text: str, numbers: tuple[int, ...]) -> tuple[Part, ...]:
    return (Words(text), Words(" "), Cites(numbers))


def _cited(sources: tuple[Source, ...]) -> tuple[Cited, ...]:
    return tuple(
        Cited(
            s.n,
            s.title,
            _about(s),
            s.url,
            s.path,
        )
        for s in sources
    )


def _about(source: Source) -> str:
    """ "Interfax, 27 July 2024", and " · Russian" when the article is not in English."""
    about = f"{source.outlet or messages.OUTLET_UNKNOWN}, {_when(source.published)}"
    if not source.language or source.language == "en":
        return about
    language = messages.LANGUAGE_NAMES.get(source.language, source.language)
    return messages.IN_LANGUAGE.format(about=about, language=language)


def _when(date: PartialDate | None) -> str:
    return date.human() if date else messages.UNDATED


def _footer(briefing: Briefing, ask_more: str) -> tuple[str, ...]:
    footer = []
    if briefing.more and briefing.expanded:
        footer.append(messages.MORE_LEFT_OUT.format(count=briefing.more))
    elif briefing.more:
        footer.append(messages.MORE_AVAILABLE.format(count=briefing.more, how=ask_more))
    if briefing.found:
        footer.append(messages.SUMMARY_MODE[briefing.mode])
    return tuple(footer)
