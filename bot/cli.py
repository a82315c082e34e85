"""The `attache` command line: ingest, inspect the store, and run the bot."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console, RenderableType
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bot import messages
from bot.config import Settings
from bot.console import run_console
from bot.logs import setup_logging
from bot.render.data import briefing_data
from bot.render.terminal import briefing_view
from bot.surfaces import serve
from bot.views import (
    article_json,
    article_view,
    articles_view,
    entities_view,
    entity_json,
    report_json,
    report_view,
    stats_json,
    stats_view,
    stored_article_json,
)
from bot.wiring import build_router, build_surfaces, build_writer
from briefings.brief import Limits, answer_question, brief_topic, brief_who, build_timeline
from briefings.briefing import Briefing
from briefings.corpus import seed_directory
from briefings.ingest.fetch import Fetcher, new_client
from briefings.ingest.pipeline import IngestReport, ingest
from store import AttacheError, Store

log = logging.getLogger("attache")

app = typer.Typer(
    name="attache",
    help=messages.APP_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help=messages.DB_HELP, envvar="ATTACHE_DB", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help=messages.JSON_HELP)]

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class Failed(Exception):
    """Nothing could be done: exit 1 after the message was shown."""


def _settings() -> Settings:
    return Settings()


@contextmanager
def _store(db: Path | None) -> Iterator[Store]:
    settings = _settings()
    with Store.open(db or settings.db) as store:
        yield store


def _emit(as_json: bool, data: dict[str, Any], view: RenderableType) -> None:
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(view)


@app.command("ingest", help=messages.INGEST_HELP)
def ingest_command(
    targets: Annotated[list[str], typer.Argument(help=messages.TARGETS_HELP, show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    settings = _settings()
    with _store(db) as store:
        report = _ingest_with_progress(store, targets, settings, show=not as_json)
    _emit(as_json, report_json(report), report_view(report))
    if report.outcomes and len(report.rejected) == len(report.outcomes):
        raise Failed


def _ingest_with_progress(
    store: Store, targets: list[str], settings: Settings, *, show: bool
) -> IngestReport:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with (
        new_client(settings.fetch_timeout) as client,
        Progress(*columns, console=err, transient=True, disable=not show) as progress,
    ):
        task = progress.add_task("Ingesting", total=None)
        report = ingest(
            targets,
            store,
            fetcher=Fetcher(client, settings.max_document_bytes),
            max_bytes=settings.max_document_bytes,
            on_location=lambda total: progress.update(task, total=total),
            on_outcome=lambda outcome: progress.advance(task),
        )
    log.info("ingest %s: %s", targets, report.counts)
    return report


@app.command(help=messages.STATS_HELP)
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    with _store(db) as store:
        found = store.stats()
    _emit(as_json, stats_json(found), stats_view(found))


@app.command(help=messages.ARTICLES_HELP)
def articles(db: DbOption = None, as_json: JsonOption = False) -> None:
    with _store(db) as store:
        found = store.articles()
    _emit(as_json, {"articles": [article_json(a) for a in found]}, articles_view(found))


@app.command(help=messages.SHOW_HELP)
def show(
    article_id: Annotated[int, typer.Argument(metavar="ID", help=messages.ID_HELP)],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with _store(db) as store:
        found = store.article(article_id)
    if found is None:
        raise AttacheError(messages.NO_SUCH_ARTICLE.format(id=article_id))
    _emit(as_json, stored_article_json(found), article_view(found))


@app.command(help=messages.ENTITIES_HELP)
def entities(
    kind: Annotated[str | None, typer.Option(help=messages.KIND_HELP)] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with _store(db) as store:
        found = store.entities(kind)
    _emit(as_json, {"entities": [entity_json(e) for e in found]}, entities_view(found))


MoreOption = Annotated[bool, typer.Option("--more", help=messages.MORE_HELP)]
OfflineOption = Annotated[bool, typer.Option("--offline", help=messages.OFFLINE_HELP)]


def _brief(
    build: Callable[..., Briefing],
    query: str,
    db: Path | None,
    as_json: bool,
    more: bool,
    offline: bool = True,
) -> None:
    settings = _settings()
    limits = Limits().more() if more else Limits()
    with _store(db) as store:
        writer = None if offline else build_writer(settings, store, limits)
        briefing = build(store, query, limits, writer) if writer else build(store, query, limits)
    _emit(as_json, briefing_data(briefing), briefing_view(briefing))
    if not briefing.found:
        raise Failed


@app.command(help=messages.WHO_HELP)
def who(
    name: Annotated[str, typer.Argument(help=messages.NAME_HELP, show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
    more: MoreOption = False,
    offline: OfflineOption = False,
) -> None:
    _brief(brief_who, name, db, as_json, more, offline)


@app.command(help=messages.TOPIC_HELP)
def topic(
    term: Annotated[str, typer.Argument(help=messages.TERM_HELP, show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
    more: MoreOption = False,
    offline: OfflineOption = False,
) -> None:
    _brief(brief_topic, term, db, as_json, more, offline)


@app.command(help=messages.ASK_HELP)
def ask(
    question: Annotated[str, typer.Argument(help=messages.QUESTION_HELP, show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
    more: MoreOption = False,
    offline: OfflineOption = False,
) -> None:
    _brief(answer_question, question, db, as_json, more, offline)


@app.command(help=messages.TIMELINE_HELP)
def timeline(
    name: Annotated[str, typer.Argument(help=messages.NAME_OR_TERM_HELP, show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
    more: MoreOption = False,
) -> None:
    _brief(build_timeline, name, db, as_json, more)


@app.command(help=messages.RUN_HELP)
def run(db: DbOption = None) -> None:
    settings = _settings()
    path = db or settings.db
    with _store(path) as store:
        if settings.load_seeds and store.stats().articles == 0:
            err.print(messages.SEEDING.format(path=seed_directory()))
            report = _ingest_with_progress(store, [str(seed_directory())], settings, show=True)
            err.print(report_view(report))
    router = build_router(settings, str(path))
    surfaces = build_surfaces(settings, router)
    try:
        if surfaces:
            err.print(messages.RUNNING.format(names=", ".join(s.name for s in surfaces)))
            asyncio.run(serve(surfaces))
        else:
            run_console(router, sys.stdin, out)
    finally:
        router.close()


def main() -> None:
    """Entry point: one-line errors for users, tracebacks only in the log file."""
    setup_logging(_settings().log_file)
    command = typer.main.get_command(app)
    try:
        # Standalone mode: click reports usage errors itself and exits with 2.
        command.main(prog_name="attache", standalone_mode=True)
    except AttacheError as error:
        err.print(f"error: {error.message}", highlight=False, markup=False)
        sys.exit(1)
    except Failed:
        sys.exit(1)
    except Exception:
        log.exception("unexpected failure")
        err.print(messages.UNEXPECTED.format(log=_settings().log_file), markup=False)
        sys.exit(1)
