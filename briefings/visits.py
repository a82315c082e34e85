"""A visit by one person to one place, as English stories say it around the two names.

"Mirzoyan's visit to Tbilisi", "Xi Jinping's possible visit to South Korea", "a visit to
Vietnam by President William Ruto", "Cho is expected to visit Beijing", "she looked forward
to visiting Hanoi": an analyst lists each as the visitor's visit to the place ("Cho's visit
to Beijing"), whatever words the story wraps around it. This module reads the words between
the names; `entities` finds the names, and takes the visitor from the sentence's subject
where the words name none. A visit named by its kind alone ("official visit", "state visit
to …") is `talks.visit_kinds` and `named_events`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The visit's kind, kept in its name ("working visit"); other words before "visit" — its
# length, "possible", "first" — only describe it.
_KIND = re.compile(r"\b(state|official|working|private)\b", re.IGNORECASE)
# After a visitor's name: "'s possible visit to", "'s four-day working visit to".
_AFTER_VISITOR = re.compile(r"['’]s[ \t]+((?:[\w-]+[ \t]+){0,3}?)visit[ \t]+to[ \t]+")
# Before a destination, the visitor unnamed: "to visit", "will visit", "visiting", "a visit
# to", "her first visit to".
_BEFORE_PLACE = re.compile(
    r"(?<![\w-])(?:(?:to|will|would)[ \t]+(?P<verb>visit)|(?P<gerund>visiting)"
    r"|(?:a|her|his|their|the|its)[ \t]+(?P<words>(?:[\w-]+[ \t]+){0,2}?)(?P<noun>visit)"
    r"[ \t]+to)[ \t]+$"
)
# After a destination: "by President William Ruto" (a title of capitalised words).
_BY_VISITOR = re.compile(r"[ \t]+by[ \t]+(?:[A-Z][\w.’'-]*[ \t]+){0,5}")
_GATE = re.compile(r"visit")
# An invitation before "to visit" in its clause ("accepted an invitation to visit Tehran").
_INVITED = re.compile(r"\binvit\w*[^.;]*$")
_CLAUSE = 80
_LOOK_BACK = 40


@dataclass(frozen=True)
class Visit:
    """A visit said at `text[start:end]`; `kind` is its kind word ("working") or ''."""

    start: int
    end: int
    kind: str


def may_hold(text: str) -> bool:
    """Whether `text` has a word a visit needs (a cheap gate before looking at names)."""
    return _GATE.search(text) is not None


def after_visitor(text: str, end: int) -> tuple[int, str] | None:
    """Where the destination may start after a visitor's name ending at `end`, and the
    visit's kind: "Mirzoyan['s visit to ]Tbilisi"."""
    found = _AFTER_VISITOR.match(text, end)
    if found is None:
        return None
    return found.end(), _kind(found.group(1))


def before_place(text: str, start: int) -> tuple[int, str, bool] | None:
    """Where a visit said before a destination starting at `start` begins, its kind, and
    whether a visitor named after the place may follow ("a visit to Vietnam by …")."""
    found = _BEFORE_PLACE.search(text, max(0, start - _LOOK_BACK), start)
    if found is None:
        return None
    if found.group("verb") and _INVITED.search(text, max(0, start - _CLAUSE), found.start()):
        return None  # "invited Lavrov to visit Tehran": a visit not yet agreed
    if found.group("noun"):
        # "a four-day working visit to": the visit's words after the determiner.
        return found.start("words"), _kind(found.group("words")), True
    return found.start("verb") if found.group("verb") else found.start("gerund"), "", False


def by_visitor(text: str, end: int, visitor_start: int) -> bool:
    """Whether `text[end:visitor_start]` names the visitor after the place ("… by President")."""
    return _BY_VISITOR.fullmatch(text, end, visitor_start) is not None


def visit_name(visitor: str, kind: str, place: str) -> str:
    """ "Cho's visit to Beijing", "Nguyen Minh Hang's working visit to Kenya"."""
    return f"{visitor}'s {kind + ' ' if kind else ''}visit to {place}"


def _kind(words: str | None) -> str:
    found = _KIND.search(words or "")
    return found.group(1).lower() if found else ""
