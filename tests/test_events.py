from functools import cache
from pathlib import Path

import pytest

from briefings.cleaning import clean_text
from briefings.dates import find_dates
from briefings.entities import extract
from briefings.events import find_events, gathering_kind
from briefings.model import CleanText, Event, PartialDate, Passage, PassageKind
from store import Store

from .conftest import run_ingest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
JUNE_10_2021 = PartialDate(2021, 6, 10)
# The extractor needs a role to know a name met for the first time.
LAVROV = "Foreign Minister Sergey Lavrov"
SON = "Foreign Minister Bui Thanh Son"
WANG = "Foreign Minister Wang Yi"
CHINH = "Prime Minister Pham Minh Chinh"
LI = "Premier Li Keqiang"


@cache
def seed(prefix: str) -> tuple[tuple[Passage, ...], tuple[Event, ...]]:
    """The seed's passages and events, through the real cleaning, dates and entities."""
    clean = seed_text(prefix)
    return clean.passages, events_of(clean.passages, clean.published)


@cache
def seed_text(prefix: str) -> CleanText:
    return clean_text(next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8"))


def events_of(
    passages: tuple[Passage, ...], dateline: PartialDate | None = None
) -> tuple[Event, ...]:
    dates = [(i, d) for i, p in enumerate(passages) for d in find_dates(p.text, dateline)]
    return find_events(passages, dates, extract(passages).mentions, dateline)


def summary(event: Event) -> tuple[str, str, str | None, str | None]:
    """(kind, date, end of range, place) of an event, dates in ISO."""
    until = event.until.iso() if event.until else None
    return event.kind, event.date.iso(), until, event.place


def seed_summaries(prefix: str) -> list[tuple[str, str, str | None, str | None]]:
    return [summary(event) for event in seed(prefix)[1]]


def one_event(text: str, kind: PassageKind = "body") -> Event | None:
    events = events_of((Passage(kind, text),), JUNE_10_2021)
    assert len(events) <= 1
    return events[0] if events else None


def sentence(prefix: str, event: Event) -> str:
    return seed(prefix)[0][event.passage].text[event.start : event.end]


# --- the seeds --------------------------------------------------------------------------


def test_seed_000_phone_conversation_without_a_year() -> None:
    [event] = seed("000")[1]
    assert ("call", "--03-15", None, None) == summary(event)
    assert ("Bui Thanh Son", "Sergey Lavrov") == event.participants
    assert sentence("000", event).endswith("in a phone conversation on Mar 15.")


def test_seed_001_visit_and_departure_of_the_day_before() -> None:
    assert [
        ("visit", "2022-07-06", None, "Vietnam"),
        # "was to leave ... later Wednesday", 6 July in a story of 7 July: it has happened
        # when the story is read, so it is a visit, no longer an announced one.
        ("visit", "2022-07-06", None, "Indonesia"),
    ] == seed_summaries("001")
    assert all("Sergey Lavrov" in event.participants for event in seed("001")[1])


def test_seed_001_meeting_without_its_own_date_is_no_event() -> None:
    said = [e for e in seed("001")[1] if "news conference" in sentence("001", e)]
    assert [] == said


def test_seed_002_meetings_calls_and_an_announced_summit() -> None:
    assert [
        ("meeting", "--06-06", "--06-08", "Chongqing"),
        ("meeting", "--06-08", None, None),
        ("call", "--06-04", None, None),
        ("talks", "--06-07", None, None),
        ("announced-summit", "2021-11", None, None),
        ("meeting", "--06-06", None, None),
    ] == seed_summaries("002")


def test_seed_002_participants() -> None:
    participants = [event.participants for event in seed("002")[1]]
    # The meeting is named by the one place the seed gives it.
    assert [
        ("Special ASEAN-China Foreign Ministers’ Meeting in Chongqing",),
        ("Bui Thanh Son", "Wang Yi"),
        ("Li Keqiang", "Pham Minh Chinh"),
        ("Bui Thanh Son", "Prak Sokhonn"),
    ] == participants[:4]
    assert "Asia-Europe Meeting" in participants[4]
    assert ("Saleumxay Kommasith", "Bui Thanh Son") == participants[5]


def test_seed_003_talks_in_moscow_and_the_visit_range() -> None:
    assert [
        ("talks", "--11-24", None, "Moscow"),
        ("visit", "--11-23", "--11-25", "Russia"),
    ] == seed_summaries("003")
    assert ("Pham Binh Minh", "Sergey Lavrov") == seed("003")[1][0].participants


def test_seed_004_videoconference_consultations_and_announced_summits() -> None:
    assert [
        ("conference", "2021-07-06", None, None),
        ("talks", "2021-06-28", None, None),
        ("announced-meeting", "2021-10", None, None),
        ("summit", "2020-11", None, None),
        ("announced-summit", "2021", None, None),
    ] == seed_summaries("004")


def test_seed_004_participants_name_the_gatherings() -> None:
    participants = [event.participants for event in seed("004")[1]]
    assert "Bùi Thanh Sơn" in participants[0]
    assert ("Association of Southeast Asian Nations", "Russia") == participants[2]
    assert ("East Asia Summit",) == participants[3]
    assert "East Asia Summit" in participants[4]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_events_come_from_body_sentences_with_their_own_date(prefix: str) -> None:
    passages, events = seed(prefix)
    for event in events:
        passage = passages[event.passage]
        assert "body" == passage.kind
        dates = find_dates(passage.text[event.start : event.end], seed_text(prefix).published)
        assert dates, sentence(prefix, event)


# --- cues, one sentence at a time ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "place"),
    [
        (f"{CHINH} met President Vladimir Putin in Moscow on June 5.", "meeting", "Moscow"),
        (f"{SON} held talks with {LAVROV} on June 5.", "talks", None),
        (f"{CHINH} had a phone call with {LI} in Hanoi on June 5.", "call", None),
        (f"{CHINH} telephoned {LI} on June 5.", "call", None),
        (f"{LAVROV} visited Hanoi on June 5.", "visit", "Hanoi"),
        (f"{LAVROV} arrived in Hanoi on June 5.", "visit", "Hanoi"),
        (f"{LAVROV} attended the summit in Jakarta on June 5.", "summit", "Jakarta"),
        (f"{SON} joined the videoconference on June 5.", "conference", None),
        (f"{SON} and {WANG} co-chaired the session on June 5.", "meeting", None),
        ("Vietnam and Cambodia signed a border treaty on June 5.", "signing", None),
        (f"{SON} met {WANG} in Chongqing, China on June 8.", "meeting", "Chongqing"),
    ],
)
def test_each_cue_gives_its_kind(text: str, kind: str, place: str | None) -> None:
    event = one_event(text)
    assert event is not None
    assert (kind, place) == (event.kind, event.place)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (f"{LAVROV} will visit Hanoi on July 6.", "announced-visit"),
        (f"{SON} is scheduled to meet {WANG} on July 6.", "announced-meeting"),
        (
            "Russia proposed the ASEAN-Russia summit be organised in October 2021.",
            "announced-summit",
        ),
        (f"{LAVROV} plans to travel to Hanoi on July 6.", "announced-visit"),
    ],
)
def test_future_words_mark_announced_events(text: str, kind: str) -> None:
    event = one_event(text)
    assert event is not None
    assert kind == event.kind


def test_a_plan_after_the_event_does_not_make_it_announced() -> None:
    event = one_event(f"{LAVROV} visited Hanoi on June 5, and said he would return.")
    assert event is not None
    assert "visit" == event.kind


def test_countries_are_participants_only_when_no_person_is_named() -> None:
    countries = one_event("Vietnam and Cambodia signed a border treaty on June 5.")
    people = one_event(f"{SON} met {WANG} of China on June 8.")
    assert countries is not None and people is not None
    assert ("Vietnam", "Cambodia") == countries.participants
    assert ("Bui Thanh Son", "Wang Yi") == people.participants


def test_the_date_range_sets_until() -> None:
    event = one_event(f"{LAVROV} visited Hanoi on June 6-8.")
    assert event is not None
    assert (PartialDate(2021, 6, 6, "dateline"), PartialDate(2021, 6, 8, "dateline")) == (
        event.date,
        event.until,
    )


def test_a_place_far_from_the_cue_is_not_the_venue() -> None:
    event = one_event(
        f"On June 7, {SON} talked with Deputy Prime Minister Prak Sokhonn on a wide range "
        "of issues, including the livelihood of people of Vietnamese origin in Cambodia."
    )
    assert event is not None
    assert event.place is None


@pytest.mark.parametrize(
    "text",
    [
        "Two-way trade between Vietnam and Russia hit US$2.2 billion in 2021.",
        "The Soviet Union was a close backer of Hanoi in 1975.",
        f"{LAVROV} met {SON} in Hanoi.",
        f"{LAVROV} spoke at a news conference on June 5.",
        "The meeting was held on June 5.",
        "Vietnam and Laos will meet the growing demand for power in 2030.",
        "Tourist visits to Vietnam rose 20% in 2022.",
        f"On June 5, {LAVROV} arrived. He then met {SON} in Hanoi.",
    ],
)
def test_non_events(text: str) -> None:
    assert one_event(text) is None


@pytest.mark.parametrize("kind", ["title", "caption"])
def test_titles_and_captions_give_no_event(kind: PassageKind) -> None:
    assert one_event(f"{LAVROV} met {SON} in Hanoi on June 5.", kind) is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("East Asia Summit", "summit"),
        ("Special ASEAN-Russia Foreign Ministers’ Meeting", "meeting"),
        ("ASEAN-Russia Consultations of the High Representatives", "talks"),
        ("Vietnam War", None),
    ],
)
def test_gathering_kind(name: str, kind: str | None) -> None:
    assert kind == gathering_kind(name)


def test_who_co_chaired_the_event_joins_its_participants() -> None:
    _, events = seed("004")
    (meeting,) = [e for e in events if e.date.iso() == "2021-07-06"]

    assert "Sergey Lavrov" in meeting.participants
    assert "Retno Masudi" in meeting.participants


def test_a_joining_sentence_without_an_event_before_it_adds_nothing() -> None:
    text = (
        "The event was co-chaired by Indonesian Foreign Minister Retno Marsudi and her Russian "
        "counterpart Sergey Lavrov."
    )
    assert one_event(text) is None


def test_a_date_in_a_since_clause_is_not_the_events_date() -> None:
    """'The first since ... in April' looks back over a period: it dates no meeting."""
    sentence = (
        "The meeting was the first between Thai Foreign Minister Maris Sangiampongsa and "
        "Prak Sokhonn since Maris took office in April."
    )
    assert () == events_of((Passage("body", sentence),), PartialDate(2024, 8, 14))


@pytest.mark.parametrize(
    ("sentence", "kind", "day"),
    [
        (
            "Министр иностранных дел России Сергей Лавров во вторник провел в Москве переговоры "
            "с министром иностранных дел Лаоса Салеумсаем Коммаситом.",
            "talks",
            12,
        ),
        ("Сергей Лавров встретился 11 марта с Салеумсаем Коммаситом.", "meeting", 11),
        (
            "Le ministre russe Sergueï Lavrov s'est entretenu mardi à Moscou avec son "
            "homologue laotien Saleumxay Kommasith.",
            "talks",
            12,
        ),
        (
            "Le ministre russe des Affaires étrangères Sergueï Lavrov a rencontré le 11 mars à "
            "Moscou son homologue laotien Saleumxay Kommasith.",
            "meeting",
            11,
        ),
        (
            "Sergueï Lavrov se rendra au Laos le 25 mars pour une visite de deux jours.",
            "announced-visit",
            25,
        ),
    ],
)
def test_talks_and_meetings_reported_in_russian_and_french_are_events(
    sentence: str, kind: str, day: int
) -> None:
    language = "ru" if "ов" in sentence else "fr"
    passages = (Passage("body", sentence),)
    published = PartialDate(2024, 3, 12)  # a Tuesday
    dates = [(0, d) for d in find_dates(sentence, published, language)]
    events = find_events(passages, dates, extract(passages, (), language).mentions, published)

    assert [(kind, PartialDate(2024, 3, day))] == [
        (e.kind, PartialDate(e.date.year, e.date.month, e.date.day)) for e in events
    ]


def test_the_agencies_that_report_an_event_do_not_take_part_in_it(tmp_path: Path) -> None:
    article = tmp_path / "wire.txt"
    article.write_text(
        "Vietnam, Russia hold talks\n\nMOSCOW, Dec 2, 2026 (Wire Service) - Vietnamese "
        f"{SON} held talks with Russian {LAVROV} in Moscow on Tuesday, Vietnam News Agency "
        "reported.\n\nSon told Wire Service that the talks were useful.\n",
        encoding="utf-8",
    )
    with Store.open(tmp_path / "a.db") as store:
        run_ingest(store, [str(article)])
        (talks,) = [e for e in store.events_in([1]) if e.kind == "talks"]

    assert {"Bui Thanh Son", "Sergey Lavrov"} == set(talks.participants)


@pytest.mark.parametrize(
    "sentence",
    [
        f"{LAVROV} met {SON} in Moscow on Tuesday, the Russian Foreign Ministry said.",
        f"According to the Russian Foreign Ministry, {LAVROV} met {SON} in Moscow on Tuesday.",
    ],
)
def test_an_organisation_telling_of_an_event_does_not_take_part(sentence: str) -> None:
    event = one_event(sentence)

    assert event is not None
    assert ("Sergey Lavrov", "Bui Thanh Son") == tuple(sorted(event.participants, reverse=True))


def test_an_organisation_telling_of_its_own_event_still_takes_part() -> None:
    event = one_event("ASEAN said its foreign ministers will meet in Vientiane on July 25.")

    assert event is not None
    assert "Association of Southeast Asian Nations" in event.participants


def test_a_spokeswoman_announcing_a_visit_does_not_take_part_in_it() -> None:
    event = one_event(
        f"Russian {LAVROV} will pay an official visit to Hanoi on July 14, Foreign Ministry "
        "spokeswoman Le Thi Thu Hang told a regular press briefing."
    )

    assert event is not None
    assert ("announced-visit", ("Sergey Lavrov",)) == (event.kind, event.participants)
