"""Questions answered by answer type (when, where, how many, who) and by the names asked about."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from bot.console import execute
from bot.router import Router
from briefings import compose
from briefings.answers import _years_stated
from briefings.attribution import named_speaking, unquoted
from briefings.compose import answer_question
from briefings.extractive import Candidate
from briefings.lexicon import foreign_forms, holds, words_of
from briefings.questions import (
    amount_shown,
    date_word,
    duration_shown,
    last_year,
    names_asked,
    read_question,
    when_shown,
)
from store import Store

from .conftest import run_ingest


def console(router: Router, line: str) -> str:
    shown = io.StringIO()
    Console(file=shown, width=400, color_system=None).print(execute(router, line))
    return shown.getvalue()


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("When did Lavrov visit Hanoi?", "when"),
        ("In which year was the treaty signed?", "when"),
        ("Where did Lavrov go after leaving Vietnam?", "where"),
        ("Which country did Lavrov visit the day before Hanoi?", "where"),
        ("How big was Vietnam–Russia trade in 2021?", "amount"),
        ("How many Vietnamese have been evacuated from Ukraine?", "amount"),
        ("Who co-chaired the ASEAN-Russia meeting?", "who"),
        # What someone said or asked: a statement, the name between stays searched.
        ("What did Vietnam ask Russia?", "said"),
        ("What did Australia's Penny Wong say at the G20 meeting?", "said"),
        ("What document did the ministers sign?", None),
        # A relative "who" inside the question does not ask for a person.
        ("What did the minister who visited Hanoi say?", "said"),
        ("Что заявил Лавров о Вьетнаме?", "said"),
        ("Qu'a dit Lavrov à Bali ?", "said"),
        ("Когда Лавров посетил Ханой?", "when"),
        ("Сколько граждан Вьетнама эвакуировали?", "amount"),
        ("Кто возглавил встречу?", "who"),
        ("Lavrov đến Hà Nội khi nào?", "when"),
        ("Kim ngạch thương mại Việt Nam – Nga là bao nhiêu?", "amount"),
        ("Ai đã gặp Lavrov?", "who"),
        ("Quand Lavrov a-t-il visité Hanoï ?", "when"),
        ("Où se tenait la réunion ?", "where"),
        ("Combien de Vietnamiens ont été évacués ?", "amount"),
        # A qualified noun, a share, a span of time, an opening that cites a source.
        ("From which Australian city would the cable start?", "where"),
        ("Which counterparts was Lavrov still due to meet in Bali?", "who"),
        ("What did the city council say about the port?", "said"),
        ("What share of Indonesia's vaccines came from China?", "amount"),
        ("How long could Indonesians stay without a visa?", "duration"),
        ("Сколько времени продлится визит?", "duration"),
        ("According to a European diplomat, where had Prabowo been before Moscow?", "where"),
        ("What did Balakrishnan compare the undersea cable to?", "said"),
        # Three words between "which" and the post it asks for.
        ("Which Lao deputy foreign minister attended the talks?", "who"),
    ],
)
def test_the_answer_type_is_read_from_the_asking_words(question: str, asks: str | None) -> None:
    assert asks == read_question(question).asks


def test_asking_words_and_foreign_function_words_are_not_searched() -> None:
    assert ("lavrov", "visite", "hanoi") == read_question("Quand Lavrov a-t-il visité Hanoï?").words
    assert ("vietnam", "russia", "trade", "2021") == read_question(
        "How big was Vietnam–Russia trade in 2021?"
    ).words


def test_a_figure_beside_what_is_measured_counts_most() -> None:
    trade = {"trade"}

    assert 1.0 == amount_shown("In the first ten months, two-way trade hit US$2.2 billion.", trade)
    assert 0.6 == amount_shown("The port handled 4.2 million tonnes; trade talks went on.", {"tax"})
    assert 0.0 == amount_shown("Trade grew in 2021 and talks were held on June 8.", trade)


def test_how_big_was_trade_cites_the_sentence_that_gives_the_figure(router: Router) -> None:
    shown = console(router, "How big was Vietnam–Russia trade?")

    assert "two-way trade hit US$2.2 billion" in shown
    # A sentence that merely mentions trade is no answer to "how big".
    assert "promoting trade and investment" not in shown


def test_when_puts_a_dated_sentence_first(seeded: Store) -> None:
    briefing = answer_question(seeded, "When did Lavrov visit Hanoi?")

    assert "Sergey Lavrov visited Vietnam on Wednesday" in briefing.claims[0].text
    assert briefing.claims[0].date is not None
    assert (2022, 7, 6) == (
        briefing.claims[0].date.year,
        briefing.claims[0].date.month,
        briefing.claims[0].date.day,
    )


def test_a_french_question_is_answered_from_english_articles(router: Router) -> None:
    shown = console(router, "Quand Lavrov a-t-il visité Hanoï ?")

    assert "Sergey Lavrov visited Vietnam on Wednesday" in shown.splitlines()[2]


def test_a_year_in_the_question_is_matched_by_the_report_date(store: Store, tmp_path: Path) -> None:
    corpus(
        tmp_path,
        {
            "ties.txt": (
                "Vietnam, Russia look to deepen economic ties\n\nHANOI, March 3, 2022 — "
                "Trade between Vietnam and Russia is expected to keep growing, officials from "
                "both countries said at a business forum in Hanoi, where they discussed trade, "
                "investment and energy.\n\nThe two sides agreed that trade and investment "
                "remained the pillars of the relationship.\n"
            ),
            "figures.txt": (
                "Vietnam-Russia trade rebounds\n\nMOSCOW, January 20, 2022 — Customs data "
                "released on Thursday show that trade between the two countries recovered "
                "last year after the pandemic.\n\nLast year, two-way trade reached US$5.5 "
                "billion, up 14 percent from the year before, according to Vietnam's General "
                "Department of Customs.\n"
            ),
        },
    )
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(store, "How big was Vietnam–Russia trade in 2021?")

    assert "two-way trade reached US$5.5 billion" in briefing.claims[0].text


def test_the_names_asked_about_are_preferred_to_others(store: Store, tmp_path: Path) -> None:
    corpus(
        tmp_path,
        {
            "china.txt": (
                "Vietnam, China talk trade\n\nBEIJING, June 4, 2021 — Vietnam asked China to "
                "open its market wider to Vietnamese farm produce and to narrow the trade gap, "
                "Prime Minister Pham Minh Chinh told Premier Li Keqiang by phone.\n\n"
                "Vietnam also asked China to speed up the delayed railway project in Hanoi.\n"
            ),
            "russia.txt": (
                "Vietnam seeks safe passage for citizens\n\nHANOI, March 15, 2022 — Foreign "
                "Minister Bui Thanh Son spoke with his Russian counterpart Sergey Lavrov by "
                "phone on Tuesday about the war in Ukraine.\n\nSon requested that Moscow help "
                "ensure the safety of Vietnamese citizens and allow them to leave the combat "
                "zones.\n"
            ),
        },
    )
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(store, "What did Vietnam ask Russia?")

    assert briefing.claims
    assert {"russia.txt"} == {Path(source.path or "").name for source in briefing.sources}
    assert all("China" not in claim.text for claim in briefing.claims)


def test_what_a_how_many_counts_is_answered_by_a_number_of_it() -> None:
    counted = read_question("How many Vietnamese were living in Lebanon in October?").counted

    # A count too small to trust alone is trusted when it counts what was asked about.
    assert 1.0 == amount_shown(
        "About 70 Vietnamese are registered as living there.", set(), counted
    )
    assert 0.0 == amount_shown("On October 5 the embassy urged them to leave.", set(), counted)
    # What is counted ends at the verb: "people", not "Vietnam" of "Vietnam's embassy".
    assert ("peopl",) == read_question("How many people had Vietnam's embassy evacuated?").counted
    share = read_question("What share of Indonesia's vaccines came from China?").counted
    assert 1.0 == amount_shown("That is over 80 percent of the vaccines it received.", set(), share)


def test_how_long_is_answered_by_a_span_of_time_not_a_sum() -> None:
    visa = {"stay", "visa"}

    assert 1.0 == duration_shown("A visa waiver for stays of up to 30 days was agreed.", visa)
    assert 0.0 == duration_shown("Bilateral trade reached US$4.3 billion in 2024.", visa)


def test_months_and_weekdays_are_not_names_asked_about() -> None:
    names = names_asked("What share of vaccines had come from China by June 2021?", {})

    assert ["china"] == [name.key for name in names]


def test_how_many_prefers_the_count_of_what_is_asked(store: Store, tmp_path: Path) -> None:
    corpus(
        tmp_path,
        {
            "lebanon.txt": (
                "Vietnam urges citizens to leave Lebanon\n\nHANOI, October 3, 2024 — About 70 "
                "Vietnamese are registered as living in Lebanon, and the embassy has urged all "
                "of them to leave while commercial flights still operate.\n\nThe Philippines, "
                "which has more than 11,000 workers in Lebanon, has raised its alert level.\n"
            ),
        },
    )
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(store, "How many Vietnamese were living in Lebanon in 2024?")

    assert briefing.claims[0].text.startswith("About 70 Vietnamese are registered")


def corpus(folder: Path, stories: dict[str, str]) -> None:
    for name, text in stories.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_the_narrow_search_keeps_answers_and_quotes_user_text(
    seeded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a large corpus: the question's rarer words AND its others, topped up.
    monkeypatch.setattr(compose, "NARROW_ABOVE", 0)

    evacuated = answer_question(seeded, "How many Vietnamese have been evacuated from Ukraine?")
    hostile = answer_question(
        seeded, "What did O'Brien say about e-mail foo:bar AND *Lavrov \"abc?"
    )

    assert "about 4,500 out of roughly 7,000 Vietnamese people" in evacuated.claims[0].text
    assert hostile.note or hostile.claims


def test_a_year_asked_about_picks_that_years_figure(store: Store, tmp_path: Path) -> None:
    corpus(
        tmp_path,
        {
            "a-2016.txt": (
                "Russia, Vietnam aim to lift trade\n\nMOSCOW, March 23, 2016 — Trade between "
                "Vietnam and Russia reached $3.9 billion in 2015, the Russian minister said.\n"
            ),
            "b-2023.txt": (
                "Sanctions squeeze Vietnam-Russia trade\n\nHANOI, May 2, 2023 — Two-way trade "
                "between Vietnam and Russia fell to $4.6 billion in 2022 from $7.1 billion in "
                "2021, according to customs figures.\n"
            ),
            "c-2024.txt": (
                "Putin arrives in Hanoi\n\nHANOI, June 20, 2024 — Trade between Vietnam and "
                "Russia has fallen from $5.5 billion in 2021 to about $3.6 billion last year, "
                "according to Russian customs data.\n"
            ),
        },
    )
    run_ingest(store, [str(tmp_path)])

    def first(question: str) -> str:
        return answer_question(store, question).claims[0].text

    assert "$3.9 billion in 2015" in first("How big was Vietnam-Russia trade in 2015?")
    # "last year" in a 2024 report is 2023; the sentence that names only 2021 and 2022 is not.
    assert "$3.6 billion last year" in first("How big was Vietnam-Russia trade in 2023?")
    assert "$4.6 billion in 2022" in first("How big was Vietnam-Russia trade in 2022?")


def test_what_someone_said_is_answered_by_their_statement(store: Store, tmp_path: Path) -> None:
    corpus(
        tmp_path,
        {
            "g20.txt": (
                "Lavrov walks out of G20 meeting\n\nBALI, July 8, 2022 — Australia's Foreign "
                "Minister Penny Wong, attending her first G20 foreign ministers' meeting in "
                "Bali, sat two seats from the Russian delegation.\n\n"
                '"We do not accept that this is business as usual," Wong told reporters at the '
                "meeting in Bali.\n"
            ),
        },
    )
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(store, "What did Penny Wong say at the G20 meeting in Bali?")

    assert briefing.claims[0].text.startswith('"We do not accept that this is business as usual')


def test_an_english_question_is_answered_from_a_report_in_another_language(
    store: Store, tmp_path: Path
) -> None:
    corpus(
        tmp_path,
        {
            "en.txt": (
                "Lavrov meets Vietnamese minister\n\nMOSCOW, March 2, 2022 — Russian Foreign "
                "Minister Sergei Lavrov met his Vietnamese counterpart in Moscow on Tuesday to "
                "discuss energy projects.\n"
            ),
            "ru.txt": (
                "Лавров провёл переговоры с главой МИД Вьетнама\n\nМОСКВА, 2 марта. /Агентство/. "
                "Товарооборот между Россией и Вьетнамом в 2021 году составил 7,1 млрд долларов, "
                "сообщил Лавров журналистам по итогам переговоров.\n"
            ),
        },
    )
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(store, "How big was Russia-Vietnam trade in 2021?")

    assert "Товарооборот между Россией и Вьетнамом" in briefing.claims[0].text
    assert "ru.txt" == Path(briefing.sources[0].path or "").name


def test_reports_of_a_figure_in_two_languages_are_both_cited(store: Store, tmp_path: Path) -> None:
    # The Russian report gives another figure in words the English question does not hold:
    # «стипендий» for "scholarships", found through the lexicon, not a shared spelling.
    corpus(
        tmp_path,
        {
            "en.txt": (
                "Laos and Russia sign education plan\n\nVIENTIANE, April 3, 2024 — Russia will "
                "grant 90 government scholarships to Lao students for the next academic year, "
                "the Lao foreign ministry said after talks between the two ministers.\n"
            ),
            "ru.txt": (
                "Россия и Лаос подписали план в сфере образования\n\nВЬЕНТЬЯН, 3 апреля. "
                "/Агентство/. В новом учебном году Россия выделит лаосским студентам 110 "
                "государственных стипендий, сообщил министр по итогам переговоров. Сейчас в "
                "российских вузах учатся около 900 лаосских студентов.\n"
            ),
        },
    )
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(store, "How many scholarships did Russia offer Lao students?")

    cited = {Path(s.path or "").name for s in briefing.sources}
    assert {"en.txt", "ru.txt"} == cited
    assert any("110 государственных стипендий" in c.text for c in briefing.claims)


@pytest.mark.parametrize(
    ("root", "text"),
    [
        ("scholarship", "150 государственных стипендий"),
        ("request", "около 30 запросов польской стороны"),
        ("deputi", "Thứ trưởng Ngoại giao tham dự hội đàm"),
        ("crisi", "La crise avait éclaté en juillet"),
        ("market", "presque disparu du marché algérien"),
        ("posit", "близких или совпадающих позиций"),
        ("reconstruct", "для будущего восстановления страны"),
    ],
)
def test_the_lexicon_holds_the_words_questions_ask_of_posts_requests_and_markets(
    root: str, text: str
) -> None:
    assert holds(words_of(text), foreign_forms(root))


@pytest.mark.parametrize(
    ("question", "source"),
    [
        ("How much did Iran-Russia trade grow in 2024, according to Lavrov?", "lavrov"),
        (
            "According to a European diplomat, where had Prabowo been before Moscow?",
            "a european diplomat",
        ),
        ("Combien de touristes, selon le ministère ?", "le ministere"),
        ("What did Lavrov say about trade?", ""),
    ],
)
def test_whom_a_question_asks_the_report_of(question: str, source: str) -> None:
    # Only the person named after "according to" is the one whose words answer: Prabowo
    # is asked about, not quoted.
    assert source == read_question(question).source


def test_who_is_answered_by_a_name_the_extractor_did_not_link(store: Store, tmp_path: Path) -> None:
    corpus(
        tmp_path,
        {
            "nairobi.txt": (
                "Kenyan minister in Hanoi\n\nHANOI, May 14, 2024 — Kenya's Foreign Minister "
                "Musalia Mudavadi held talks with his Vietnamese counterpart in Hanoi on Tuesday "
                "on coffee and tea exports. Mr Mudavadi took over the ministry in October, "
                "replacing Alfred Mutua. The two sides also discussed direct flights.\n"
            ),
        },
    )
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(
        store, "Whom did Musalia Mudavadi replace as Kenya's foreign minister?"
    )

    assert "replacing Alfred Mutua" in briefing.claims[0].text


def test_a_figure_reported_without_the_venue_asked_is_cited_too(
    store: Store, tmp_path: Path
) -> None:
    # The Vietnamese report gives another figure and does not say where the loan was signed:
    # how much is asked, and the place asked is where it happened, which a report may omit.
    corpus(
        tmp_path,
        {
            "en.txt": (
                "Korea lends for Da Nang port\n\nHANOI, March 12, 2025 — South Korea and "
                "Vietnam signed a loan worth $210 million in Hanoi on Wednesday for the "
                "expansion of the Lien Chieu port in Da Nang, officials said.\n"
            ),
            "vi.txt": (
                "Hàn Quốc cho vay mở rộng cảng Liên Chiểu\n\nHai bên đã ký hiệp định vay vốn "
                "trị giá 200 triệu USD cho dự án mở rộng cảng Liên Chiểu tại Đà Nẵng, theo Bộ "
                "Tài chính.\n"
            ),
        },
    )
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(
        store, "How big was the Korean loan for the Da Nang port signed in Hanoi in March 2025?"
    )

    assert {"en.txt", "vi.txt"} == {Path(s.path or "").name for s in briefing.sources}


def test_a_count_is_of_what_is_asked_as_another_language_writes_it() -> None:
    # "How many requests …": «около 40 заявок» counts them though 40 is too small to trust
    # as a count alone, and «заявок» shares no letters with "request".
    text = "Министерство получило около 40 заявок от иностранных университетов."
    assert 1.0 == amount_shown(text, set(), ("request",))
    assert 0.0 == amount_shown(text, set(), ("scholarship",))


def test_vietnamese_forms_are_whole_syllables_and_others_word_starts() -> None:
    visit, trade = foreign_forms("visit"), foreign_forms("trade")

    assert holds(words_of("chuyến thăm chính thức Liên bang Nga"), visit)
    # Folded, "tham gia" (take part) reads like "thăm" (visit): never one syllable alone.
    assert not holds(words_of("tham gia hội nghị"), visit)
    assert holds(words_of("Товарооборота между странами"), trade)
    assert not holds(words_of("thương nhân"), trade)


def test_a_russian_report_holds_the_names_a_question_writes_in_latin(
    store: Store, tmp_path: Path
) -> None:
    corpus(
        tmp_path,
        {
            "en.txt": (
                "Ministers gather in Bali\n\nJAKARTA, July 7, 2022 — Foreign ministers of the "
                "G20 arrived in Bali on Thursday for two days of talks on food security.\n"
            ),
            "ru.txt": (
                "Лавров прибыл на Бали\n\nНУСА-ДУА, 7 июля. /Агентство/. Министр иностранных "
                "дел России Сергей Лавров прибыл на Бали на встречу министров G20.\n\n"
                "На полях встречи Лавров побеседовал с министром иностранных дел Турции "
                "Мевлютом Чавушоглу.\n"
            ),
        },
    )
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(store, "Whom did Lavrov speak with on the sidelines in Bali?")

    assert "побеседовал с министром иностранных дел Турции" in briefing.claims[0].text


def test_what_someone_said_is_their_statement_not_one_naming_them(
    store: Store, tmp_path: Path
) -> None:
    corpus(
        tmp_path,
        {
            "rice.txt": (
                "India clears rice shipment for Manila\n\nMANILA, November 15, 2023 — India has "
                "approved the export of 295,000 tonnes of white rice to the Philippines, the "
                "foreign ministry said on Wednesday.\n\n"
                '"Had a useful call with Secretary Enrique Manalo on rice supplies to the '
                'Philippines," the Indian minister Jaishankar said in a post on X.\n\n'
                "Manalo spoke with Jaishankar by phone on Tuesday and repeated the request.\n\n"
                '"We are grateful to India for understanding our food security concerns," he '
                "said in a statement.\n"
            ),
        },
    )
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(store, "What did Manalo say about India's rice for the Philippines?")

    # Manalo is named inside Jaishankar's quotation, but the "he said" is Manalo's.
    assert briefing.claims[0].text.startswith('"We are grateful to India')


def test_a_speaker_is_named_outside_the_quotation() -> None:
    assert named_speaking(unquoted('"We do not accept this," Senator Wong said.'), "wong")
    assert not named_speaking(unquoted('"I spoke with Minister Wong," Blinken said.'), "wong")
    assert "Blinken said" in unquoted('"I spoke with Wong," Blinken said.')


def test_a_long_sentence_is_matched_past_its_first_words(store: Store, tmp_path: Path) -> None:
    corpus(
        tmp_path,
        {
            "delhi.txt": (
                "India and the Philippines review defence ties\n\nNEW DELHI, May 6, 2024 — "
                "Bilateral trade reached $3.2 billion last year, officials in New Delhi said.\n\n"
                "Officials said the two delegations also covered fisheries, climate finance, "
                "the training of naval officers, new flights between the two capitals and, at "
                "the end of a long meeting, the $290 million Akash air defence deal signed "
                "last year.\n"
            ),
        },
    )
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(store, "How much is the Akash air defence deal worth?")

    # The words asked stand past the sentence's 24th: they are matched all the same.
    assert "$290 million Akash air defence deal" in briefing.claims[0].text


def test_an_english_question_finds_a_vietnamese_report_by_its_names_and_words(
    store: Store, tmp_path: Path
) -> None:
    corpus(
        tmp_path,
        {
            "jakarta.txt": (
                "Japan pledges vaccines to Indonesia\n\nJAKARTA, August 2, 2021 — Japan has "
                "pledged 2 million doses of COVID-19 vaccine to Indonesia, the Indonesian "
                "foreign ministry said on Monday.\n"
            ),
            "hanoi.txt": (
                "Nhật Bản tiếp tục hỗ trợ Việt Nam\n\nHà Nội, ngày 5/10/2021 — Theo Bộ Y tế, "
                "Nhật Bản đã trao tặng Việt Nam tổng cộng 7,4 triệu liều vắc xin Covid-19 kể "
                "từ đầu năm, giúp đẩy nhanh chiến dịch tiêm chủng tại các tỉnh phía Nam.\n"
            ),
        },
    )
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(store, "How many vaccine doses has Japan given Vietnam?")

    # "vắc xin" and "liều" say vaccine and dose; "Nhật Bản" and "Việt Nam" name Japan and
    # Vietnam, so the report that names both answers, not the one about Indonesia.
    assert "7,4 triệu liều vắc xin" in briefing.claims[0].text


def test_a_month_asked_is_matched_by_date_not_as_a_word() -> None:
    assert date_word("april") and date_word("2020")
    assert not date_word("boat")


def test_when_will_is_answered_by_a_date_ahead_not_the_announcement_day(
    store: Store, tmp_path: Path
) -> None:
    corpus(
        tmp_path,
        {
            "darwin.txt": (
                "Australia and Indonesia to share a ship\n\nDARWIN, March 4, 2025 — Australia "
                "and Indonesia will jointly fund a cable repair vessel for the region, the two "
                "foreign ministers announced in Darwin on March 3.\n\n"
                "The vessel, to be based in Darwin from 2028, will respond to breaks in the "
                "links that carry most of the region's data traffic.\n"
            ),
        },
    )
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(store, "When will the cable repair vessel be based in Darwin?")

    assert briefing.claims[0].text.startswith("The vessel, to be based in Darwin from 2028")


def test_a_question_about_what_is_to_come_wants_a_time_ahead() -> None:
    assert read_question("When does Lavrov hope to sign the agreement?").future
    assert not read_question("When did Lavrov visit Hanoi?").future
    # A date of the past answers "when will" less than a time said in words ahead.
    assert 0.5 == when_shown("The deal was announced on June 10.", True, False, True)
    assert 0.8 == when_shown("They hope to sign it in the coming months.", False, False, True)
    assert 1.0 == when_shown("It will be based there from 2028.", True, True, True)


def test_a_she_said_quotation_is_matched_as_the_words_of_its_speaker(
    store: Store, tmp_path: Path
) -> None:
    corpus(
        tmp_path,
        {
            "senate.txt": (
                "Senate panel backs fisheries deal\n\nMANILA, May 14, 2024 — The Senate "
                "approved the fisheries cooperation agreement with Vietnam on Tuesday.\n\n"
                "Senator Maria Santos, who chairs the Senate fisheries committee, welcomed the "
                "agreement but said the government should also fund new cold-storage plants.\n\n"
                '"Subsidies keep boats at sea for a season. Ports keep them there for a '
                'generation," she said.\n'
            ),
        },
    )
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(
        store, "What did Senator Maria Santos say about fisheries subsidies?"
    )

    # "she said" is Santos: her quotation holds her name as much as the sentence naming her.
    assert briefing.claims[0].text.startswith('"Subsidies keep boats at sea')


def test_an_ordinal_asked_is_matched_by_its_number(store: Store, tmp_path: Path) -> None:
    corpus(
        tmp_path,
        {
            "danang.txt": (
                "Việt Nam và Lào họp Ủy ban hợp tác\n\nHà Nội, ngày 3/9/2025 — Phiên họp lần "
                "thứ 11 Ủy ban hợp tác đã được tổ chức tại Hà Nội vào tháng 9 năm 2024.\n\n"
                "Hai bên nhất trí phiên họp lần thứ 12 Ủy ban hợp tác sẽ được tổ chức tại "
                "Đà Nẵng vào năm 2026.\n"
            ),
        },
    )
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(store, "Where will the 12th committee meeting be held?")

    assert "lần thứ 12" in briefing.claims[0].text


def test_a_name_is_written_with_capitals_in_a_question_that_capitalises() -> None:
    known = {"foreign ministry": [5], "russia": [1], "indonesia": [2], "lavrov": [3]}

    capitalised = names_asked("When were the next Russia-Indonesia foreign ministry talks?", known)
    typed = names_asked("when did lavrov visit russia", known)

    # "foreign ministry" is words there (every country has one), a name only when typed so.
    assert {"russia", "indonesia"} == {n.key for n in capitalised}
    assert {"lavrov", "russia"} == {n.key for n in typed}


def test_a_figure_beside_how_another_language_writes_the_topic_counts_most() -> None:
    trade = {"trade"}

    assert 1.0 == amount_shown("Товарооборот между странами составил 7,1 млрд долларов.", trade)
    assert 1.0 == amount_shown("Kim ngạch thương mại song phương đạt 7,1 tỷ USD.", trade)


def test_last_year_counts_from_the_year_the_story_tells() -> None:
    # A report with no publication date: its "last year" is the year before its talks.
    sentence = Candidate(
        "Around 90,000 Russian tourists visited Phuket last year.", 1, 2, 3, None, 0
    )

    assert {2024} == _years_stated(sentence, (), told=2025)
    assert set() == _years_stated(sentence, ())
    assert last_year("в прошлом году остров посетили") and not last_year("this year")
