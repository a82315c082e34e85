"""Slack's text escaping and cutting: what keeps untrusted text from becoming markup."""

from __future__ import annotations

import re

from bot.render.bidi import without_bidi_controls

ELLIPSIS = "…"
# Entities are at most this long (`&amp;`); a hard cut must not land inside one.
_ENTITY_LENGTH = 5
_SPACE = re.compile(r"\s")
# Characters that would end the URL part of `<url|text>` early or break it.
_URL_BREAKERS = str.maketrans({"|": "%7C", " ": "%20", "\n": "%0A", "\t": "%09"})


def escape(text: str) -> str:
    """Text that Slack shows as it is: `&`, `<`, `>` become entities (`&` first).

    Without `<` no `<!channel>`, `<!here>`, `<@U…>` or link can be formed, and since
    `link_names` stays off, a bare `@everyone` is plain text.
    """
    plain = without_bidi_controls(text)
    return plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str, label: str) -> str:
    """A mrkdwn link; `label` must already be escaped. Only http(s) URLs become links."""
    if not url.lower().startswith(("http://", "https://")):
        return f"{label} {escape(url)}"
    return f"<{escape(url.translate(_URL_BREAKERS))}|{label}>"


def cut(text: str, limit: int) -> tuple[str, str]:
    """`text` in two: a head of at most `limit` characters ending in an ellipsis, and the rest.

    The cut falls on a space; only a single word longer than the limit is cut inside,
    and then never inside an entity such as `&amp;`.
    """
    if len(text) <= limit:
        return text, ""
    room = limit - len(ELLIPSIS)
    space = max((m.start() for m in _SPACE.finditer(text, 0, room + 1)), default=-1)
    at = space if space > 0 else _outside_entity(text, room)
    return text[:at].rstrip() + ELLIPSIS, text[at:].lstrip()


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters at a word boundary, with an ellipsis when cut."""
    return cut(text, limit)[0]


def pieces(text: str, limit: int) -> list[str]:
    """`text` in pieces of at most `limit` characters, each cut at a word boundary.

    Every piece but the last ends in an ellipsis and every piece but the first starts
    with one, so a reader sees where the text goes on.
    """
    if len(text) <= limit:
        return [text]
    room = limit - len(ELLIPSIS)
    parts: list[str] = []
    rest = text
    while len(rest) > room:
        head, rest = cut(rest, room)
        parts.append(head)
    if rest:
        parts.append(rest)
    return [parts[0]] + [ELLIPSIS + part for part in parts[1:]]


def _outside_entity(text: str, at: int) -> int:
    amp = text.rfind("&", max(0, at - _ENTITY_LENGTH + 1), at)
    if amp != -1 and ";" not in text[amp:at]:
        return amp
    return at
