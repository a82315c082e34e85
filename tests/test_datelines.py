"""Wire datelines in other languages and agency formats, read off a story's first paragraph."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefings.datelines import read_wire_dateline
from briefings.model import PartialDate

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("paragraph", "place", "date", "agency", "rest"),
    [
        (
            "МОСКВА, 12 марта 2024 года. - Министр иностранных дел России провел переговоры.",
            "МОСКВА",
            PartialDate(2024, 3, 12),
            None,
            "Министр иностранных дел",
        ),
        # The region or country after the city, before a date or an agency.
        (
            "NUSA DUA, Indonesia, Nov 15 (Reuters) - Leaders met on Tuesday.",
            "NUSA DUA",
            PartialDate(None, 11, 15),
            "Reuters",
            "Leaders met",
        ),
        (
            "Nusa Dua, Bali (ANTARA) - The summit closed on Wednesday.",
            "Nusa Dua",
            None,
            "ANTARA",
            "The summit closed",
        ),
        (
            "ВЬЕНТЬЯН, 5 октября 2024 г. - Глава МИД Лаоса принял делегацию.",
            "ВЬЕНТЬЯН",
            PartialDate(2024, 10, 5),
            None,
            "Глава МИД Лаоса",
        ),
        (
            "PARIS, le 12 mars 2024 - Le ministre a reçu son homologue laotien.",
            "PARIS",
            PartialDate(2024, 3, 12),
            None,
            "Le ministre",
        ),
        (
            "ХАНОЙ, 27 июля. /Интерфакс/ - Глава МИД России прибыл во Вьетнам с визитом.",
            "ХАНОЙ",
            PartialDate(None, 7, 27),
            "Интерфакс",
            "Глава МИД России",
        ),
        (
            "MOSCOW, December 5. /TASS/. Russia and Laos signed a visa agreement on Thursday.",
            "MOSCOW",
            PartialDate(None, 12, 5),
            "TASS",
            "Russia and Laos",
        ),
        (
            "MOSCOW, Dec 2 (VNA) — Vietnam's ambassador met Russian lawmakers on Monday.",
            "MOSCOW",
            PartialDate(None, 12, 2),
            "VNA",
            "Vietnam's ambassador",
        ),
        (
            "HANOÏ, 27 juillet (RFI) - Le ministre russe a rencontré son homologue vietnamien.",
            "HANOÏ",
            PartialDate(None, 7, 27),
            "RFI",
            "Le ministre russe",
        ),
        (
            "HÀ NỘI, 12/3 (TTXVN) - Bộ trưởng Ngoại giao tiếp Đại sứ Nga tại Hà Nội.",
            "HÀ NỘI",
            PartialDate(None, 3, 12),
            "TTXVN",
            "Bộ trưởng",
        ),
        (
            "JAKARTA (ANTARA) - Menteri Luar Negeri menerima Duta Besar Vietnam pada Senin.",
            "JAKARTA",
            None,
            "ANTARA",
            "Menteri Luar Negeri",
        ),
        (
            "BRASÍLIA, 18 de novembro de 2024 - O chanceler recebeu o colega português.",
            "BRASÍLIA",
            PartialDate(2024, 11, 18),
            None,
            "O chanceler",
        ),
        (
            "HANOI--Russia's foreign minister arrived in Vietnam on Wednesday for talks.",
            "HANOI",
            None,
            None,
            "Russia's foreign minister",
        ),
        (
            "МОСКВА, 3 марта. Министр обороны провел переговоры с коллегой из Лаоса.",
            "МОСКВА",
            PartialDate(None, 3, 3),
            None,
            "Министр обороны",
        ),
        # Vietnamese wires give the day after the agency, day first.
        (
            "Viêng Chăn (TTXVN) 4/12 – Hôm qua, Chủ tịch Quốc hội đã hội kiến Thủ tướng Lào.",
            "Viêng Chăn",
            PartialDate(None, 12, 4),
            "TTXVN",
            "Hôm qua, Chủ tịch",
        ),
        (
            "Hà Nội (TTXVN) 18/3/2025 - Chiều nay, Phó Thủ tướng đã tiếp Đại sứ Nhật Bản.",
            "Hà Nội",
            PartialDate(2025, 3, 18),
            "TTXVN",
            "Chiều nay",
        ),
        # RIA and Sputnik name themselves after the dash.
        (
            "МОСКВА, 5 дек — РИА Новости. Министр иностранных дел провел переговоры.",
            "МОСКВА",
            PartialDate(None, 12, 5),
            "РИА Новости",
            "Министр иностранных дел",
        ),
        (
            "MOSCOW, December 5 - Sputnik. Russia and Egypt held talks in Moscow.",
            "MOSCOW",
            PartialDate(None, 12, 5),
            "Sputnik",
            "Russia and Egypt",
        ),
        # Any other name after the dash is the story's first word.
        (
            "HANOI, Dec 2 — Reuters reported that the ministers met in Hanoi.",
            "HANOI",
            PartialDate(None, 12, 2),
            None,
            "Reuters reported",
        ),
    ],
)
def test_wire_datelines_are_read_in_each_language(
    paragraph: str, place: str, date: PartialDate | None, agency: str | None, rest: str
) -> None:
    dateline, after = read_wire_dateline(paragraph)
    assert dateline is not None
    assert (place, date, agency) == (dateline.place, dateline.date, dateline.agency)
    assert after.startswith(rest)
    assert paragraph.startswith(dateline.text)
    assert paragraph.endswith(after)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Moscow said on Monday it would send a delegation to Hanoi.",
        "Lavrov, 74, said the talks had been useful.",
        "The talks, 5 May - began late.",
        "UPDATE: The ministers will meet again in June.",
        "Sergey Lavrov (Russia) - met his counterpart.",
        "HANOI, 31 June (VNA) - A date that does not exist.",
        "NATO—Russia talks resumed in Brussels on Monday.",
        "Vietnam-Russia trade grew by a fifth last year.",
        "Hanoi, Vietnam, the ministry said on Monday.",
        "Hanoi, the capital (VNA) - talks began.",
        "Hà Nội (TTXVN) 31/6 – Ngày không có thật.",
        "The two sides (5 ministers) 3/4 - agreed.",
    ],
)
def test_sentences_are_not_datelines(paragraph: str) -> None:
    assert (None, paragraph) == read_wire_dateline(paragraph)


def test_the_month_table_is_cldrs() -> None:
    """gazetteer/months.tsv is what scripts/month_names.py writes from babel's CLDR data."""
    run = subprocess.run([sys.executable, "scripts/month_names.py", "--check"], cwd=ROOT)
    assert 0 == run.returncode


def test_a_wire_dateline_names_its_place_and_agency_but_is_never_quoted_or_a_participant(
    tmp_path: Path,
) -> None:
    """Through ingest: the dateline's place and agency are the article's entities (who Moscow
    finds it), the agency takes no part in the talks, and no claim opens with the dateline."""
    from briefings.compose import brief_who
    from briefings.folding import fold
    from store import Store

    from .conftest import run_ingest

    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "talks.txt").write_text(
        "Lavrov and Son hold talks on energy\n\n"
        "MOSCOW, Dec 2 (VNA) — Russian Foreign Minister Sergey Lavrov held talks with "
        "Vietnamese Foreign Minister Bui Thanh Son on Tuesday, December 1, 2026.\n\n"
        "The two ministers discussed oil and gas cooperation and agreed to meet again in "
        "Hanoi next year.\n",
        encoding="utf-8",
    )
    with Store.open(tmp_path / "wire.db") as store:
        assert run_ingest(store, [str(folder)]).counts["new"] == 1
        names = {(e.name, e.kind) for e in store.entities()}
        assert ("Moscow", "place") in names
        assert ("Vietnam News Agency", "organization") in names
        lavrov = store.entities_named(fold("Sergey Lavrov"))[0]
        events = store.events_involving(lavrov.id)
        assert events, "the talks are an event"
        assert all("Vietnam News Agency" not in e.participants for e in events)
        briefing = brief_who(store, "Lavrov")
        assert briefing.claims
        assert not any(c.text.startswith("MOSCOW") for c in briefing.claims)
