"""Russian and French reports of talks, through ingest to the console: the dateline dates the
article and is never quoted, dates in the body date the events, claims and timeline rows."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from bot.console import execute
from bot.router import Router
from briefings.resolve import resolve_entity
from store import Store

from .conftest import offline, run_ingest

TRUTH = Path(__file__).parent / "articles" / "truth"

FRENCH_TALKS = """\
Sergueï Lavrov et Saleumxay Kommasith se sont entretenus à Moscou

MOSCOU, le 13 mars 2024 (Dépêche Asie) - Le ministre russe des Affaires étrangères \
Sergueï Lavrov s'est entretenu mardi à Moscou avec son homologue laotien Saleumxay Kommasith.

Les deux ministres ont évoqué la coopération énergétique et la présidence laotienne de l'ASEAN.

Sergueï Lavrov se rendra à Vientiane le 26 avril pour une visite de deux jours, a indiqué \
le ministère russe.
"""


def _shown(router: Router, line: str) -> str:
    out = io.StringIO()
    Console(file=out, width=400, color_system=None).print(execute(router, line))
    return out.getvalue()


@pytest.fixture
def russian(tmp_path: Path) -> Iterator[Router]:
    folder = tmp_path / "ru"
    folder.mkdir()
    shutil.copy(TRUTH / "moscow-lavrov-kommasit-ru.txt", folder)
    yield from _router(tmp_path, folder)


@pytest.fixture
def french(tmp_path: Path) -> Iterator[Router]:
    folder = tmp_path / "fr"
    folder.mkdir()
    (folder / "lavrov-kommasith.txt").write_text(FRENCH_TALKS, encoding="utf-8")
    yield from _router(tmp_path, folder)


def _router(tmp_path: Path, folder: Path) -> Iterator[Router]:
    with Store.open(tmp_path / "attache.db") as store:
        assert 1 == run_ingest(store, [str(folder)]).counts["new"]
    router = Router(str(tmp_path / "attache.db"), offline)
    yield router
    router.close()


def test_a_russian_dateline_with_its_year_dates_the_article_and_is_not_quoted(
    russian: Router,
) -> None:
    shown = _shown(russian, "/show 1")
    assert "2024-03-12 (day)" in shown
    assert "no dateline" not in shown

    # The default briefing tells the talks by Lavrov's own words; --more adds the report.
    who = _shown(russian, "/who Sergey Lavrov --more")
    assert "МОСКВА, 12 марта" not in who
    # "во вторник" is the dateline's Tuesday: the claim is dated by the talks it reports.
    assert "• 12 March 2024 · Министр иностранных дел России Сергей Лавров" in who


def test_russian_talks_are_a_timeline_row(russian: Router) -> None:
    timeline = _shown(russian, "/timeline Sergey Lavrov")

    assert "12 March 2024: talks" in timeline
    assert "No dated meetings" not in timeline


def test_french_talks_and_an_announced_visit_are_dated_from_the_body(french: Router) -> None:
    assert "2024-03-13 (day)" in _shown(french, "/show 1")

    timeline = _shown(french, "/timeline Sergueï Lavrov")
    # "mardi" is the Tuesday before the dateline's Wednesday; "se rendra ... le 26 avril" is
    # still to come.
    assert "12 March 2024: talks" in timeline
    assert "26 April 2024: announced visit" in timeline

    who = _shown(french, "/who Sergueï Lavrov --more")
    assert "12 March 2024 · Le ministre russe des Affaires étrangères" in who
    assert "announced for 26 April 2024" in who


VIETNAMESE_CALL = """\
Bộ trưởng Bùi Thanh Sơn điện đàm với Bộ trưởng Ngoại giao Trung Quốc
Thứ năm, 12/5/2022, 20:15 (GMT+7)

Tối nay, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã điện đàm với Bộ trưởng Ngoại giao Trung Quốc \
Vương Nghị về lệnh cấm đánh bắt cá trên Biển Đông.

Hai bên nhất trí tổ chức phiên họp tiếp theo tại Bắc Kinh.

Chiều 10/5, Thứ trưởng Đặng Hoàng Giang đã gặp Đại sứ Trung Quốc tại Hà Nội.
"""


def test_a_vietnamese_page_is_dated_by_its_weekday_line_and_its_events_by_the_body(
    store: Store, tmp_path: Path
) -> None:
    (tmp_path / "son-call.txt").write_text(VIETNAMESE_CALL, encoding="utf-8")
    run_ingest(store, [str(tmp_path)])

    article = store.articles()[0]
    son = resolve_entity(store, "Bui Thanh Son").entity
    assert son is not None
    events = {(e.kind, e.date) for e in store.events_involving(son.id)}

    # "Thứ năm, 12/5/2022": a weekday of a day-first language; 12 May, not 5 December.
    assert "2022-05-12" == article.published.date
    # "Tối nay" (tonight) is the day of publication; "Chiều 10/5" the afternoon of 10 May.
    assert ("call", "2022-05-12") in events
    assert {"2022-05-10", "2022-05-12"} <= store.days_told([article.id])[article.id]
