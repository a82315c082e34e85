"""A Briefing or a Digest as one JSON-ready object: the `--json` contract of the command line."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.subscriptions import Subscription
from briefings.briefing import (
    Account,
    Briefing,
    Claim,
    Reach,
    Role,
    Source,
    Subject,
    TimelineEntry,
)
from briefings.digest import Digest, DigestEvent, Previously
from briefings.model import PartialDate


def fields_of(record: object, *names: str) -> dict[str, Any]:
    """`{name: record.name}` for each name, in order: a record's plain fields as JSON keys."""
    return {name: getattr(record, name) for name in names}


def briefing_data(briefing: Briefing) -> dict[str, Any]:
    return {
        **fields_of(briefing, "command", "query", "mode", "note"),
        "subject": _subject(briefing.subject) if briefing.subject else None,
        "claims": [_claim(c) for c in briefing.claims],
        "timeline": [_entry(e) for e in briefing.timeline],
        "sources": [_source(s) for s in briefing.sources],
        "related": [
            {"name": r.name, "kind": r.kind, "articles": r.articles} for r in briefing.related
        ],
        "candidates": list(briefing.candidates),
        "more": briefing.more,
        "reach": _reach(briefing.reach) if briefing.reach else None,
    }


def _reach(reach: Reach) -> dict[str, Any]:
    return {
        **fields_of(reach, "articles", "events"),
        "first": _date(reach.first),
        "last": _date(reach.last),
    }


def _date(date: PartialDate | None) -> dict[str, str | None] | None:
    return date.as_dict() if date else None


def _subject(subject: Subject) -> dict[str, Any]:
    return {
        "name": subject.name,
        "kind": subject.kind,
        "aliases": list(subject.aliases),
        "country": subject.country,
        "description": subject.description,
        "roles": [_role(r) for r in subject.roles],
    }


def _role(role: Role) -> dict[str, Any]:
    return {
        "title": role.title,
        "country": role.country,
        "first": _date(role.first),
        "last": _date(role.last),
        "sources": list(role.sources),
    }


def _claim(claim: Claim) -> dict[str, Any]:
    return {
        "text": claim.text,
        "sources": list(claim.sources),
        "date": _date(claim.date),
        "date_kind": claim.date_kind,
        "announced": _date(claim.announced),
        "speaker": claim.speaker,
        "disputed": [_account(a) for a in claim.disputed],
    }


def _entry(entry: TimelineEntry) -> dict[str, Any]:
    disputed = [_account(a) for a in entry.disputed]
    return {
        **_happening(entry),
        "text": entry.text,
        "sources": list(entry.sources),
        "disputed": disputed,
    }


def _account(account: Account) -> dict[str, Any]:
    """One version of an event its sources disagree on."""
    return {"date": _date(account.date), "place": account.place, "sources": list(account.sources)}


def _happening(event: TimelineEntry | DigestEvent) -> dict[str, Any]:
    """When, what, where and with whom: what a timeline entry and a digest event share."""
    return {
        "date": _date(event.date),
        "until": _date(event.until),
        "kind": event.kind,
        "place": event.place,
        "participants": list(event.participants),
    }


def _source(source: Source) -> dict[str, Any]:
    located = {"url": source.url} if source.url else {"path": source.path}
    return {
        "n": source.n,
        "title": source.title,
        "outlet": source.outlet,
        "published": _date(source.published),
        **located,
        "language": source.language,
        "article_id": source.article_id,
    }


def digest_data(digest: Digest, note: str | None = None) -> dict[str, Any]:
    """A digest; window bounds are ISO instants with the subscription's UTC offset."""
    return {
        "subject": digest.subject,
        "window": {
            "start": digest.window.start.isoformat(),
            "end": digest.window.end.isoformat(),
        },
        "note": note,
        "events": [_event(e) for e in digest.events],
        "coming_up": [_entry(e) for e in digest.coming_up],
        "sources": [_source(s) for s in digest.sources],
        "more": digest.more,
        "empty": digest.empty,
    }


def _event(event: DigestEvent) -> dict[str, Any]:
    return {
        **_happening(event),
        "claims": [_claim(c) for c in event.claims],
        "sources": list(event.sources),
        "previously": _previously(event.previously) if event.previously else None,
    }


def _previously(previously: Previously) -> dict[str, Any]:
    return {
        "date": _date(previously.date),
        "kind": previously.kind,
        "text": previously.text,
        "sources": list(previously.sources),
    }


def subscription_data(subscription: Subscription, now: datetime) -> dict[str, Any]:
    record = subscription.record
    return {
        **fields_of(
            record, "id", "platform", "workspace", "channel", "filter", "schedule", "timezone"
        ),
        "next": subscription.next_fire(now).isoformat(),
        **fields_of(record, "created_by", "created_at"),
    }
