"""Announced events in the wire languages: visits to come and agreements to meet again are
announced, with their own date or none, never dated in the past; a day a later clause gives
to a past verb ("…, the ministry said on Monday") is when it was told, not when it happens."""

from __future__ import annotations

import pytest

from briefings.dates import find_dates
from briefings.entities import extract
from briefings.events import find_events
from briefings.model import Event, PartialDate, Passage

TUESDAY = PartialDate(2024, 3, 12)  # the articles' own day


def events_in(language: str, *paragraphs: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(kind, ISO date, participants) of each event, through the real dates and entities."""
    passages = tuple(Passage("body", text) for text in paragraphs)
    dates = [(i, d) for i, p in enumerate(passages) for d in find_dates(p.text, TUESDAY, language)]
    mentions = extract(passages, (), language).mentions
    return [_told(e) for e in find_events(passages, dates, mentions, TUESDAY)]


def _told(event: Event) -> tuple[str, str, tuple[str, ...]]:
    return event.kind, event.date.iso(), event.participants


@pytest.mark.parametrize(
    ("language", "sentence", "day"),
    [
        ("ru", "Сергей Лавров посетит Ханой с официальным визитом 2 апреля.", "2024-04-02"),
        (
            "id",
            "Menteri Luar Negeri Retno Marsudi akan melakukan kunjungan resmi ke Hanoi pada "
            "2 April.",
            "2024-04-02",
        ),
        (
            "vi",
            "Bộ trưởng Ngoại giao Bùi Thanh Sơn sẽ thăm chính thức Liên bang Nga từ ngày 2/4.",
            "2024-04-02",
        ),
    ],
)
def test_a_visit_to_come_is_announced_on_its_own_day(
    language: str, sentence: str, day: str
) -> None:
    [(kind, date, _)] = events_in(language, sentence)

    assert ("announced-visit", day) == (kind, date)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        (
            "ru",
            "Министр иностранных дел России Сергей Лавров посетит Вьетнам с официальным визитом "
            "в ближайшее время, сообщили в министерстве.",
        ),
        ("id", "Menteri Luar Negeri Retno Marsudi akan berkunjung ke Moskow dalam waktu dekat."),
        ("vi", "Ngoại trưởng Nga Sergey Lavrov sẽ sớm thăm chính thức Việt Nam."),
        ("en", "Foreign Minister Sergey Lavrov will visit Hanoi, with the dates to be set later."),
    ],
)
def test_a_visit_to_come_with_no_day_is_announced_undated(language: str, sentence: str) -> None:
    [(kind, date, participants)] = events_in(language, sentence)

    assert ("announced-visit", "") == (kind, date)
    assert participants


@pytest.mark.parametrize(
    ("language", "told", "agreed", "day"),
    [
        (
            "ru",
            "Министр иностранных дел России Сергей Лавров провёл переговоры с министром "
            "иностранных дел Вьетнама Буй Тхань Шоном в Москве 11 марта.",
            "Стороны договорились провести следующий раунд консультаций в Ханое 15 апреля.",
            "2024-04-15",
        ),
        (
            "id",
            "Menteri Luar Negeri Retno Marsudi bertemu dengan Menteri Luar Negeri Vietnam Bui "
            "Thanh Son di Jakarta pada 11 Maret.",
            "Kedua menteri sepakat menggelar pertemuan berikutnya di Hanoi pada 20 April.",
            "2024-04-20",
        ),
        (
            "vi",
            "Ngày 11/3, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã điện đàm với Ngoại trưởng Nga "
            "Sergey Lavrov.",
            "Hai bên nhất trí tổ chức vòng tiếp theo của đối thoại chiến lược tại Hà Nội vào "
            "ngày 18/4.",
            "2024-04-18",
        ),
        (
            "en",
            "Foreign Minister Bui Thanh Son held talks with Foreign Minister Sergey Lavrov in "
            "Moscow on Monday.",
            "The ministers agreed to hold the next round of consultations in Hanoi on April 15.",
            "2024-04-15",
        ),
    ],
)
def test_the_sides_agreeing_to_meet_again_announce_their_next_meeting(
    language: str, told: str, agreed: str, day: str
) -> None:
    first, then = events_in(language, told, agreed)

    assert then[0].startswith("announced-")
    assert day == then[1]
    # "The sides", "Kedua menteri", "Hai bên": the parties of the event just told.
    assert first[2] == then[2]


def test_a_visit_told_on_a_past_day_is_announced_not_dated_that_day() -> None:
    [(kind, date, _)] = events_in(
        "en",
        "Foreign Minister Sergey Lavrov will pay an official visit to Vietnam, the ministry "
        "said after the call on Monday.",
    )

    assert ("announced-visit", "") == (kind, date)


def test_a_past_verb_dates_its_weekday_though_upcoming_follows() -> None:
    [(kind, date, _)] = events_in(
        "en",
        "Foreign Minister Bui Thanh Son and Foreign Minister Sergey Lavrov discussed by telephone "
        "on Monday the preparations for upcoming high-level contacts.",
    )

    assert ("call", "2024-03-11") == (kind, date)


def test_what_was_signed_is_done_though_a_future_word_comes_before() -> None:
    [(kind, date, _)] = events_in(
        "en",
        "Foreign Minister Bui Thanh Son said both sides will implement the agreements signed "
        "with Foreign Minister Sergey Lavrov on Monday.",
    )

    assert ("signing", "2024-03-11") == (kind, date)


@pytest.mark.parametrize(
    ("language", "told", "back"),
    [
        (
            "en",
            "Foreign Minister Retno Marsudi held talks with Sergey Lavrov in Moscow on Monday.",
            "During the talks, Lavrov said that President Vladimir Putin will visit Jakarta "
            "on 2 April.",
        ),
        (
            "id",
            "Menteri Luar Negeri Retno Marsudi bertemu Sergey Lavrov di Moskow pada Senin.",
            "Dalam pertemuan tersebut, Lavrov menyampaikan bahwa Presiden Vladimir Putin akan "
            "berkunjung ke Jakarta pada 2 April.",
        ),
    ],
)
def test_an_opening_phrase_pointing_back_at_the_talks_is_not_a_new_event(
    language: str, told: str, back: str
) -> None:
    """'During the talks, X said Y will visit …': the visit is announced; the talks are the
    ones the sentence before told, not talks on the visit's day."""
    events = events_in(language, told, back)

    assert 2 == len(events)
    assert events[0][1] == "2024-03-11"
    assert ("announced-visit", "2024-04-02") == events[1][:2]
    assert "Vladimir Putin" in events[1][2]


def test_a_dated_opening_phrase_still_tells_its_event() -> None:
    [(kind, date, people)] = events_in(
        "en", "During talks with Sergey Lavrov on Monday, Retno Marsudi raised visas."
    )

    assert ("talks", "2024-03-11") == (kind, date)
    assert "Sergey Lavrov" in people


def test_an_indonesian_phone_conversation_is_a_call() -> None:
    [(kind, date, _)] = events_in(
        "id",
        "Menteri Luar Negeri Retno Marsudi melakukan pembicaraan telepon dengan Menteri Luar "
        "Negeri Rusia Sergey Lavrov pada Senin.",
    )

    assert ("call", "2024-03-11") == (kind, date)


def test_a_visit_reported_as_to_come_is_not_dated_in_the_past() -> None:
    """'would visit … in May', told in March: the May to come, not the May gone by."""
    [(kind, date, _)] = events_in(
        "en", "Lavrov said President Vladimir Putin would visit Hanoi in May."
    )

    assert ("announced-visit", "2024-05") == (kind, date)
