"""Any phrase is a topic: passages holding it, then its words near each other, then anywhere."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

from bot.discord.embeds import reply_embeds
from bot.render.data import briefing_data
from bot.render.terminal import terminal_reply
from bot.router import Reply
from bot.slack.blocks import reply_payloads
from briefings import notices
from briefings.briefing import Briefing
from briefings.compose import Limits, brief_topic, brief_who
from briefings.search import every, exact, near, phrase_words
from store import Store
from store.fulltext import fts5

from .conftest import run_ingest


def _corpus(store: Store, folder: Path, stories: dict[str, str]) -> None:
    for name, text in stories.items():
        (folder / name).write_text(text, encoding="utf-8")
    run_ingest(store, [str(folder)])


def _shown(briefing: Briefing) -> dict[str, str]:
    reply = Reply(briefing=briefing)
    console = Console(width=200, record=True)
    console.print(terminal_reply(reply))
    return {
        "slack": json.dumps(reply_payloads(reply), ensure_ascii=False),
        "discord": json.dumps(
            [[e.to_dict() for e in m] for m in reply_embeds(reply)], ensure_ascii=False
        ),
        "terminal": console.export_text(),
        "json": json.dumps(briefing_data(briefing), ensure_ascii=False),
    }


def test_g20_bali_is_answered_from_the_seed_that_describes_that_trip(seeded: Store) -> None:
    briefing = brief_topic(seeded, "G20 Bali")

    assert briefing.claims
    assert (briefing.note or "").startswith("No entity named “G20 Bali”")
    assert "Bali" in briefing.candidates  # suggestions in addition, not instead
    assert {"001"} == {Path(s.path or "").name[:3] for s in briefing.sources}
    assert any("G-20" in c.text for c in briefing.claims)


def test_the_exact_phrase_wins_over_its_words_apart(store: Store, tmp_path: Path) -> None:
    _corpus(
        store,
        tmp_path,
        {
            "summit.txt": "Leaders gather\n\nThe G-20 Bali summit opened on Tuesday with "
            "a call for a ceasefire and for food security.\n",
            "island.txt": "Tourism recovers\n\nHotels in Bali reported record bookings this "
            "season.\n\nThe G20 finance track met in Jakarta in March.\n",
        },
    )

    briefing = brief_topic(store, "G20 Bali")

    assert notices.NO_ENTITY_PHRASE.format(query="G20 Bali") == briefing.note
    assert ["summit.txt"] == [Path(s.path or "").name for s in briefing.sources]


def test_words_near_each_other_come_next(store: Store, tmp_path: Path) -> None:
    _corpus(
        store,
        tmp_path,
        {
            "ports.txt": "Port deal\n\nVietnam and Laos agreed to develop the Vung Ang "
            "deep-water port together, the ministry said on Monday.\n",
        },
    )

    briefing = brief_topic(store, "Laos port")

    assert notices.NO_ENTITY_NEAR.format(query="Laos port") == briefing.note
    assert "Vung Ang" in briefing.claims[0].text


def test_a_phrase_no_passage_holds_has_an_empty_answer(seeded: Store) -> None:
    briefing = brief_topic(seeded, "zebra crossing")

    assert not briefing.claims
    assert notices.NO_MATCH.format(query="zebra crossing") == briefing.note


def test_query_syntax_in_a_phrase_is_only_words(seeded: Store) -> None:
    for hostile in ['e-mail "AND*', "foo:bar NEAR(", "O'Brien OR", "*"]:
        assert brief_topic(seeded, hostile).command == "topic"


def test_spellings_of_a_word_with_digits_are_searched_as_a_phrase() -> None:
    words = phrase_words("G20 Bali")

    queries = [exact(words), near(words), every(words)]

    assert [
        '"g20 bali" OR "g 20 bali"',
        'NEAR("g20" "bali", 10) OR NEAR("g 20" "bali", 10)',
        '("g20" OR "g 20") AND ("bali")',
    ] == [fts5(query) for query in queries if query is not None]


def test_every_surface_says_how_the_phrase_was_found_and_suggests_names(seeded: Store) -> None:
    shown = _shown(brief_topic(seeded, "G20 Bali"))

    for words in ["No entity named “G20 Bali”", "G-20", "Group of Twenty"]:
        assert [] == [surface for surface, text in shown.items() if words not in text], words
    chat = {s: text for s, text in shown.items() if s != "json"}
    assert [] == [s for s, text in chat.items() if "Entities with a close name:" not in text]


def test_every_surface_shows_the_articles_and_events_line(seeded: Store) -> None:
    shown = _shown(brief_who(seeded, "Lavrov"))

    line = "4 articles, 5 events, July 2021 – July 2022"
    assert [] == [s for s, text in shown.items() if s != "json" and line not in text]
    assert '"reach": {"articles": 4, "events": 5' in shown["json"]


def test_the_phrase_its_words_together_and_headlines_holding_them_all_count(
    store: Store, tmp_path: Path
) -> None:
    _corpus(
        store,
        tmp_path,
        {
            "declaration.txt": "Leaders adopt declaration\n\nNUSA DUA, Nov 16, 2022 - The G20 "
            "Bali summit closed on Wednesday with a joint declaration.\n",
            "walkout.txt": "Walkout\n\nJAKARTA, July 8, 2022 - Russia's foreign minister left "
            "a G20 ministers' meeting in Bali early on Friday.\n",
            "standin.txt": "Lavrov stands in for Putin at Bali G20 summit\n\nNUSA DUA, Nov 15, "
            "2022 - Russia's foreign minister represented the president at the opening of "
            "the Group of 20 summit on Tuesday.\n",
        },
    )

    briefing = brief_topic(store, "G20 Bali", Limits().more())

    shown = {Path(s.path or "").name for s in briefing.sources}
    assert {"declaration.txt", "walkout.txt", "standin.txt"} == shown
    assert notices.NO_ENTITY_PHRASE_NEAR.format(query="G20 Bali") == briefing.note


ENGLISH_CALL = """\
Vietnam, China discuss fishing ban by phone

HANOI, May 12, 2022 (Wire) - Vietnamese Foreign Minister Bui Thanh Son told Chinese Foreign \
Minister Wang Yi in a phone call on Thursday that the annual fishing ban must not be enforced \
in Vietnam's waters.
"""
VIETNAMESE_CALL = """\
Bộ trưởng Bùi Thanh Sơn điện đàm với Bộ trưởng Ngoại giao Trung Quốc
Thứ năm, 12/5/2022, 20:15 (GMT+7)

Tối nay, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã điện đàm với Bộ trưởng Ngoại giao Trung Quốc \
Vương Nghị về lệnh cấm đánh bắt cá trên Biển Đông.
"""


def test_a_phrase_cites_the_reports_of_its_event_in_other_languages(
    store: Store, tmp_path: Path
) -> None:
    _corpus(store, tmp_path, {"en.txt": ENGLISH_CALL, "vi.txt": VIETNAMESE_CALL})

    briefing = brief_topic(store, "fishing ban", Limits().more())

    # The Vietnamese report never writes "fishing ban": the same day's call with the same
    # minister makes it a report of the event the English sentence tells.
    assert {"en.txt", "vi.txt"} == {Path(s.path or "").name for s in briefing.sources}
    assert all("fishing ban" in claim.text for claim in briefing.claims)
    assert "2022-05-12" == briefing.claims[0].date.iso()  # type: ignore[union-attr]
