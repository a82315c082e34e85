"""The Discord embed renderer: every Discord limit held, nothing cut mid-word, nothing pings."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.discord.embeds import reply_embeds, safe, shorten
from bot.router import Reply
from briefings.briefing import Briefing, Claim, Source, Subject
from briefings.model import PartialDate

WORD = re.compile(r"w\d{5}")


def units(text: str) -> int:
    """Length as Discord counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def words(start: int, count: int) -> str:
    return " ".join(f"w{n:05d}" for n in range(start, start + count))


def huge_briefing() -> Briefing:
    """About 40 kB: many claims, one enormous claim, a long name, many long sources."""
    claims = [Claim(words(i * 40, 40), (i % 30 + 1,), PartialDate(2021, 7, 7)) for i in range(120)]
    claims.insert(5, Claim(words(90_000, 1500), (1,)))  # ~10 kB in one sentence
    sources = tuple(
        Source(n, n, "A very long headline " * 12, "Outlet", None, f"https://example.org/{n}", None)
        for n in range(1, 31)
    )
    subject = Subject("Sergey " * 60, "person", aliases=("Lavrov",))
    return Briefing("who", "Lavrov", subject, tuple(claims), sources, more=3)


def embed_size(embed: dict[str, Any]) -> int:
    texts = [embed.get("title", ""), embed.get("description", "")]
    texts.append(embed.get("footer", {}).get("text", ""))
    for field in embed.get("fields", []):
        texts += [field["name"], field["value"]]
    return sum(units(t) for t in texts)


def rendered(reply: Reply) -> list[list[Any]]:
    return [[embed.to_dict() for embed in message] for message in reply_embeds(reply)]


def test_a_40kb_briefing_fits_every_discord_limit() -> None:
    messages = rendered(Reply(briefing=huge_briefing()))

    assert len(messages) > 1
    for message in messages:
        assert 1 <= len(message) <= 10
        assert sum(embed_size(e) for e in message) <= 6000
        for embed in message:
            assert units(embed.get("title", "")) <= 256
            assert units(embed.get("description", "")) <= 4096
            assert units(embed.get("footer", {}).get("text", "")) <= 2048
            assert len(embed.get("fields", [])) <= 25


def test_a_long_briefing_loses_no_word_and_cuts_none() -> None:
    briefing = huge_briefing()
    text = "\n".join(
        e.get("description", "") for m in rendered(Reply(briefing=briefing)) for e in m
    )

    expected = [w for claim in briefing.claims for w in WORD.findall(claim.text)]
    assert expected == WORD.findall(text)
    # The enormous claim was split, and each ellipsis touches a whole word, never a part.
    beside_ellipses = re.findall(r"(\S+)…", text) + re.findall(r"…(\S+)", text)
    assert beside_ellipses
    assert all(WORD.fullmatch(word) for word in beside_ellipses)


def test_the_title_is_shortened_at_a_word_with_an_ellipsis() -> None:
    title = rendered(Reply(briefing=huge_briefing()))[0][0]["title"]

    assert title.endswith("Sergey…")
    assert units(title) <= 256


def test_shorten_never_cuts_inside_a_word() -> None:
    assert "alpha beta…" == shorten("alpha beta gamma", 14)
    assert "alpha beta gamma" == shorten("alpha beta gamma", 16)


def test_article_text_cannot_ping_or_format() -> None:
    claim = Claim(
        "**Urgent** @everyone, @here and <@123456789012345678> see <@&223456789012345678>", (1,)
    )
    source = Source(1, 1, "_Title_ @everyone", None, None, None, "seeds/001.txt")
    reply = Reply(briefing=Briefing("ask", "q", None, (claim,), (source,)))

    text = "\n".join(e["description"] for message in rendered(reply) for e in message)

    assert [] == re.findall(r"@(?:everyone|here)|<@&?\d+>", text)
    assert "\\*\\*Urgent\\*\\*" in text
    assert "\\_Title\\_" in text


def test_citations_link_to_the_source_when_it_has_a_url() -> None:
    linked = Source(1, 1, "Linked", "AP", None, "https://example.org/a_(b)", None)
    local = Source(2, 2, "Local", None, None, None, "seeds/002.txt")
    hostile = Source(3, 3, "Script", None, None, "javascript:alert(1)", None)
    claim = Claim("Lavrov visited Hanoi.", (1, 2, 3))
    reply = Reply(briefing=Briefing("who", "Lavrov", None, (claim,), (linked, local, hostile)))

    body, sources = (e["description"] for e in rendered(reply)[0])

    assert "[[1]](https://example.org/a_%28b%29)[2][3]" in body
    assert "[Linked](https://example.org/a_%28b%29)" in sources
    assert " — 002.txt" in sources
    assert "seeds/" not in sources
    assert "javascript" not in sources


def test_a_text_reply_is_one_embed_and_failures_are_red() -> None:
    (message,) = reply_embeds(Reply(text="No such person.", failed=True))

    assert ["No such person."] == [embed.description for embed in message]
    assert discord.Colour(0xB3412E) == message[0].colour


def test_emoji_count_double_as_discord_counts_them() -> None:
    claims = tuple(Claim("🇻🇳 " * 900, (1,)) for _ in range(6))
    messages = rendered(Reply(briefing=Briefing("ask", "q", None, claims)))

    for message in messages:
        assert sum(embed_size(e) for e in message) <= 6000
        assert all(units(e.get("description", "")) <= 4096 for e in message)


def test_safe_escapes_markdown_and_mentions() -> None:
    assert "\\*hi\\* @\u200beveryone" == safe("*hi* @everyone")
