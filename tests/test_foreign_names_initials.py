"""People in Russian and Vietnamese text: names written with initials, as the Russian Foreign
Ministry writes them; initials, common words and known places or bodies are no names."""

from __future__ import annotations

from briefings.entities import extract
from briefings.foreign_names import role_names
from briefings.gazetteer.languages import for_language
from briefings.model import EntityRef, Extraction, Passage
from briefings.transliteration import fuzzy_alias

LAVROV = EntityRef("Sergey Lavrov", "person", "Russia")
PUTIN = EntityRef("Vladimir Putin", "person", "Russia")
RUBIO = EntityRef("Marco Rubio", "person", "United States")
# The store files a person under the spelling-blind key of the surname too.
KNOWN = {fuzzy_alias(p.name.split()[-1]): [p] for p in (LAVROV, PUTIN, RUBIO)}


def people(extraction: Extraction) -> dict[str, str]:
    return {m.surface: m.entity.name for m in extraction.mentions if m.entity.kind == "person"}


def russian(text: str, known: dict[str, list[EntityRef]] | None = KNOWN) -> dict[str, str]:
    return people(extract([Passage("body", text)], known, "ru"))


def test_initials_and_a_surname_in_any_case_name_the_known_person() -> None:
    text = (
        "Стенограмма выступления Министра иностранных дел Российской Федерации С.В.Лаврова. "
        "С.В.Лавров напомнил о договорённостях, достигнутых В.В.Путиным, и о беседе с М.Рубио."
    )

    assert {
        "С.В.Лаврова": "Sergey Lavrov",
        "С.В.Лавров": "Sergey Lavrov",
        "В.В.Путиным": "Vladimir Putin",
        "М.Рубио": "Marco Rubio",
    } == russian(text)


def test_initials_that_disagree_with_the_given_name_name_nobody() -> None:
    assert {} == russian("Об этом сообщил А.Лавров, глава районной администрации.")


def test_initials_and_a_surname_name_a_person_no_one_else_knows() -> None:
    """A Foreign Ministry transcript may never spell the given name out."""
    found = russian("Выступление С.В.Лаврова на пленарном заседании.", known=None)

    assert {"С.В.Лаврова": "Lavrov"} == found


def test_initials_alone_never_make_a_person() -> None:
    assert {} == russian("Выступление С.В. на пленарном заседании.", known=None)


def test_a_role_before_initials_gives_the_person_role_and_country() -> None:
    text = (
        "Подтвердили договоренности, достигнутые Президентом России В.В.Путиным. "
        "Госсекретарь США М.Рубио заявил, что ответ будет скоро."
    )
    found = extract([Passage("body", text)], None, "ru")
    roles = {m.surface: (m.role, m.entity.country) for m in found.mentions if m.role}

    assert {
        "В.В.Путиным": ("President", "Russia"),
        "М.Рубио": ("Secretary of State", "United States"),
    } == roles


def test_an_inflected_role_word_after_a_role_is_no_name() -> None:
    text = "Переговоры с моим коллегой, Министром иностранных дел Малайзии Мохамадом Хасаном."

    assert "Министром" not in russian(text, known=None)


def test_a_name_after_a_country_s_style_is_taken() -> None:
    text = "беседа с Министром иностранных дел Республики Индонезии Сугионо, который"

    assert ["Sugiono"] == [n.name for n in role_names(text, for_language("ru"))]


def test_a_known_country_at_a_line_s_end_is_no_person() -> None:
    text = "Thủ tướng tiếp Bộ trưởng Ngoại giao Ấn Độ"

    assert [] == [n.name for n in role_names(text, for_language("vi"))]


def test_a_ministry_without_diacritics_is_no_person() -> None:
    text = "Nguoi phat ngon Bo Ngoai giao Viet Nam noi rang"

    assert [] == [n.name for n in role_names(text, for_language("vi"))]


def test_a_ministry_written_with_lower_case_syllables_is_passed_to_the_name() -> None:
    text = "Người phát ngôn Bộ Ngoại giao Phạm Thu Hằng cho biết"

    assert ["Phạm Thu Hằng"] == [n.name for n in role_names(text, for_language("vi"))]


def test_a_chinese_name_is_read_whole_in_pinyin_not_half_as_a_russian_one() -> None:
    text = "встреча с министром иностранных дел КНР Ван И в Пекине"

    assert ["Wang Yi"] == [n.name for n in role_names(text, for_language("ru"))]


def test_minister_alone_introduces_a_name_russian_grammar_does_not_know() -> None:
    text = "Министр Сухарто подробно рассказал о политике страны."

    assert [("Sukharto", None)] == [(n.name, n.role) for n in role_names(text, for_language("ru"))]
