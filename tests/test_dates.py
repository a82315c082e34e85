from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefings.dates import find_dates, split_dateline
from briefings.model import DateMention, PartialDate

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
JULY_7_2021 = PartialDate(2021, 7, 7)  # a Wednesday, seed 004
JULY_7_2022 = PartialDate(2022, 7, 7)  # a Thursday, seed 001


def found(text: str, dateline: PartialDate | None = None) -> list[tuple[str, str]]:
    """(phrase, ISO date) of each mention, with `/end` appended for ranges."""
    return [(m.text, _iso(m)) for m in find_dates(text, dateline)]


def _iso(mention: DateMention) -> str:
    return mention.date.iso() + (f"/{mention.until.iso()}" if mention.until else "")


def seed_line(prefix: str, needle: str) -> str:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return next(line for line in path.read_text().splitlines() if needle in line)


# --- split_dateline -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected_text", "expected_rest"),
    [
        (" date 2022-07-07 The Special ASEAN", "date 2022-07-07", "The Special ASEAN"),
        ("July 7, 2022 at 12:40 JST", "July 7, 2022 at 12:40 JST", ""),
        ("Thursday, 7 July 2022 12:40 GMT+7", "Thursday, 7 July 2022 12:40 GMT+7", ""),
        (
            "Published: 7 July 2022, 10:00 GMT+7 | HANOI",
            "Published: 7 July 2022, 10:00 GMT+7",
            "HANOI",
        ),
        (
            "Updated Jul 7, 2022 12:40 p.m. EDT Lavrov",
            "Updated Jul 7, 2022 12:40 p.m. EDT",
            "Lavrov",
        ),
        ("Jul. 7, 2022, 12:40 p.m. ET Lavrov said", "Jul. 7, 2022, 12:40 p.m. ET", "Lavrov said"),
        ("07/07/2022 Lavrov", "07/07/2022", "Lavrov"),
        ("Thu 7 Jul 2022 Lavrov", "Thu 7 Jul 2022", "Lavrov"),
        ("2022-07-07T12:40:00+07:00 Text", "2022-07-07T12:40:00+07:00", "Text"),
        ("2022-07-07 12:40:00 +0700 | Text", "2022-07-07 12:40:00 +0700", "Text"),
        ("Posted on 7th July, 2022, 9:30 am IST", "Posted on 7th July, 2022, 9:30 am IST", ""),
        (
            "Thứ Năm, 07/07/2022, 12:40 (GMT+7) Hà Nội",
            "Thứ Năm, 07/07/2022, 12:40 (GMT+7)",
            "Hà Nội",
        ),
    ],
)
def test_split_dateline_shapes(line: str, expected_text: str, expected_rest: str) -> None:
    assert (JULY_7_2022, expected_text, expected_rest) == split_dateline(line)


def test_split_dateline_keeps_the_local_date_of_a_late_evening_offset() -> None:
    assert PartialDate(2022, 7, 7) == split_dateline("2022-07-07T23:30:00-05:00 Text")[0]


def test_split_dateline_reads_an_unambiguous_numeric_date_either_way() -> None:
    assert PartialDate(2025, 1, 28) == split_dateline("28/01/2025 | 10:56")[0]
    assert PartialDate(2025, 1, 28) == split_dateline("01/28/2025 story")[0]


@pytest.mark.parametrize(
    "line",
    [
        "03/04/2022 could be March or April",
        "The meeting on July 7, 2022 was long",
        "2022-02-30 is not a day",
        "July 7 without a year",
        "",
    ],
)
def test_split_dateline_leaves_lines_without_a_leading_full_date(line: str) -> None:
    assert (None, "", line) == split_dateline(line)


# --- full dates, numeric dates ----------------------------------------------------------


def test_full_dates_have_day_precision_from_the_text() -> None:
    mentions = find_dates("on July 6, 2022, on 6 July 2022 and on 2021-06-28", JULY_7_2021)
    assert ["2022-07-06", "2022-07-06", "2021-06-28"] == [m.date.iso() for m in mentions]
    assert {("day", "text")} == {(m.date.precision, m.date.year_source) for m in mentions}


def test_numeric_dates_only_when_unambiguous() -> None:
    text = "on 28/01/2025, on 1/1/2025 and on 03/04/2022"
    assert [("28/01/2025", "2025-01-28"), ("1/1/2025", "2025-01-01")] == found(text)


def test_a_weekday_before_a_full_date_belongs_to_it() -> None:
    assert [("Wednesday, July 6, 2022", "2022-07-06")] == found("Wednesday, July 6, 2022")


# --- month and day without a year ----------------------------------------------------------


def test_month_day_takes_the_year_before_the_dateline() -> None:
    assert [("June 28", "2021-06-28")] == found("on June 28, and", JULY_7_2021)
    assert "dateline" == find_dates("on June 28", JULY_7_2021)[0].date.year_source


def test_month_day_after_the_dateline_goes_back_a_year_in_the_past_tense() -> None:
    assert [("August 20", "2020-08-20")] == found("The summit was held on August 20", JULY_7_2021)


def test_month_day_soon_after_the_dateline_is_ahead_in_the_future_tense() -> None:
    assert [("August 20", "2021-08-20")] == found(
        "The summit will be held on August 20", JULY_7_2021
    )


def test_future_date_too_far_ahead_keeps_its_year_unknown() -> None:
    assert [("November 12", "--11-12")] == found("It will be held on November 12", JULY_7_2021)


def test_past_date_in_a_future_sentence_stays_in_the_past() -> None:
    assert [("March 3", "2021-03-03")] == found("The deal signed on March 3 will help", JULY_7_2021)


def test_month_day_without_dateline_never_gets_the_current_year() -> None:
    mention = find_dates("on June 8")[0]
    assert (None, "month-day", "none") == (
        mention.date.year,
        mention.date.precision,
        mention.date.year_source,
    )


def test_ordinal_days() -> None:
    assert [("7th of July", "--07-07"), ("July 8th", "--07-08")] == found(
        "on the 7th of July and July 8th"
    )


def test_year_boundary_goes_back_to_december() -> None:
    assert [("December 30", "2021-12-30")] == found("on December 30", PartialDate(2022, 1, 3))


def test_month_day_takes_the_year_the_dateline_implies() -> None:
    assert PartialDate(2021, 6, 28, "dateline") == find_dates("on June 28", JULY_7_2021)[0].date
    assert PartialDate(None, 6, 28) == find_dates("on June 28")[0].date


# --- leap days and invalid dates ---------------------------------------------------------


def test_leap_day_goes_back_to_the_nearest_leap_year_before_the_dateline() -> None:
    assert [("February 29", "2020-02-29")] == found("on February 29", PartialDate(2023, 3, 1))


def test_leap_day_without_dateline_keeps_its_year_unknown() -> None:
    assert [("February 29", "--02-29")] == found("on February 29")


def test_leap_day_in_a_common_year_is_no_date() -> None:
    assert [] == found("on February 29, 2023")
    assert [("February 29, 2024", "2024-02-29")] == found("on February 29, 2024")


def test_invalid_days_are_no_dates() -> None:
    assert [] == found("on June 31 and on 31 June", JULY_7_2021)
    assert [] == found("between June 8-6")


# --- ranges --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on June 6-8", ("June 6-8", "--06-06/--06-08")),
        ("from November 23-25.", ("November 23-25", "--11-23/--11-25")),
        ("on 6-8 June", ("6-8 June", "--06-06/--06-08")),
        ("on June 30-July 2", ("June 30-July 2", "--06-30/--07-02")),
        ("30 June - 2 July 2022", ("30 June - 2 July 2022", "2022-06-30/2022-07-02")),
        ("December 30-January 2, 2022", ("December 30-January 2, 2022", "2021-12-30/2022-01-02")),
    ],
)
def test_ranges(text: str, expected: tuple[str, str]) -> None:
    assert [expected] == found(text)


def test_range_across_new_year_with_dateline() -> None:
    assert [("December 30-January 2", "2021-12-30/2022-01-02")] == found(
        "December 30-January 2", PartialDate(2022, 1, 5)
    )


# --- weekdays ------------------------------------------------------------------------------


def test_weekday_is_the_latest_on_or_before_the_dateline() -> None:
    assert [("Tuesday", "2021-07-06"), ("Wednesday", "2021-07-07")] == found(
        "on Tuesday and on Wednesday", JULY_7_2021
    )


def test_weekday_in_future_tense_is_the_next_one() -> None:
    assert [("Friday", "2021-07-09")] == found("He will leave on Friday", JULY_7_2021)


def test_weekday_across_a_year_boundary() -> None:
    monday_jan_3 = PartialDate(2022, 1, 3)
    assert [("Friday", "2021-12-31")] == found("on Friday", monday_jan_3)
    assert [("Friday", "2022-01-07")] == found("is to arrive on Friday", monday_jan_3)


def test_last_and_next_weekday_skip_the_dateline_day() -> None:
    assert [("last Wednesday", "2021-06-30"), ("next Wednesday", "2021-07-14")] == found(
        "last Wednesday and next Wednesday", JULY_7_2021
    )


def test_weekday_without_dateline_is_no_date() -> None:
    assert [] == found("Lavrov visited Vietnam on Wednesday")


# --- months, years, relative phrases -----------------------------------------------------


def test_month_and_year_have_month_precision() -> None:
    mentions = find_dates("in October, 2021, in November 2021 and April 2020")
    assert ["2021-10", "2021-11", "2020-04"] == [m.date.iso() for m in mentions]
    assert {"month"} == {m.date.precision for m in mentions}


def test_month_alone_after_a_preposition() -> None:
    assert [("May", "2021-05"), ("October", "2020-10")] == found(
        "in May and in early October", JULY_7_2021
    )
    assert [("May", "--05")] == found("in May")


def test_years_in_a_date_context() -> None:
    assert [("1977", "1977"), ("2002", "2002"), ("2020", "2020")] == found(
        "signed in 1977, renewed in 2002, lifting the figure by 2020"
    )


def test_numbers_that_are_not_dates() -> None:
    text = (
        "US$2.2 billion, 50,000 DWT, the 15th East Asia Summit, 4,500 out of roughly 7,000, "
        "122%, 800 ventilators, the 1982 UNCLOS, Covid-19, Decree 165/2024/ND-CP"
    )
    assert [] == found(text, JULY_7_2021)


def test_periods_are_not_event_dates() -> None:
    text = "a scheme for 2017-2018, the 2020-2025 period, from 2017 to 2018, in the 1990s"
    assert [] == found(text)


def test_lowercase_may_is_a_verb() -> None:
    assert [] == found("Vietnam may ask Russia; talks may 5 times stall", JULY_7_2021)
    assert [("May 5", "2021-05-05")] == found("Vietnam may ask about May 5", JULY_7_2021)


def test_relative_phrases_from_the_dateline() -> None:
    text = "yesterday, today, tomorrow, last month, this month, last year, next year, last November"
    assert [
        ("yesterday", "2021-07-06"),
        ("today", "2021-07-07"),
        ("tomorrow", "2021-07-08"),
        ("last month", "2021-06"),
        ("this month", "2021-07"),
        ("last year", "2020"),
        ("next year", "2022"),
        ("last November", "2020-11"),
    ] == found(text, JULY_7_2021)


def test_relative_phrases_need_a_dateline() -> None:
    assert [] == found("yesterday, last month, later this year, last November")


def test_last_month_of_january_is_december() -> None:
    assert [("last month", "2021-12")] == found("last month", PartialDate(2022, 1, 3))


def test_partial_dateline_resolves_nothing() -> None:
    assert [("June 28", "--06-28")] == found("on June 28 and on Tuesday", PartialDate(2021, 7))


# --- the seeds -----------------------------------------------------------------------------


def test_seed_004() -> None:
    dateline, _, first = split_dateline(seed_line("004", "date 2021-07-07"))
    assert JULY_7_2021 == dateline
    assert [("Tuesday", "2021-07-06")] == found(first, dateline)
    assert [("June 28", "2021-06-28")] == found(seed_line("004", "June 28"), dateline)
    assert [("October, 2021", "2021-10")] == found(seed_line("004", "October"), dateline)
    assert [("last November", "2020-11")] == found(seed_line("004", "last November"), dateline)
    assert [("later this year", "2021")] == found(seed_line("004", "later this year"), dateline)


def test_seed_001() -> None:
    dateline, text, rest = split_dateline(seed_line("001", "12:40 JST"))
    assert (JULY_7_2022, "July 7, 2022 at 12:40 JST", "") == (dateline, text, rest)
    assert [("July 6, 2022", "2022-07-06")] == found(seed_line("001", "shake hands"), dateline)
    assert [("Wednesday", "2022-07-06")] == found(seed_line("001", "on Wednesday"), dateline)
    assert [("later Wednesday", "2022-07-06")] == found(seed_line("001", "later Wed"), dateline)


def test_seed_000_without_dateline() -> None:
    assert [("Mar 15", "--03-15")] == found(seed_line("000", "Mar 15"))
    assert [("February 24", "--02-24"), ("March 9", "--03-09")] == found(
        seed_line("000", "three weeks since")
    )


def test_seed_002_without_dateline() -> None:
    assert [("June 6-8", "--06-06/--06-08")] == found(seed_line("002", "Chongqing, China on"))
    assert [("June 4", "--06-04")] == found(seed_line("002", "Earlier on June 4"))
    assert [("May 31", "--05-31")] == found(seed_line("002", "May 31"))
    assert [("November 2021", "2021-11"), ("2022", "2022")] == found(seed_line("002", "ASEM"))
    relief = found(seed_line("002", "April 2020"))
    assert [("April 2020", "2020-04"), ("April 2021", "2021-04"), ("May 2021", "2021-05")] == relief
    assert [("1977", "1977"), ("2002", "2002")] == found(seed_line("002", "in 1977"))
    assert [] == found(seed_line("002", "2020-2025 period"))


def test_seed_003_without_dateline() -> None:
    assert [("November 24", "--11-24")] == found(seed_line("003", "November 24"))
    assert [("November 23-25", "--11-23/--11-25")] == found(seed_line("003", "November 23-25"))
    assert [] == found(seed_line("003", "2017-2018"))


# --- robustness ------------------------------------------------------------------------------


@given(
    st.text(), st.one_of(st.none(), st.dates().map(lambda d: PartialDate(d.year, d.month, d.day)))
)
def test_find_dates_never_raises_and_offsets_hold(text: str, dateline: PartialDate | None) -> None:
    for mention in find_dates(text, dateline):
        assert text[mention.start : mention.end] == mention.text


@given(
    st.lists(
        st.sampled_from(
            [
                "June",
                "May",
                "on",
                "Tuesday",
                "30",
                "29",
                "February",
                "-",
                "2024",
                "2023",
                ",",
                "last",
                "in",
                "will",
                "December",
                "1",
                " ",
                "/",
                "12",
                "13",
                "today",
                "this year",
            ]
        )
    ).map(" ".join),
    st.dates().map(lambda d: PartialDate(d.year, d.month, d.day)),
)
def test_find_dates_on_date_like_text(text: str, dateline: PartialDate) -> None:
    for mention in find_dates(text, dateline):
        assert text[mention.start : mention.end] == mention.text
        assert mention.until is None or mention.date < mention.until or mention.date.year is None


@given(st.text())
def test_split_dateline_never_raises_and_keeps_the_rest(line: str) -> None:
    dateline, text, rest = split_dateline(line)
    assert (dateline is None) == (text == "")
    assert line.endswith(rest)


# --- the wires' other languages -----------------------------------------------------

_REPORTED = PartialDate(2024, 7, 30)  # a Tuesday


@pytest.mark.parametrize(
    ("language", "sentence", "said", "meant"),
    [
        ("ru", "Переговоры министров прошли 15 марта в Москве.", "15 марта", (2024, 3, 15)),
        ("ru", "Министр прибыл 12 марта 2024 года в Ханой.", "12 марта 2024 года", (2024, 3, 12)),
        (
            "ru",
            "Соглашение подписано 5 октября 2023 г. в Вьентьяне.",
            "5 октября 2023 г.",
            (2023, 10, 5),
        ),
        ("fr", "Le traité a été signé le 6 juillet 2022 à Paris.", "6 juillet 2022", (2022, 7, 6)),
        ("fr", "Il est arrivé à Hanoï le 27 juillet.", "27 juillet", (2024, 7, 27)),
        ("fr", "Les ministres se sont vus le 1er juillet.", "1er juillet", (2024, 7, 1)),
        ("vi", "Hai bên đã hội đàm ngày 27/7 tại Hà Nội.", "ngày 27/7", (2024, 7, 27)),
        ("vi", "Hội nghị diễn ra vào tháng 10 năm 2023.", "tháng 10 năm 2023", (2023, 10, None)),
        (
            "id",
            "Pertemuan itu berlangsung pada 27 Juli 2024 di Vientiane.",
            "27 Juli 2024",
            (2024, 7, 27),
        ),
        ("de", "Die Gespräche fanden am 27. Juli 2024 statt.", "27. Juli 2024", (2024, 7, 27)),
        ("ru", "Лавров во вторник провел переговоры.", "вторник", (2024, 7, 30)),
        ("ru", "Министры встретились в среду в Москве.", "среду", (2024, 7, 24)),
        ("fr", "Sergueï Lavrov est arrivé samedi à Hanoï.", "samedi", (2024, 7, 27)),
        ("ru", "Делегация побывала в Лаосе в марте.", "марте", (2024, 3, None)),
    ],
)
def test_dates_in_the_wires_other_languages_are_found(
    language: str, sentence: str, said: str, meant: tuple[int, int, int | None]
) -> None:
    found = find_dates(sentence, _REPORTED, language)

    assert [said] == [m.text for m in found]
    date = found[0].date
    assert meant == (date.year, date.month, date.day)
    stated = any(word.isdigit() and len(word) == 4 for word in said.split())
    assert ("text" if stated else "dateline") == date.year_source


def test_a_future_month_in_russian_is_not_placed_in_the_past() -> None:
    found = find_dates("Саммит пройдет во Вьентьяне в августе.", _REPORTED, "ru")

    assert PartialDate(2024, 8, year_source="dateline") == found[0].date


def test_without_a_dateline_a_foreign_day_and_month_keep_an_unknown_year() -> None:
    found = find_dates("Переговоры прошли 15 марта.", None, "ru")

    assert PartialDate(None, 3, 15) == found[0].date
    assert "none" == found[0].date.year_source


def test_english_articles_skip_the_other_languages_names() -> None:
    # "Samedi" is a surname and "Mars" a planet in English copy.
    assert [] == find_dates("Samedi met the envoy on 3 Mars missions.", _REPORTED, "en")


@pytest.mark.parametrize("phrase", ["earlier in the day", "later in the day"])
def test_earlier_or_later_in_the_day_is_the_datelines_day(phrase: str) -> None:
    [found] = find_dates(f"Fujimura arrived in Busan {phrase} for a two-day visit.", JULY_7_2022)

    assert "2022-07-07" == found.date.iso()


def test_later_that_day_is_no_date_of_its_own() -> None:
    """'That day' is a day the text named before, not the dateline's."""
    assert [] == find_dates("They met again later that day.", JULY_7_2022)
