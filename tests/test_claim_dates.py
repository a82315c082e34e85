"""A claim's date is the date of what it reports, or says what it is: a publication date
reads "reported", a date of something to come reads "announced for" and is never the claim's."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pytest
from rich.console import Console

from bot.console import execute
from bot.router import Router
from briefings.briefing import Claim, Command
from briefings.claim_dates import is_ahead, is_background, refers_back
from briefings.compose import Limits, answer_question, brief_topic, brief_who
from briefings.model import PartialDate
from briefings.writing import Evidence, Written
from store import Store

from .conftest import run_ingest

TRUTH = Path(__file__).parent / "articles" / "truth"


def _claim(claims: tuple[Claim, ...], start: str) -> Claim:
    return next(c for c in claims if c.text.startswith(start))


def test_the_co_chaired_meeting_takes_the_date_of_the_meeting_not_of_the_article(
    seeded: Store,
) -> None:
    claim = _claim(brief_who(seeded, "Lavrov").claims, "The event was co-chaired")

    assert PartialDate(2021, 7, 6, "dateline") == claim.date
    assert "event" == claim.date_kind


def test_a_date_announced_in_the_sentence_is_labelled_not_used(seeded: Store) -> None:
    claim = _claim(brief_who(seeded, "Bùi Thanh Sơn").claims, "At the meeting, Son expressed")

    assert PartialDate(2021, 11) == claim.announced
    # "At the meeting" is the 7 June talks with Cambodia's minister that the article told.
    assert PartialDate(None, 6, 7) == claim.date


def test_a_publication_date_standing_in_is_marked_reported(seeded: Store) -> None:
    briefing = answer_question(seeded, "What did Lavrov say about sanctions?")
    # What he said, quoted: the sentence gives no date, its article's standing in.
    claim = _claim(briefing.claims, "“I expressed my appreciation")

    assert PartialDate(2022, 7, 7) == claim.date
    assert "reported" == claim.date_kind


def test_no_seed_claim_is_dated_by_what_it_announces(seeded: Store) -> None:
    for entity in seeded.entities():
        build = brief_who if entity.kind == "person" else brief_topic
        for claim in build(seeded, entity.name).claims:
            assert claim.announced is None or claim.date != claim.announced, claim.text


def test_will_send_in_october_is_announced_and_the_claim_dated_by_its_event(store: Store) -> None:
    run_ingest(store, [str(TRUTH)])

    claim = _claim(brief_who(store, "Prak Sokhonn").claims, "Prak Sokhonn welcomed")

    assert PartialDate(2024, 10) == claim.announced
    # Undated itself, the sentence is dated by the talks its article reports, not by October.
    assert claim.date is not None
    assert ("2024-08-14", "event") == (claim.date.iso(), claim.date_kind)


def test_a_date_later_than_the_article_is_ahead_without_a_future_word() -> None:
    text = "The two sides discussed the summit in October 2024."
    published = PartialDate(2024, 3, 12)

    assert is_ahead(text, 0, text.index("October"), PartialDate(2024, 10), published)
    assert not is_ahead(text, 0, text.index("October"), PartialDate(2024, 10), None)


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("Стороны обсудили саммит АСЕАН, который пройдет во Вьентьяне в октябре.", "октябре"),
        ("Lavrov will visit Hanoi in November.", "November"),
        ("The summit is scheduled for 10 October.", "10 October"),
        ("Hai bên nhất trí hội nghị sẽ diễn ra vào tháng 10.", "tháng 10"),
    ],
)
def test_a_future_word_before_the_date_places_it_ahead(sentence: str, date: str) -> None:
    assert is_ahead(sentence, 0, sentence.index(date), PartialDate(None, 10), None)


def test_a_past_date_in_a_past_sentence_is_not_ahead() -> None:
    text = "Lavrov visited Hanoi on 6 July, and the ministers will meet again."
    published = PartialDate(2022, 7, 7)

    assert not is_ahead(text, 0, text.index("6 July"), PartialDate(2022, 7, 6), published)


@pytest.mark.parametrize(
    "sentence",
    [
        "The event was co-chaired by two ministers.",
        "At the meeting, both sides agreed to hold consultations.",
        "В ходе встречи стороны подписали план консультаций.",
        "Tại cuộc hội đàm, hai bên nhất trí tăng cường hợp tác.",
    ],
)
def test_a_sentence_referring_back_to_the_event_is_recognised(sentence: str) -> None:
    assert refers_back(sentence)


def test_the_console_says_reported_announced_and_roles_as_reported(router: Router) -> None:
    shown = io.StringIO()
    Console(file=shown, width=400, color_system=None).print(
        execute(router, "/who Bùi Thanh Sơn --more")
    )
    text = shown.getvalue()

    assert "7 June, year unknown · announced for November 2021 · At the meeting" in text
    assert "Foreign Minister, Vietnam, as reported July 2021 – July 2022" in text
    assert "reported 7 July 2022 · Sergey Lavrov:" in text


def test_a_claim_the_model_writes_keeps_what_its_date_is(seeded: Store) -> None:
    """The writer is given each source's claim date; a claim reusing it keeps its kind."""
    offline = brief_who(seeded, "Lavrov")
    given: list[Evidence] = []

    def writer(*, task: Command, query: str, evidence: Sequence[Evidence]) -> Written:
        given.extend(evidence)
        dated = [e for e in evidence if e.date is not None]
        claims = tuple(Claim("Lavrov was in the news.", (e.source,), e.date) for e in dated)
        return Written(claims, None)

    written = brief_who(seeded, "Lavrov", writer=writer)

    kinds = {(c.date, c.date_kind) for c in offline.claims if c.date and c.date.year}
    assert "llm" == written.mode
    assert written.claims
    assert {(c.date, c.date_kind) for c in written.claims} <= kinds
    assert ("reported" in {k for _, k in kinds}) == (
        "reported" in {c.date_kind for c in written.claims}
    )


def test_following_the_talks_takes_the_date_of_the_talks_not_of_the_visit(seeded: Store) -> None:
    claims = brief_who(seeded, "Pham Binh Minh", Limits().more()).claims

    claim = _claim(claims, "Following the talks, Minh and Lavrov signed")

    # The article told the 23-25 November visit, then the talks of 24 November.
    assert (PartialDate(None, 11, 24), "event") == (claim.date, claim.date_kind)


def test_the_first_meeting_since_april_is_dated_by_the_meeting(store: Store) -> None:
    run_ingest(store, [str(TRUTH)])

    # With no bogus "April 2024: meeting" event from the since-clause, the sentence ranks
    # behind the one that tells the talks: it is in the longer briefing.
    claims = brief_who(store, "Maris Sangiampongsa", Limits().more()).claims
    claim = _claim(claims, "The meeting was the first")

    assert claim.date is not None
    assert ("2024-08-14", "event") == (claim.date.iso(), claim.date_kind)


@pytest.mark.parametrize(
    ("sentence", "date", "background"),
    [
        (
            "It’s been three weeks since Russia launched a campaign on February 24.",
            "February",
            True,
        ),
        ("Flights have brought 1,200 people home since March 9.", "March", True),
        ("La frontière est fermée depuis le 3 mars.", "3 mars", True),
        ("Since then, Lavrov visited Hanoi on 6 July.", "6 July", False),
        ("Lavrov visited Hanoi on 6 July.", "6 July", False),
    ],
)
def test_a_date_in_a_since_clause_is_background(sentence: str, date: str, background: bool) -> None:
    assert background == is_background(sentence, 0, sentence.index(date))


def test_a_day_on_or_before_the_article_is_not_announced_whatever_the_tense() -> None:
    text = "Lavrov was to leave Vietnam later Wednesday to travel to Indonesia."
    at = text.index("Wednesday")

    # 6 July in a story of 7 July has happened when it is read.
    assert not is_ahead(text, 0, at, PartialDate(2022, 7, 6, "dateline"), PartialDate(2022, 7, 7))
    assert not is_ahead(text, 0, at, PartialDate(2022, 7, 7, "dateline"), PartialDate(2022, 7, 7))
    # Without the article's date, or later than it, the future word still places it ahead.
    assert is_ahead(text, 0, at, PartialDate(2022, 7, 6, "dateline"), None)
    assert is_ahead(text, 0, at, PartialDate(2022, 7, 8, "dateline"), PartialDate(2022, 7, 7))


def test_the_console_dates_a_was_to_sentence_of_the_day_before_by_that_day(router: Router) -> None:
    shown = io.StringIO()
    Console(file=shown, width=400, color_system=None).print(execute(router, "/who Lavrov --more"))
    text = shown.getvalue()

    assert "6 July 2022 · Lavrov was to leave Vietnam later Wednesday" in text
    assert "announced for 6 July 2022" not in text

    shown = io.StringIO()
    Console(file=shown, width=400, color_system=None).print(execute(router, "/timeline Lavrov"))
    assert "6 July 2022: visit in Indonesia" in shown.getvalue()
    assert "announced visit" not in shown.getvalue()
