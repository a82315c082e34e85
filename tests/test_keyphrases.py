"""Key phrases: topics no list names, found by statistics (briefings/keyphrases.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from briefings.compose import brief_topic
from briefings.entities import extract
from briefings.keyphrases import KEEP, key_phrases
from briefings.model import Extraction, Passage
from store import Store

from .conftest import run_ingest

ROOT = Path(__file__).resolve().parent.parent


def article(title: str, *paragraphs: str) -> list[Passage]:
    return [Passage("title", title), *(Passage("body", p) for p in paragraphs)]


def topics(extraction: Extraction) -> set[str]:
    return {m.entity.name for m in extraction.mentions if m.entity.kind == "topic"}


def surfaces(extraction: Extraction, name: str) -> set[str]:
    return {m.surface for m in extraction.mentions if m.entity.name == name}


def test_the_matters_an_english_story_repeats_are_its_topics():
    extraction = extract(
        article(
            "Ministers pledge to expand energy security ties",
            "The foreign ministers of Nigeria and Morocco met in Abuja on Tuesday and agreed"
            " to speed up work on the gas pipeline that would run along the Atlantic coast.",
            "Energy security dominated the talks, officials said, as both countries seek"
            " buyers in Europe for gas that now has few routes out of West Africa.",
            "The gas pipeline, first proposed in 2016, would also supply 13 countries on its way,"
            " and the two ministers said energy security in the region depended on it.",
        ),
        language="en",
    )

    assert {"energy security", "gas pipeline"} <= topics(extraction)
    # The headline's verbs are no part of a topic: "expand energy security ties" is not one.
    assert not any(name.startswith(("expand", "pledge")) for name in topics(extraction))


def test_a_few_phrases_at_most_and_none_from_a_plain_sentence():
    busy = article(
        "Trade and security",
        *(
            f"They discussed {a} {b} again."
            for a in ("maritime", "border", "food", "cyber", "nuclear")
            for b in ("security", "cooperation")
        ),
    )
    assert len(key_phrases([p.text for p in busy], "en", 0)) <= KEEP
    assert set() == topics(extract([Passage("body", "The minister arrived on Monday.")]))


def test_russian_inflections_are_one_topic():
    extraction = extract(
        article(
            "Лавров и Буй Тхань Шон обсудили всеобъемлющее стратегическое партнерство",
            "Министры обсудили развитие всеобъемлющего стратегического партнерства двух стран.",
            "Стороны договорились углублять всеобъемлющее стратегическое партнерство и"
            " военно-техническое сотрудничество.",
        ),
        language="ru",
    )

    assert {
        "всеобъемлющего стратегического партнерства",
        "всеобъемлющее стратегическое партнерство",
    } <= surfaces(extraction, "всеобъемлющее стратегическое партнерство")
    # A verb before the head is no modifier of it.
    assert not any(name.startswith("углублять") for name in topics(extraction))


def test_head_first_languages():
    french = extract(
        article(
            "Sergueï Lavrov à Vientiane",
            "Les ministres ont parlé de sécurité alimentaire et des engrais russes.",
            "La sécurité alimentaire de la région reste une priorité, a-t-il ajouté.",
        ),
        language="fr",
    )
    vietnamese = extract(
        article(
            "Việt Nam và Nga thúc đẩy hợp tác dầu khí",
            "Hai bên nhất trí tăng cường hợp tác dầu khí và năng lượng.",
        ),
        language="vi",
    )
    indonesian = extract(
        article(
            "Menlu RI bahas ketahanan pangan",
            "Kedua menteri membahas ketahanan pangan dan pasokan pupuk.",
        ),
        language="id",
    )

    assert "sécurité alimentaire" in topics(french)
    assert "hợp tác dầu khí" in topics(vietnamese)
    assert "ketahanan pangan" in topics(indonesian)


def test_a_named_topic_wins_over_a_key_phrase_where_they_overlap():
    extraction = extract(
        article(
            "Manila and Tokyo sign defence pact",
            "The Reciprocal Access Agreement lets troops train in each other's country.",
            "The Reciprocal Access Agreement is the first such defence pact in Asia for Japan.",
        ),
        language="en",
    )

    assert "Reciprocal Access Agreement" in topics(extraction)
    assert not any("access agreement" == name for name in topics(extraction))


def test_the_shipped_background_table_is_what_the_script_fits():
    result = subprocess.run(
        [sys.executable, "benchmarks/fit_keyphrases.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == result.returncode, result.stdout + result.stderr


def test_a_key_phrase_is_a_topic_a_briefing_finds(store: Store, tmp_path: Path) -> None:
    (tmp_path / "abuja.txt").write_text(
        "Nigeria and Morocco push gas pipeline\n\n"
        "The foreign ministers of Nigeria and Morocco met in Abuja on Tuesday and agreed to"
        " speed up work on the gas pipeline along the Atlantic coast.\n\n"
        "The gas pipeline would carry gas to 13 countries on its way to Europe, officials said.\n",
        encoding="utf-8",
    )
    run_ingest(store, [str(tmp_path)])

    briefing = brief_topic(store, "gas pipeline")

    assert briefing.subject is not None
    assert ("gas pipeline", "topic") == (briefing.subject.name, briefing.subject.kind)
    assert any("gas pipeline" in claim.text for claim in briefing.claims)


def test_a_word_that_only_grades_a_matter_is_no_part_of_it():
    extraction = extract(
        article(
            "Gulf ministers call for immediate ceasefire in Gaza",
            "Foreign ministers meeting in Riyadh on Sunday called for an immediate ceasefire and"
            " unimpeded access for aid convoys, and pledged close cooperation with Egypt.",
            "A ceasefire would have to hold for weeks before reconstruction could begin, the"
            " ministers said, adding that close cooperation among donors was vital.",
        ),
        language="en",
    )

    found = topics(extraction)
    # "ceasefire" names a matter alone; "cooperation" alone names none.
    assert "ceasefire" in found
    assert not any(name.startswith(("immediate", "close")) for name in found)


def test_a_head_said_once_in_passing_is_no_topic():
    extraction = extract(
        article(
            "Ministers open new border crossing",
            "The two ministers opened a crossing on the border on Monday.",
            "Traders said the crossing had been closed since a ceasefire was signed in 2019.",
        ),
        language="en",
    )

    assert "ceasefire" not in topics(extraction)


def test_a_common_phrase_for_a_named_agreement_is_that_agreement():
    extraction = extract(
        article(
            "Manila, Tokyo sign troop access pact",
            "The Philippines and Japan signed the Reciprocal Access Agreement on Monday, a"
            " landmark defence pact that lets each side send troops to the other.",
            "The troop access pact must still be ratified by the Japanese Diet.",
        ),
        language="en",
    )

    found = topics(extraction)
    assert "Reciprocal Access Agreement" in found
    assert not any(
        name.endswith(("pact", "agreement")) for name in found - {"Reciprocal Access Agreement"}
    )


def test_an_act_done_to_named_parties_is_one_topic_with_them_inside():
    extraction = extract(
        article(
            "Nigeria, Morocco discuss Sahel",
            "The ministers discussed the security situation in the Sahel and the withdrawal of"
            " Mali, Burkina Faso and Niger from ECOWAS, officials said.",
            "They also raised the detention of Nigerian nationals abroad.",
        ),
        language="en",
    )

    found = topics(extraction)
    assert "withdrawal of Mali, Burkina Faso and Niger from ECOWAS" in found
    assert "detention of Nigerian nationals" in found
    # The parties are still named where the act names them.
    places = {m.surface for m in extraction.mentions if m.entity.kind == "place"}
    assert {"Mali", "Burkina Faso", "Niger"} <= places


def test_an_act_without_its_parties_is_no_topic():
    extraction = extract(
        article("Troops leave", "The withdrawal of troops began on Monday, officials said."),
        language="en",
    )

    assert not any(name.startswith("withdrawal") for name in topics(extraction))


def test_a_matter_between_two_named_parties_is_theirs():
    extraction = extract(
        article(
            "Milei backs trade deal",
            "Argentine President Javier Milei on Friday backed the free-trade agreement between"
            " Mercosur and the European Union concluded in Montevideo.",
        ),
        language="en",
    )

    assert "free-trade agreement between Mercosur and the European Union" in topics(extraction)


def test_two_parties_joined_by_a_hyphen_name_their_matter():
    extraction = extract(
        article(
            "Traders hope for border markets",
            "The Iran-Pakistan gas pipeline, stalled for more than a decade over US sanctions,"
            " was not on the agenda, officials said.",
            "Vietnam-Russia strategic partnership was also praised.",
        ),
        language="en",
    )

    found = topics(extraction)
    assert "Iran-Pakistan gas pipeline" in found
    # A listed matter keeps its listed name.
    assert "strategic partnership" in found
    assert "Vietnam-Russia strategic partnership" not in found
    places = {m.surface for m in extraction.mentions if m.entity.kind == "place"}
    assert {"Iran", "Pakistan"} <= places  # the parties are still named inside it


def test_a_head_first_language_names_a_matter_by_its_party():
    french = extract(
        article(
            "Lavrov à Vientiane",
            "Le ministre a évoqué la guerre en Ukraine et la reconstruction de l'Ukraine,"
            " ainsi que la guerre de Vladimir Poutine, selon ses conseillers.",
        ),
        language="fr",
    )
    malay = extract(
        article(
            "Menlu bertemu di Kuala Lumpur",
            "Kedua menteri membahas persiapan Keketuaan Malaysia di ASEAN tahun depan.",
        ),
        language="ms",
    )

    assert {"guerre en Ukraine", "reconstruction de l'Ukraine"} <= topics(french)
    assert not any("Poutine" in name for name in topics(french))  # a person is no party
    assert "Keketuaan Malaysia di ASEAN" in topics(malay)


def test_membership_of_a_country_in_a_body_is_a_russian_topic():
    extraction = extract(
        article(
            "Лавров и Сугионо",
            "Министры обсудили членство Индонезии в БРИКС, а также вступление в силу соглашения.",
        ),
        language="ru",
    )

    assert "членство Индонезии в БРИКС" in topics(extraction)
    assert not any(name.startswith("вступление") for name in topics(extraction))
    organisations = [m for m in extraction.mentions if m.entity.kind == "organization"]
    assert [m.surface for m in organisations] == ["БРИКС"]  # named once inside it


def test_a_matter_said_again_without_its_parties_is_the_same_topic():
    extraction = extract(
        article(
            "Milei backs trade agreement",
            "Argentine President Javier Milei backed the free-trade agreement between Mercosur"
            " and the European Union, saying the trade agreement would open markets.",
            "Critics said the trade agreement favoured European farmers, while trilateral"
            " cooperation with Chile and Brazil on trade was also discussed.",
        ),
        language="en",
    )

    found = topics(extraction)
    assert "free-trade agreement between Mercosur and the European Union" in found
    assert "trade agreement" not in found
    assert surfaces(extraction, "free-trade agreement between Mercosur and the European Union") >= {
        "trade agreement"
    }


def test_a_russian_verbal_noun_is_no_modifier():
    texts = [
        "Лавров и Сон провели переговоры",
        "Стороны придают большое значение сотрудничеству в энергетике, заявил министр.",
        "Москва и Ханой придают большое значение сотрудничеству и туризму.",
    ]
    names = {phrase.name for phrase in key_phrases(texts, "ru", 0)}
    assert not any("значение" in name for name in names)


def test_a_measure_against_a_party_or_a_peoples_goods_is_a_topic():
    extraction = extract(
        article(
            "Traders count the cost",
            "The Iran-Pakistan gas pipeline has stalled for a decade over US sanctions on Tehran.",
            "Beijing opposed the European Union's tariffs on Chinese electric vehicles at the"
            " talks, and said tariffs on steel hurt everyone.",
        ),
        language="en",
    )

    found = topics(extraction)
    assert {
        "US sanctions on Tehran",
        "European Union's tariffs on Chinese electric vehicles",
    } <= found
    assert not any(name.startswith("tariffs on steel") for name in found)


def test_an_issue_or_a_situation_takes_its_party_in_every_language():
    vietnamese = extract(
        article(
            "Bộ trưởng Ngoại giao hai nước hội đàm tại Hà Nội",
            "Hai bộ trưởng trao đổi về tình hình Syria và vấn đề Triều Tiên, nhất trí tăng cường"
            " tham vấn tại các diễn đàn đa phương.",
        ),
        language="vi",
    )
    indonesian = extract(
        article(
            "Menlu RI terima kunjungan Menlu Jepang",
            "Kedua menteri membahas isu Suriah dan situasi di Semenanjung Korea dalam"
            " pertemuan di Jakarta, Selasa.",
        ),
        language="id",
    )
    russian = extract(
        article(
            "Лавров провел переговоры с коллегой из Турции",
            "Министры обсудили ситуацию вокруг Сирии и двустороннюю повестку дня.",
        ),
        language="ru",
    )

    assert {"tình hình Syria", "vấn đề Triều Tiên"} <= topics(vietnamese)
    assert "isu Suriah" in topics(indonesian)
    assert "ситуацию вокруг Сирии" in topics(russian)
    # The party is still a place of the story.
    assert "Syria" in {m.entity.name for m in vietnamese.mentions if m.entity.kind == "place"}


def test_a_vietnamese_matter_said_once_is_whole_words_without_its_grading():
    extraction = extract(
        article(
            "Việt Nam và Indonesia thúc đẩy quan hệ",
            "Hai bộ trưởng nhất trí thúc đẩy hợp tác thủy sản, coi đây là lĩnh vực có nhiều"
            " tiềm năng.",
            "Phía Indonesia khẳng định Việt Nam là đối tác quan trọng trong khu vực.",
        ),
        language="vi",
    )

    # Four syllables are two words: said once, the phrase is still whole ("thủy sản").
    assert "hợp tác thủy sản" in topics(extraction)
    assert "hợp tác thủy" not in topics(extraction)
    # "quan trọng" (important) only grades the partner: no topic there.
    assert not any(name.startswith("đối tác") for name in topics(extraction))


def test_a_framework_written_as_a_name_is_a_topic_whole():
    extraction = extract(
        article(
            "Thủ tướng tiếp Đại sứ Nhật Bản",
            "Thủ tướng đề nghị hai bên tiếp tục làm sâu sắc quan hệ Đối tác chiến lược toàn diện"
            " với Nhật Bản, thúc đẩy hợp tác thương mại và hợp tác giáo dục.",
        ),
        language="vi",
    )

    # Capitalised mid-sentence, its first word marks a name: six syllables, said once.
    assert "Đối tác chiến lược toàn diện" in surfaces(extraction, "đối tác chiến lược toàn diện")
    assert "đối tác chiến lược" not in topics(extraction)


def test_an_english_matter_of_a_named_state_or_body_keeps_its_party():
    extraction = extract(
        article(
            "Ministers back Georgia",
            "The ministers reaffirmed their support for the territorial integrity of Georgia and"
            " called for the reform of the World Trade Organization before the next round.",
            "They also discussed the reconstruction of Syria, and the war of words with critics.",
        ),
        language="en",
    )

    found = topics(extraction)
    assert {
        "territorial integrity of Georgia",
        "reform of the World Trade Organization",
        "reconstruction of Syria",
    } <= found
    assert "Georgia" in {m.surface for m in extraction.mentions if m.entity.kind == "place"}


def test_an_indonesian_head_of_two_words_is_no_topic_alone():
    extraction = extract(
        article(
            "Indonesia dan Vietnam perkuat kerja sama",
            "Kedua menteri sepakat memperkuat kerja sama di berbagai bidang, termasuk kerja sama"
            " perikanan dan kerja sama perikanan di Laut Natuna.",
        ),
        language="id",
    )

    assert "kerja sama" not in topics(extraction)  # "cooperation" says no matter
    assert "kerja sama perikanan" in topics(extraction)


def test_a_run_opening_after_to_opens_with_its_verb():
    extraction = extract(
        article(
            "Laos and Vietnam aim to lift two-way trade to $3 billion",
            "Laos and Vietnam agreed on Friday to lift two-way trade to $3 billion by 2030 and"
            " to finish border demarcation, the foreign ministers said in Vientiane.",
            "Two-way trade reached $2 billion last year; border demarcation is nearly done.",
        ),
        language="en",
    )

    assert "two-way trade" in topics(extraction)
    assert not {"lift two-way trade", "finish border demarcation"} & topics(extraction)


def test_a_russian_phrase_is_not_cut_after_an_adjective():
    extraction = extract(
        article(
            "Лавров: Россия и Лаос против одностороннего санкционного давления",
            "Министр иностранных дел России Сергей Лавров заявил, что Москва и Вьентьян"
            " выступают против одностороннего санкционного давления Запада.",
            "Одностороннее санкционное давление, по словам министра, вредит развитию региона.",
        ),
        language="ru",
    )

    assert "одностороннего санкционного" not in topics(extraction)
