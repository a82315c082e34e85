"""The `attache` command line: ingest, inspect the store, and run the bot."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any, get_args
from zoneinfo import ZoneInfo

import typer
from rich.console import Console, RenderableType
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from bot import messages
from bot import subscriptions as subs
from bot.config import Settings, SettingsError, load_settings
from bot.console import run_console
from bot.logs import setup_logging
from bot.record_ids import MAX_ID, is_record_id
from bot.render.data import briefing_data, digest_data, subscription_data
from bot.render.phrases import window_text
from bot.render.records import (
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
from bot.render.sources import added_view, poll_json, polls_view, source_json, sources_view
from bot.render.terminal import terminal_briefing, terminal_digest, terminal_subscriptions
from bot.subscriptions import DigestSettings
from bot.surfaces import in_background, serve
from bot.typed import typed_text
from bot.wiring import (
    build_fetcher,
    build_router,
    build_scheduler,
    build_surfaces,
    build_writer,
)
from briefings.briefing import Briefing
from briefings.compose import Limits, answer_question, brief_topic, brief_who, build_timeline
from briefings.corpus import seed_directory
from briefings.digest import Digest
from briefings.filters import FilterError
from briefings.ingest.fetch import new_client
from briefings.ingest.pipeline import IngestReport, ingest
from briefings.ingest.polling import (
    SourceError,
    add_source,
    parse_every,
    poll_now,
    poll_source,
    remove_source,
)
from briefings.model import EntityKind
from briefings.schedules import ScheduleError
from store import AttacheError, Store, StoreError
from store.backend import without_password
from store.moving import copy_store
from store.store import is_url

log = logging.getLogger("attache")

app = typer.Typer(
    name="attache",
    help=messages.APP_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _record_id(text: str) -> int:
    """An id as typed; past SQLite's integers it is a usage error, not an overflow."""
    if not is_record_id(text):
        raise typer.BadParameter(messages.BAD_ID.format(text=text, max=MAX_ID))
    return int(text)


def _not_blank(words: list[str]) -> list[str]:
    """A name, term or question; blank (or only quotes) is a usage error, as a missing one is."""
    if not " ".join(words).strip(_QUOTES):
        raise typer.BadParameter(messages.BLANK_ARGUMENT)
    return words


def _phrase(words: list[str]) -> str:
    # `attache who Wang Yi` means what `attache who "Wang Yi"` means.
    return " ".join(words)


# Whitespace and the quotes a shell leaves in (`who '""'`).
_QUOTES = " \t\n\r\"'“”«»„‘’"
ENTITY_KINDS = get_args(EntityKind)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help=messages.DB_HELP, envvar="ATTACHE_DB", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help=messages.JSON_HELP)]

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _show_version(wanted: bool) -> None:
    if wanted:
        out.print(messages.VERSION.format(version=metadata.version("attache")), highlight=False)
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help=messages.VERSION_HELP, callback=_show_version, is_eager=True
        ),
    ] = False,
) -> None:
    pass


class Failed(Exception):
    """Nothing could be done: exit 1 after the message was shown."""


def _settings() -> Settings:
    return load_settings()


@contextmanager
def _store(db: str | None, *, create: bool = False) -> Iterator[Store]:
    """The database; only commands that add to it (`create`) may start a new one."""
    target = db or _settings().db
    if is_url(target):  # a PostgreSQL server: its database exists before Attaché opens it
        with Store.open(target) as store:
            yield store
        return
    path = Path(target).expanduser()
    new = not path.exists()
    if not create and new:
        # Opening would create an empty database and answer "nothing matches" from it.
        raise StoreError(messages.NO_DATABASE.format(path=path))
    try:
        with Store.open(path) as store:
            yield store
    except (AttacheError, typer.TyperException):
        if new:  # a command that failed leaves no empty database behind
            for leftover in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm"))):
                leftover.unlink(missing_ok=True)
        raise


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
    with _store(db, create=True) as store:
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
        new_client(settings.fetch_timeout, settings.allowed_networks) as client,
        Progress(*columns, console=err, transient=True, disable=not show) as progress,
    ):
        task = progress.add_task("Ingesting", total=None)
        report = ingest(
            targets,
            store,
            fetcher=build_fetcher(settings, client),
            max_bytes=settings.max_document_bytes,
            on_location=lambda total: progress.update(task, total=total),
            on_outcome=lambda outcome: progress.advance(task),
            workers=settings.ingest_workers,
        )
    log.info("ingest %s: %s", targets, report.counts)
    return report


@app.command(help=messages.STATS_HELP)
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    with _store(db) as store:
        found = store.stats()
    _emit(as_json, stats_json(found), stats_view(found))


@app.command("migrate", help=messages.MIGRATE_HELP)
def migrate_command(
    to: Annotated[str, typer.Option("--to", help=messages.MIGRATE_TO_HELP, show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    shown = without_password(to)
    if not is_url(to):
        raise typer.BadParameter(messages.MIGRATE_NEEDS_URL.format(target=shown))
    with _store(db) as source, Store.open(to) as target:
        counts = copy_store(source, target)
    said = messages.MIGRATED.format(
        articles=counts["articles"], rows=sum(counts.values()), target=shown
    )
    _emit(as_json, {"target": shown, "copied": counts}, said)


@app.command(help=messages.ARTICLES_HELP)
def articles(db: DbOption = None, as_json: JsonOption = False) -> None:
    with _store(db) as store:
        found = store.articles()
    _emit(as_json, {"articles": [article_json(a) for a in found]}, articles_view(found))


@app.command(help=messages.SHOW_HELP)
def show(
    article_id: Annotated[
        int, typer.Argument(metavar="ID", help=messages.ID_HELP, parser=_record_id)
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with _store(db) as store:
        found = store.article(article_id)
    if found is None:
        raise AttacheError(messages.NO_SUCH_ARTICLE.format(id=article_id))
    _emit(as_json, stored_article_json(found), article_view(found))


def _entity_kind(kind: str | None) -> str | None:
    """A usage error for a kind no entity has, which would list nothing and look empty."""
    if kind is not None and kind not in ENTITY_KINDS:
        raise typer.BadParameter(messages.BAD_KIND.format(kind=kind, kinds=", ".join(ENTITY_KINDS)))
    return kind


KindOption = Annotated[str | None, typer.Option(help=messages.KIND_HELP, callback=_entity_kind)]


@app.command(help=messages.ENTITIES_HELP)
def entities(
    kind: KindOption = None,
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
    db: str | None,
    as_json: bool,
    more: bool,
    offline: bool = True,
) -> None:
    settings = _settings()
    limits = Limits().more() if more else Limits()
    with _store(db) as store:
        writer = None if offline else build_writer(settings, store, limits)
        briefing = build(store, query, limits, writer) if writer else build(store, query, limits)
    _emit(as_json, briefing_data(briefing), terminal_briefing(briefing))
    if not briefing.found:
        raise Failed


@app.command(help=messages.WHO_HELP)
def who(
    name: Annotated[
        list[str], typer.Argument(help=messages.NAME_HELP, show_default=False, callback=_not_blank)
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
    more: MoreOption = False,
    offline: OfflineOption = False,
) -> None:
    _brief(brief_who, _phrase(name), db, as_json, more, offline)


@app.command(help=messages.TOPIC_HELP)
def topic(
    term: Annotated[
        list[str], typer.Argument(help=messages.TERM_HELP, show_default=False, callback=_not_blank)
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
    more: MoreOption = False,
    offline: OfflineOption = False,
) -> None:
    _brief(brief_topic, _phrase(term), db, as_json, more, offline)


@app.command(help=messages.ASK_HELP)
def ask(
    question: Annotated[
        list[str],
        typer.Argument(help=messages.QUESTION_HELP, show_default=False, callback=_not_blank),
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
    more: MoreOption = False,
    offline: OfflineOption = False,
) -> None:
    _brief(answer_question, _phrase(question), db, as_json, more, offline)


@app.command(help=messages.TIMELINE_HELP)
def timeline(
    name: Annotated[
        list[str],
        typer.Argument(help=messages.NAME_OR_TERM_HELP, show_default=False, callback=_not_blank),
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
    more: MoreOption = False,
) -> None:
    _brief(build_timeline, _phrase(name), db, as_json, more)


# -- digests -------------------------------------------------------------------------------

digest_app = typer.Typer(help=messages.DIGEST_HELP, no_args_is_help=True, rich_markup_mode=None)
app.add_typer(digest_app, name="digest")
# The command line manages subscriptions as an admin of the local channel, the console's too.
CLI_CHANNEL = subs.LOCAL
SubscriptionId = Annotated[
    int, typer.Argument(metavar="ID", help=messages.DIGEST_ID_HELP, parser=_record_id)
]


def _schedule_text(words: list[str]) -> str:
    # The shell has taken the quotes off `cron "0 8 * * 1-5"` and `"Code of Conduct"`: put
    # them back.
    return " ".join(f'"{w}"' if len(w.split()) > 1 else w for w in words)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _emit_digest(as_json: bool, digest: Digest) -> None:
    nothing = messages.DIGEST_NOTHING.format(
        subject=digest.subject, window=window_text(digest.window)
    )
    _emit(as_json, digest_data(digest), Text(nothing) if digest.empty else terminal_digest(digest))


@digest_app.command("subscribe", help=messages.DIGEST_SUBSCRIBE_HELP)
def digest_subscribe(
    filter_text: Annotated[
        str, typer.Argument(metavar="FILTER", help=messages.DIGEST_FILTER_HELP, show_default=False)
    ],
    when: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[SCHEDULE]", help=messages.DIGEST_SCHEDULE_HELP, show_default=False
        ),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    settings = DigestSettings.from_settings(_settings())
    # The shell splits `Vietnam Russia weekly mon 08:00` into words, or hands it over whole
    # when quoted: either way it is read as the same line typed in chat.
    line = " ".join([filter_text, _schedule_text(when or [])]).strip()
    filter_text, schedule_text = subs.split_subscription(line)
    with _store(db, create=True) as store:
        try:
            added = subs.subscribe(store, CLI_CHANNEL, filter_text, schedule_text, settings)
        except (ScheduleError, FilterError) as error:  # what was typed, not what went wrong
            raise typer.BadParameter(error.message) from None
        now = _now()
        text = subs.subscribed_text(store, added, now, posted=False)
    _emit(as_json, subscription_data(added, now), Text(text))


@digest_app.command("list", help=messages.DIGEST_LIST_HELP)
def digest_list(db: DbOption = None, as_json: JsonOption = False) -> None:
    with _store(db) as store:
        found = subs.subscriptions(store, CLI_CHANNEL)
    now = _now()
    data = {"subscriptions": [subscription_data(s, now) for s in found]}
    _emit(as_json, data, terminal_subscriptions(found, now))


@digest_app.command("unsubscribe", help=messages.DIGEST_UNSUBSCRIBE_HELP)
def digest_unsubscribe(
    subscription_id: SubscriptionId, db: DbOption = None, as_json: JsonOption = False
) -> None:
    with _store(db) as store:
        removed = subs.unsubscribe(store, CLI_CHANNEL, subscription_id)
    line = messages.DIGEST_UNSUBSCRIBED.format(
        id=removed.id, filter=removed.record.filter, schedule=removed.schedule.describe()
    )
    _emit(as_json, {"removed": subscription_data(removed, _now())}, Text(line))


@digest_app.command("preview", help=messages.DIGEST_PREVIEW_HELP)
def digest_preview(
    target: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID | FILTER]", help=messages.DIGEST_TARGET_HELP, show_default=False
        ),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    settings = DigestSettings.from_settings(_settings())
    with _store(db) as store:
        if target is None:
            chosen = subs.only_subscription(store, CLI_CHANNEL)
        elif target.strip().removeprefix("#").isdigit():
            chosen = subs.subscription(store, CLI_CHANNEL, subs.parse_id(target))
        else:
            _emit_digest(as_json, subs.filter_digest(store, target, settings, _now()))
            return
        digest = subs.subscription_digest(store, chosen, settings, _now())
    _emit_digest(as_json, digest)


@digest_app.command("now", help=messages.DIGEST_NOW_HELP)
def digest_now(
    subscription_id: SubscriptionId, db: DbOption = None, as_json: JsonOption = False
) -> None:
    settings = DigestSettings.from_settings(_settings())
    with _store(db) as store:
        chosen = subs.subscription(store, CLI_CHANNEL, subscription_id)
        digest = subs.subscription_digest(store, chosen, settings, _now())
    _emit_digest(as_json, digest)


@app.command(help=messages.RUN_HELP)
def run(db: DbOption = None) -> None:
    settings = _settings()
    path = db or settings.db
    with _store(path, create=True) as store:
        if settings.load_seeds and store.stats().articles == 0:
            err.print(messages.SEEDING.format(path=seed_directory()))
            report = _ingest_with_progress(store, [str(seed_directory())], settings, show=True)
            # The seeds are a backlog to brief on, not news: no digest announces them.
            store.hold_back(o.article_id for o in report.outcomes if o.article_id)
            err.print(report_view(report))
    router = build_router(settings, str(path))
    surfaces = build_surfaces(settings, router)
    scheduler = build_scheduler(settings, str(path), router, surfaces)
    try:
        if surfaces:
            err.print(messages.RUNNING.format(names=", ".join(s.name for s in surfaces)))
            asyncio.run(serve([*surfaces, scheduler]))
        else:
            with in_background(scheduler):
                run_console(router, sys.stdin, out)
    finally:
        router.close()


def main() -> None:
    """Entry point: one-line errors for users, tracebacks only in the log file."""
    _replace_undecodable()
    args = [typed_text(arg) for arg in sys.argv[1:]]
    as_json = _wants_json(args)
    try:
        settings = _settings()
    except SettingsError as error:  # before logging: the log file is a setting too
        err.print(f"error: {error.message}", highlight=False, markup=False)
        _emit_error(as_json, "settings", error.message)
        sys.exit(1)
    setup_logging(settings.log_file)
    sys.exit(_main(args, as_json=as_json))


def _main(args: list[str], *, as_json: bool) -> int:
    """Run the command line on `args`; the exit code. With --json every failure is JSON too."""
    command = typer.main.get_command(app)
    try:
        # Not standalone: click would print its usage errors only to stderr and exit.
        code = command.main(args=args, prog_name="attache", standalone_mode=False)
    except typer.TyperException as error:  # click's usage errors, as typer vendors click
        _show_usage_error(error)
        _emit_error(as_json, "usage", error.format_message(), _usage(error))
        return error.exit_code
    except typer.Abort:
        err.print(messages.INTERRUPTED)
        return 1
    except AttacheError as error:
        err.print(f"error: {error.message}", highlight=False, markup=False)
        _emit_error(as_json, "failed", error.message)
        return 1
    except Failed:
        return 1
    except Exception:
        log.exception("unexpected failure")
        line = messages.UNEXPECTED.format(log=_settings().log_file)
        err.print(line, markup=False)
        _emit_error(as_json, "internal", line.removeprefix("error: "))
        return 1
    return code if isinstance(code, int) else 0


def _wants_json(args: list[str]) -> bool:
    # Read from argv, since a usage error can come before click has parsed the option.
    options = args[: args.index("--")] if "--" in args else args
    return "--json" in options


def _emit_error(as_json: bool, kind: str, message: str, usage: str | None = None) -> None:
    if as_json:
        error = {"kind": kind, "message": message} | ({"usage": usage} if usage else {})
        sys.stdout.write(json.dumps({"error": error}, ensure_ascii=False) + "\n")


def _show_usage_error(error: typer.TyperException) -> None:
    show = getattr(error, "show", None)  # click's own layout: usage, hint, then the error
    if show is not None:
        show()
    else:
        err.print(f"error: {error.format_message()}", highlight=False, markup=False)


def _usage(error: typer.TyperException) -> str | None:
    context = getattr(error, "ctx", None)
    return str(context.get_usage()) if context is not None else None


def _replace_undecodable() -> None:
    """Undecodable input becomes U+FFFD and unencodable output `?`, never a crash or raw bytes."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


# -- sources that keep coming (H-SOURCES) ------------------------------------------------------

sources_app = typer.Typer(help=messages.SOURCES_HELP, rich_markup_mode=None)
app.add_typer(sources_app, name="sources")


@sources_app.callback(invoke_without_command=True)
def sources_list(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    if ctx.invoked_subcommand is not None:
        return
    with _store(db) as store:
        found = store.sources()
    zone = ZoneInfo(_settings().timezone)
    _emit(as_json, {"sources": [source_json(s) for s in found]}, sources_view(found, zone))


def _interval(every: str | None) -> str | None:
    """A polling interval that cannot be read is a usage error, as a bad option is."""
    if every is not None:
        try:
            parse_every(every)
        except SourceError as error:
            raise typer.BadParameter(error.message) from None
    return every


@sources_app.command("add", help=messages.SOURCES_ADD_HELP)
def sources_add(
    target: Annotated[
        str, typer.Argument(metavar="URL_OR_PATH", help=messages.SOURCES_TARGET_HELP)
    ],
    every: Annotated[
        str | None, typer.Option(help=messages.SOURCES_EVERY_HELP, callback=_interval)
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    settings = _settings()
    interval = parse_every(every) if every else timedelta(minutes=settings.poll_every_minutes)
    now = datetime.now(UTC)
    with (
        _store(db, create=True) as store,
        new_client(settings.fetch_timeout, settings.allowed_networks) as client,
    ):
        source = add_source(store, target, interval, now)
        outcome = poll_source(store, build_fetcher(settings, client), source, now)
    data = {"source": source_json(source), "first_poll": poll_json(outcome)}
    _emit(as_json, data, added_view(source, outcome, ZoneInfo(settings.timezone)))


@sources_app.command("poll", help=messages.SOURCES_POLL_HELP)
def sources_poll(
    source_id: Annotated[
        int | None,
        typer.Argument(
            metavar="[ID]",
            help=messages.SOURCES_POLL_ID_HELP,
            parser=_record_id,
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    settings = _settings()
    with (
        _store(db) as store,
        new_client(settings.fetch_timeout, settings.allowed_networks) as client,
    ):
        polled = poll_now(store, build_fetcher(settings, client), datetime.now(UTC), source_id)
    data = {"polls": [poll_json(o) for o in polled]}
    _emit(as_json, data, polls_view(polled, ZoneInfo(settings.timezone)))


@sources_app.command("remove", help=messages.SOURCES_REMOVE_HELP)
def sources_remove(
    source_id: Annotated[
        int, typer.Argument(metavar="ID", help=messages.SOURCES_ID_HELP, parser=_record_id)
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with _store(db) as store:
        removed = remove_source(store, source_id)
    text = messages.SOURCES_REMOVED.format(id=removed.id, location=removed.location)
    _emit(as_json, {"removed": source_json(removed)}, Text(text))
