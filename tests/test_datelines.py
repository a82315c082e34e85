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
    ],
)
def test_sentences_are_not_datelines(paragraph: str) -> None:
    assert (None, paragraph) == read_wire_dateline(paragraph)


def test_the_month_table_is_cldrs() -> None:
    """gazetteer/months.tsv is what scripts/month_names.py writes from babel's CLDR data."""
    run = subprocess.run([sys.executable, "scripts/month_names.py", "--check"], cwd=ROOT)
    assert 0 == run.returncode
