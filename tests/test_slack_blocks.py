"""The Block Kit renderer: escaping and Slack's limits, from fixtures, with no network."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bot.router import Reply
from bot.slack.blocks import (
    MAX_BLOCKS,
    MAX_CONTEXT_ELEMENTS,
    MAX_HEADER,
    MAX_MESSAGE,
    MAX_SECTION,
    reply_messages,
    reply_payloads,
)
from bot.slack.escape import ELLIPSIS, escape, pieces
from briefings.briefing import Briefing, Claim, Role, Source, Subject
from briefings.model import PartialDate

from .conftest import SEEDS

Block = dict[str, Any]


def seed_sentences() -> list[str]:
    text = " ".join(path.read_text() for path in sorted(SEEDS.glob("*.txt")))
    return [s.strip() + "." for s in text.replace("\n", " ").split(". ") if len(s) > 40]


def source(n: int, url: str | None = None) -> Source:
    path = None if url else f"/data/articles/{n:03d}.txt"
    return Source(n, n, f"Article {n} & <more>", "VNA", PartialDate(2022, 7, 7), url, path)


def long_briefing() -> Briefing:
    """About 40 kB of claims: every seed sentence twice, and one claim of 7,000 characters."""
    sentences = seed_sentences() * 2
    sources = tuple(source(n, f"https://news.example/{n}?a=1&b=2") for n in range(1, 13))
    claims = [Claim(s, (1 + i % 12,), PartialDate(2022, 7, 7)) for i, s in enumerate(sentences)]
    claims.append(Claim(" ".join(sentences)[:7000], (1, 2)))
    subject = Subject("Sergey Lavrov", "person", ("Lavrov",), country="Russia")
    return Briefing("who", "Lavrov", subject, tuple(claims), sources)


def texts(block: Block) -> list[str]:
    if "text" in block:
        return [block["text"]["text"]]
    return [element["text"] for element in block.get("elements", ())]


def all_texts(messages: list[list[Block]]) -> list[str]:
    return [text for message in messages for block in message for text in texts(block)]


def test_a_40_kb_briefing_splits_into_messages_within_every_limit() -> None:
    briefing = long_briefing()
    assert 40_000 <= sum(len(claim.text) for claim in briefing.claims)

    messages = reply_messages(Reply(briefing=briefing))

    assert 3 <= len(messages)
    for message in messages:
        assert 1 <= len(message) <= MAX_BLOCKS
        # The budget counts each block's JSON; the list's own commas add one or two a block.
        assert len(json.dumps(message, ensure_ascii=False)) <= MAX_MESSAGE + 2 * len(message)
        for block in message:
            if block["type"] == "header":
                assert len(block["text"]["text"]) <= MAX_HEADER
            if block["type"] == "context":
                assert len(block["elements"]) <= MAX_CONTEXT_ELEMENTS
            assert all(0 < len(text) <= MAX_SECTION for text in texts(block))


def test_the_long_claim_is_cut_between_words_and_nothing_is_lost() -> None:
    briefing = long_briefing()
    long_claim = escape(briefing.claims[-1].text)
    flat = all_texts(reply_messages(Reply(briefing=briefing)))
    start = flat.index(next(t for t in flat if t.startswith("• " + long_claim[:40])))
    end = next(i for i in range(start + 1, len(flat)) if not flat[i].startswith(ELLIPSIS))
    sections = flat[start:end]

    words = " ".join(t.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS) for t in sections).split()

    assert 3 == len(sections)
    assert ["•", *long_claim.split()] == words[:-2]
    assert all(len(section) <= MAX_SECTION for section in sections)


def test_every_claim_keeps_its_citation_links() -> None:
    messages = reply_messages(Reply(briefing=long_briefing()))
    claims = [t for t in all_texts(messages) if t.startswith("• ")]

    assert "<https://news.example/1?a=1&amp;b=2|[1]>" in claims[0]


def test_text_from_articles_and_users_is_escaped() -> None:
    hostile = "AT&T <!channel> <!here|here> <@U024BE7LH> <https://evil.example|click> @everyone"
    briefing = Briefing(
        "who",
        hostile,
        Subject(hostile, "person", (hostile,)),
        (Claim(hostile, (1,)),),
        (Source(1, 1, hostile, hostile, None, "https://x.example/a|b>c", None),),
        candidates=(hostile,),
        note=hostile,
    )
    sent = json.dumps(reply_payloads(Reply(briefing=briefing)), ensure_ascii=False)

    assert "<!" not in sent
    assert "<@" not in sent
    assert "<https://evil" not in sent
    assert "AT&amp;T &lt;!channel&gt; &lt;!here|here&gt; &lt;@U024BE7LH&gt;" in sent
    assert "<https://x.example/a%7Cb&gt;c|" in sent
    assert "link_names" not in sent


def test_escape_replaces_the_ampersand_first() -> None:
    assert "&amp;lt;b&amp;gt; &lt;b&gt; &amp;amp;" == escape("&lt;b&gt; <b> &amp;")


def test_a_long_name_makes_a_header_cut_between_words() -> None:
    name = "Minister " * 40 + "Lavrov"
    [message] = reply_messages(Reply(briefing=Briefing("who", "x", Subject(name, "person"))))
    header = message[0]["text"]["text"]

    assert MAX_HEADER >= len(header)
    assert header.endswith("Minister" + ELLIPSIS)


def test_more_than_ten_roles_share_the_last_context_element() -> None:
    roles = tuple(Role(f"Envoy {n}", "Russia", None, None, (1,)) for n in range(14))
    subject = Subject("Sergey Lavrov", "person", roles=roles)
    [message] = reply_messages(Reply(briefing=Briefing("who", "Lavrov", subject)))
    context = message[1]

    assert MAX_CONTEXT_ELEMENTS == len(context["elements"])
    assert "Envoy 13" in context["elements"][-1]["text"]


def test_a_plain_path_is_shown_as_its_escaped_file_name_and_a_url_as_a_link() -> None:
    sources = (source(1), source(2, "https://news.example/2"))
    briefing = Briefing("who", "Lavrov", None, (Claim("Lavrov spoke.", (1, 2)),), sources)
    text = "\n".join(all_texts(reply_messages(Reply(briefing=briefing))))

    assert "• Lavrov spoke. [1] <https://news.example/2|[2]>" in text
    assert "*[1]* Article 1 &amp; &lt;more&gt; — VNA, 7 July 2022\n001.txt" in text
    assert "/data/articles" not in text
    assert "*[2]* <https://news.example/2|Article 2 &amp; &lt;more&gt;>" in text


def test_a_text_reply_is_one_section_with_a_fallback() -> None:
    [payload] = reply_payloads(Reply(text="I don't know <that>.", failed=True))

    assert "I don't know &lt;that&gt;." == payload["text"]
    assert [
        {"type": "section", "text": {"type": "mrkdwn", "text": payload["text"], "verbatim": True}}
    ] == payload["blocks"]


def test_one_word_longer_than_a_section_is_cut_outside_entities() -> None:
    word = escape("<&>" * 2000)
    parts = pieces(word, MAX_SECTION)

    assert all(len(part) <= MAX_SECTION for part in parts)
    assert word == "".join(part.strip(ELLIPSIS) for part in parts)


@given(st.text(alphabet=st.sampled_from("ab &<>\n"), max_size=400), st.integers(10, 80))
def test_pieces_fit_and_keep_every_word(text: str, limit: int) -> None:
    escaped = escape(text)
    parts = pieces(escaped, limit)

    assert all(len(part) <= limit for part in parts)
    joined = " ".join(part.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS) for part in parts)
    assert "".join(escaped.split()) == "".join(joined.split())
    if all(len(word) < limit - 2 for word in escaped.split()):
        assert escaped.split() == joined.split()
