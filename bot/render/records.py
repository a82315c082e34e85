"""The command line's views of store records: JSON objects and rich renderables, pure functions."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from bot import messages
from bot.render.data import fields_of
from bot.render.terminal import visible
from briefings.ingest.pipeline import IngestReport
from briefings.nominative import nominative, shown_aliases
from store.records import ArticleSummary, EntitySummary, Published, Stats, StoredArticle

NOTES_SHOWN = 10


def published_json(published: Published) -> dict[str, str | None] | None:
    return published.as_dict()


def article_json(article: ArticleSummary) -> dict[str, Any]:
    located = {"url": article.url} if article.url else {"path": article.path}
    return {
        "id": article.id,
        "title": article.title,
        "published": published_json(article.published),
        **located,
        "outlet": article.outlet,
        "language": article.language,
        "duplicate_of": article.duplicate_of,
    }


def stored_article_json(article: StoredArticle) -> dict[str, Any]:
    return {
        **article_json(article.summary),
        "title_derived": article.title_derived,
        "author": article.author,
        "paragraphs": list(article.paragraphs),
        "captions": list(article.captions),
        "entities": [
            {"name": e.name, "kind": e.kind, "surfaces": list(e.surfaces)} for e in article.entities
        ],
        "dates": [
            {"text": d.text, "date": d.date, "precision": d.precision, "year_source": d.year_source}
            | ({"until": d.until} if d.until else {})
            for d in article.dates
        ],
        "near_duplicates": list(article.near_duplicates),
    }


def entity_json(entity: EntitySummary) -> dict[str, Any]:
    return {
        **fields_of(entity, "id", "name", "kind", "country", "description"),
        "aliases": list(entity.aliases),
        "roles": [
            fields_of(r, "role", "country", "article", "date", "precision") for r in entity.roles
        ],
        "articles": list(entity.articles),
    }


def stats_json(stats: Stats) -> dict[str, Any]:
    counted = ("articles", "near_duplicates", "passages", "entities", "entities_by_kind")
    return {
        **fields_of(stats, *counted, "sources", "outlets"),
        "date_range": {"earliest": stats.earliest, "latest": stats.latest},
        "undated_articles": stats.undated,
        "schema_version": stats.schema_version,
        "corpus_version": stats.corpus_version,
        "db": stats.path,
    }


def report_json(report: IngestReport) -> dict[str, Any]:
    return {
        **report.counts,
        "outcomes": [
            {k: v for k, v in outcome.__dict__.items() if v is not None}
            for outcome in report.outcomes
        ],
    }


def stats_view(stats: Stats) -> RenderableType:
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(stats.entities_by_kind.items()))
    rows = [
        ("Articles", f"{stats.articles} ({stats.near_duplicates} near-duplicates)"),
        ("Passages", str(stats.passages)),
        ("Entities", f"{stats.entities}" + (f" ({kinds})" if kinds else "")),
        ("Sources", f"{stats.sources} ({stats.outlets} outlets)"),
        ("Published", _range(stats)),
        ("Database", stats.path),
    ]
    for name, value in rows:
        table.add_row(name, value)
    return table


def _range(stats: Stats) -> str:
    undated = f"; {stats.undated} without a full date" if stats.undated else ""
    if stats.earliest is None:
        return f"no dated articles{undated}"
    return f"{stats.earliest} to {stats.latest}{undated}"


def articles_view(articles: list[ArticleSummary]) -> RenderableType:
    table = Table("id", "published", "title", "source")
    for article in articles:
        date = article.published.date or "—"
        dup = f" (dup of {article.duplicate_of})" if article.duplicate_of else ""
        table.add_row(
            str(article.id),
            date,
            Text(visible(article.title + dup)),
            Text(visible(article.url or article.path or "")),
        )
    return table


def article_view(article: StoredArticle) -> RenderableType:
    summary = article.summary
    head = Text(visible(summary.title), style="bold")
    date = summary.published
    where = visible(f"{summary.outlet or messages.OUTLET_UNKNOWN} · {summary.url or summary.path}")
    meta = Text(f"{date.date or 'date unknown'} ({_precision(date)}) · {where}", style="dim")
    body = [Text(visible(p)) for p in article.paragraphs]
    captions = [Text(f"[caption] {visible(c)}", style="italic dim") for c in article.captions]
    names = ", ".join(f"{nominative(e.name)} ({e.kind})" for e in article.entities)
    return Group(
        head, meta, Text(""), *body, *captions, Text(""), Text(f"Entities: {visible(names)}")
    )


def entities_view(entities: list[EntitySummary]) -> RenderableType:
    table = Table("name", "kind", "country", "roles", "aliases", "articles")
    for entity in entities:
        roles = "; ".join(sorted({r.role for r in entity.roles}))
        table.add_row(
            Text(visible(entity.name)),
            entity.kind,
            entity.country or "",
            Text(visible(roles)),
            Text(visible(", ".join(shown_aliases(entity.name, entity.aliases)))),
            str(len(entity.articles)),
        )
    return table


def report_view(report: IngestReport) -> RenderableType:
    counts = report.counts
    line = Text(
        f"{counts['new']} new, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {counts['rejected']} rejected",
        style="bold",
    )
    lines: list[RenderableType] = [line]
    for outcome in report.rejected:
        where = visible(outcome.location)
        lines.append(Text(f"  rejected {where}: {outcome.reason}", style="red"))
    noted = [o for o in report.outcomes if o.status != "rejected" and o.note]
    # Every rejection is listed; notes (near-duplicates, same text) only the first few.
    for outcome in noted[:NOTES_SHOWN]:
        where = visible(outcome.location)
        lines.append(Text(f"  {outcome.status} {where}: {outcome.note}", style="dim"))
    if len(noted) > NOTES_SHOWN:
        more = len(noted) - NOTES_SHOWN
        lines.append(
            Text(f"  … and {more} more notes (near-duplicates linked, same text)", style="dim")
        )
    return Group(*lines)


def _precision(published: Published) -> str:
    if published.precision is None:
        return messages.NO_DATELINE
    if published.year_source == "url":
        return messages.DATE_FROM_URL.format(precision=published.precision)
    return published.precision
