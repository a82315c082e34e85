"""Hostile text and the checks every platform's final payload must pass.

A reply is rendered by every renderer (terminal, JSON, Slack Block Kit, Discord embeds);
each checker returns the problems it finds, so a failing test names them all at once.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rich.console import Console

from bot.discord.embeds import reply_embeds
from bot.render.data import briefing_data, digest_data
from bot.render.terminal import terminal_reply
from bot.router import Reply
from bot.slack.blocks import reply_payloads

MENTIONS = [
    "@everyone",
    "@here",
    "@channel",
    "<@123>",
    "<@123456789012345678>",
    "<@!123456789012345678>",
    "<@&223456789012345678>",
    "<#323456789012345678>",
    "</who:423456789012345678>",
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!here|here>",
    "<!subteam^S1>",
    "<!subteam^S0123|@team>",
    "<@U123>",
    "<@W123|bob>",
    "<#C123>",
    "<#C123|general>",
    # Lookalikes: harmless unless something folds them into the real thing.
    "＠everyone",
    "＜!channel＞",
    "﹤@U123﹥",
    "@\u0435veryone",  # Cyrillic e
    "@\u200beveryone",
    "<\u200b!channel>",
]
LINKS = [
    "<http://evil.example|click>",
    "<https://evil.example/a?b=1&c=2|Lavrov>",
    "[click](http://evil.example)",
    "[Lavrov](<https://evil.example>)",
    "![img](http://evil.example/x.png)",
    "<javascript:alert(1)|x>",
    "javascript:alert(1)",
    "https://evil.example/@everyone",
]
FTS_AND_SQL = [
    '"',
    "'",
    '"Lavrov',
    "O'Brien",
    "NEAR(Lavrov Son, 3)",
    "Lavrov*",
    "*",
    "^Lavrov",
    "title:Lavrov",
    "{title body}: x",
    "(Lavrov OR",
    "Lavrov)",
    "AND",
    "OR",
    "NOT",
    "-",
    "e-mail",
    "'; DROP TABLE articles; --",
    "x' OR '1'='1",
    "passages_fts MATCH 'x'",
    "%",
    "_",
    "\\",
]
MARKUP = [
    "*bold*",
    "**bold**",
    "_it_",
    "~strike~",
    "`code`",
    "```block```",
    "||spoiler||",
    "> quote",
    "# Heading",
    "&amp;",
    "&lt;!channel&gt;",
    "&",
    "<",
    ">",
    "<script>alert(1)</script>",
    "[bold red]rich[/]",
]
CONTROLS = [
    "\x00",
    "\x07",
    "\x1b[2J",
    "\x1b]0;owned\x07",
    "\x1b]52;c;cHduZWQ=\x07",
    "\x9b31m",
    "\r",
    "\x0b\x0c",
    "\u202e",  # right-to-left override
    "\u202d",
    "\u2066\u2067\u2068\u2069",  # bidi isolates
    "\u200f",  # right-to-left mark
    "\u200b",  # zero-width space
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u0301",  # a lone combining accent
]
ASTRAL = ["😀", "🇻🇳", "👩‍👩‍👧‍👦", "𝕷𝖆𝖛𝖗𝖔𝖛", "𒀀", "\U0010fffd", "Lav😀rov"]
WORDS = [
    "Lavrov",
    "Sergey Lavrov",
    "Bui Thanh Son",
    "UNCLOS",
    "Vietnam",
    "Russia",
    "ASEAN",
    "China",
    "who is",
    "what is",
    "--more",
    "more:",
    "?",
    "daily 08:00",
    "weekly mon 08:00",
    'cron "0 8 * * 1-5"',
    "Europe/Paris",
    "Mars/Olympus",
    "#1",
    "1",
    "0",
    "-1",
    "99999999999999999999",
]
FRAGMENTS = [*MENTIONS, *LINKS, *FTS_AND_SQL, *MARKUP, *CONTROLS, *ASTRAL, *WORDS]
VERBS = [
    "who",
    "/who",
    "WHO",
    "topic",
    "/topic",
    "ask",
    "timeline",
    "timeline of",
    "who is",
    "what is",
    "digest",
    "digest subscribe",
    "digest list",
    "digest unsubscribe",
    "digest preview",
    "digest now",
    "digest frobnicate",
    "sources",
    "help",
    "",
    "frobnicate",
    "/bogus",
    "@everyone",
    "<!channel>",
    "[x](http://evil.example)",
]

# -- Slack ---------------------------------------------------------------------------------

SLACK_BLOCKS = 50
SLACK_SECTION = 3000
SLACK_HEADER = 150
SLACK_CONTEXT_ELEMENTS = 10
SLACK_MESSAGE_TEXT = 40_000
# Slack has failed messages near 13k characters of blocks; the renderer aims at 12k.
SLACK_MESSAGE_BLOCKS = 13_000
# Ours: a link to a source, `<https://…|label>`, whose label has no angle bracket.
_SLACK_LINK = re.compile(r"<(https?://[^|<>\s]+)\|[^<>]*>")


def slack_problems(payloads: list[dict[str, Any]], urls: Iterable[str] = ()) -> list[str]:
    """What in these `chat.postMessage` payloads breaks a limit or is live markup not ours."""
    problems = []
    allowed = {_slack_escaped(url) for url in urls}
    for payload in payloads:
        if payload.get("link_names") or payload.get("parse") == "full":
            problems.append(f"mentions parsed: {payload!r:.80}")
        blocks = payload["blocks"]
        if not 1 <= len(blocks) <= SLACK_BLOCKS:
            problems.append(f"{len(blocks)} blocks")
        if len(json.dumps(blocks, ensure_ascii=False)) > SLACK_MESSAGE_BLOCKS:
            problems.append("message too large")
        if len(payload["text"]) > SLACK_MESSAGE_TEXT:
            problems.append("fallback text too long")
        problems += _slack_live(payload["text"], allowed)
        for block in blocks:
            problems += _slack_block_problems(block, allowed)
    return problems


def _slack_block_problems(block: dict[str, Any], allowed: set[str]) -> list[str]:
    problems = []
    kind = block["type"]
    texts = [block["text"]] if "text" in block else list(block.get("elements", ()))
    if kind == "header" and len(block["text"]["text"]) > SLACK_HEADER:
        problems.append("header too long")
    if kind == "context" and len(texts) > SLACK_CONTEXT_ELEMENTS:
        problems.append("too many context elements")
    for text in texts:
        if not text["text"].strip() or len(text["text"]) > SLACK_SECTION:
            problems.append(f"{kind} text of {len(text['text'])} characters")
        if text["type"] == "mrkdwn" and not text.get("verbatim"):
            problems.append("mrkdwn without verbatim")
        problems += _slack_live(text["text"], allowed)
    return problems


def _slack_live(text: str, allowed: set[str]) -> list[str]:
    """Angle brackets left once our own source links are taken out: a mention or link."""
    rest = _SLACK_LINK.sub(lambda m: "" if m.group(1) in allowed else m.group(0), text)
    found = re.findall(r"<[^>]{0,40}>?|>", rest)
    return [f"live Slack markup {hit!r} in {text!r:.120}" for hit in found]


def _slack_escaped(url: str) -> str:
    return url.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- Discord -------------------------------------------------------------------------------

DISCORD_TITLE = 256
DISCORD_DESCRIPTION = 4096
DISCORD_FIELDS = 25
DISCORD_FIELD_NAME = 256
DISCORD_FIELD_VALUE = 1024
DISCORD_FOOTER = 2048
DISCORD_TOTAL = 6000
DISCORD_CONTENT = 2000
DISCORD_EMBEDS = 10
_DISCORD_LIVE = re.compile(
    r"@(?:everyone|here)"
    r"|(?<!\\)<(?:@[!&]?\d+|#\d+|/[^<>:]+:\d+)>"
    # A masked link: `[label](url)`, the label possibly holding one `[n]` of its own.
    r"|(?<!\\)\[(?:\\.|[^\[\]\\]|\[[^\[\]]*\])*(?<!\\)\]\(\s*<?(?P<url>[^)\s>]*)"
)


def units(text: str) -> int:
    """Length as Discord counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def discord_problems(messages: list[dict[str, Any]], urls: Iterable[str] = ()) -> list[str]:
    """What in these message bodies breaks a Discord limit, pings, or links where we did not.

    Each body is `{"content": …, "embeds": [embed dicts], "allowed_mentions": …}`.
    """
    problems = []
    allowed = {_unquoted(url) for url in urls}
    for message in messages:
        if message.get("allowed_mentions", {}).get("parse") != []:
            problems.append(f"allowed_mentions not none: {message.get('allowed_mentions')}")
        content = message.get("content") or ""
        if units(content) > DISCORD_CONTENT:
            problems.append("content too long")
        embeds = message.get("embeds") or []
        if (not content and not embeds) or len(embeds) > DISCORD_EMBEDS:
            problems.append(f"{len(embeds)} embeds")
        if sum(_embed_size(embed) for embed in embeds) > DISCORD_TOTAL:
            problems.append("embeds over 6000 units together")
        for text in [content, *(t for embed in embeds for t in _embed_problems(embed, problems))]:
            problems += _discord_live(text, allowed)
    return problems


def discord_bodies(reply: Reply) -> list[dict[str, Any]]:
    """The bodies the client sends for a reply: its embeds, with no mentions allowed."""
    from bot.discord.client import NO_MENTIONS

    return [
        {"embeds": [e.to_dict() for e in embeds], "allowed_mentions": NO_MENTIONS.to_dict()}
        for embeds in reply_embeds(reply)
    ]


def _embed_texts(embed: dict[str, Any]) -> list[str]:
    texts = [embed.get("title", ""), embed.get("description", "")]
    texts.append(embed.get("footer", {}).get("text", ""))
    texts.append(embed.get("author", {}).get("name", ""))
    for field in embed.get("fields", []):
        texts += [field["name"], field["value"]]
    return texts


def _embed_size(embed: dict[str, Any]) -> int:
    return sum(units(text) for text in _embed_texts(embed))


def _embed_problems(embed: dict[str, Any], problems: list[str]) -> list[str]:
    """Records the embed's broken limits in `problems`; returns its texts."""
    limits = [
        ("title", embed.get("title", ""), DISCORD_TITLE),
        ("description", embed.get("description", ""), DISCORD_DESCRIPTION),
        ("footer", embed.get("footer", {}).get("text", ""), DISCORD_FOOTER),
    ]
    fields = embed.get("fields", [])
    limits += [("field name", f["name"], DISCORD_FIELD_NAME) for f in fields]
    limits += [("field value", f["value"], DISCORD_FIELD_VALUE) for f in fields]
    problems += [
        f"{name} of {units(text)} units" for name, text, limit in limits if units(text) > limit
    ]
    if len(fields) > DISCORD_FIELDS:
        problems.append(f"{len(fields)} fields")
    if not any(text.strip() for text in _embed_texts(embed)):
        problems.append("empty embed")
    return _embed_texts(embed)


def _discord_live(text: str, allowed: set[str]) -> list[str]:
    found = []
    for match in _DISCORD_LIVE.finditer(text):
        if match.group("url") is not None and _unquoted(match.group("url")) in allowed:
            continue  # a link to one of the reply's own sources
        found.append(f"live Discord markup {match.group(0)!r} in {text!r:.160}")
    return found


def _unquoted(url: str) -> str:
    from urllib.parse import unquote

    return unquote(url)


# -- terminal and JSON -----------------------------------------------------------------------

# Any C0 control but newline and tab, DEL, and the C1 range (0x9b is an 8-bit CSI).
_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_output(reply: Reply) -> str:
    """What the console prints for a reply, without colour so any escape is not rich's own."""
    buffer = io.StringIO()
    Console(file=buffer, width=100, color_system=None, force_terminal=False).print(
        terminal_reply(reply)
    )
    return buffer.getvalue()


def terminal_problems(output: str) -> list[str]:
    return [f"control character {c!r} printed" for c in _TERMINAL_CONTROL.findall(output)]


def json_problems(reply: Reply) -> list[str]:
    """A briefing or digest must survive `--json`: strict JSON, valid UTF-8, round-tripped."""
    if reply.briefing is not None:
        data = briefing_data(reply.briefing)
    elif reply.digest is not None:
        data = digest_data(reply.digest, reply.note)
    else:
        return []
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
        text.encode("utf-8")
    except (ValueError, UnicodeEncodeError) as error:
        return [f"not JSON: {error}"]
    return [] if json.loads(text) == data else ["JSON does not round-trip"]


@dataclass(frozen=True)
class Rendered:
    """One reply as every platform shows it."""

    terminal: str
    slack: list[dict[str, Any]]
    discord: list[dict[str, Any]]


def render_everywhere(reply: Reply) -> Rendered:
    return Rendered(terminal_output(reply), reply_payloads(reply), discord_bodies(reply))


def problems_everywhere(reply: Reply, urls: Iterable[str] = ()) -> list[str]:
    """Every problem any renderer's output has for `reply`."""
    urls = list(urls)
    shown = render_everywhere(reply)
    return [
        *(f"terminal: {p}" for p in terminal_problems(shown.terminal)),
        *(f"json: {p}" for p in json_problems(reply)),
        *(f"slack: {p}" for p in slack_problems(shown.slack, urls)),
        *(f"discord: {p}" for p in discord_problems(shown.discord, urls)),
        *bidi_problems(shown),
    ]


# Embeddings, overrides and isolates reorder what follows them (the "Trojan Source" trick);
# the marks flip neutral characters around them. JSON may keep them: it is data, not a view.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def bidi_problems(shown: Rendered) -> list[str]:
    """Each surface on which a bidirectional control survives."""
    texts = {
        "terminal": shown.terminal,
        "slack": json.dumps(shown.slack, ensure_ascii=False),
        "discord": json.dumps(shown.discord, ensure_ascii=False),
    }
    return [
        f"{surface}: bidi control {hit!r} shown"
        for surface, text in texts.items()
        for hit in sorted(set(_BIDI.findall(text)))
    ]
