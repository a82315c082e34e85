"""People named by a given name with no role or verb of saying around them, in French,
Indonesian and Russian (Cyrillic spellings of foreign names); what is not a person stays out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from briefings.entities import extract
from briefings.given_names import is_given_name
from briefings.model import Extraction, Passage

ROOT = Path(__file__).resolve().parent.parent


def people(text: str, language: str, title: str = "Actualité") -> dict[str, str]:
    """Each surface naming a person → the person's name."""
    found = extract((Passage("title", title), Passage("body", text)), None, language)
    return _people(found)


def _people(extraction: Extraction) -> dict[str, str]:
    return {m.surface: m.entity.name for m in extraction.mentions if m.entity.kind == "person"}


def test_given_names_across_scripts() -> None:
    assert is_given_name("Mark")
    assert is_given_name("Jean-Noël")  # each part a given name
    assert is_given_name("Петер")  # Peter
    assert is_given_name("Кая")  # Kaya, filed as Kaja
    assert not is_given_name("mark")
    assert not is_given_name("Сийярто")


def test_french_names_with_no_cue() -> None:
    text = (
        "La réunion se tenait dans un contexte politique particulier à Ottawa : Justin "
        "Trudeau vit ses derniers jours au pouvoir, et Mark Carney doit être assermenté "
        "vendredi. Le ministre français, Jean-Noël Barrot, a de son côté estimé que l'Europe "
        "devait prendre sa part du fardeau."
    )
    assert {
        "Justin Trudeau": "Justin Trudeau",
        "Mark Carney": "Mark Carney",
        "Jean-Noël Barrot": "Jean-Noël Barrot",
    } == people(text, "fr")


def test_cyrillic_spelling_of_a_foreign_name_and_its_surname_alone() -> None:
    text = (
        "Верховный представитель ЕС по иностранным делам Кая Каллас заявила, что санкции "
        "продлят. По словам Каллас, решение примут единогласно. Против выступил Петер "
        "Сийярто."
    )
    assert {
        "Кая Каллас": "Kaya Kallas",
        "Каллас": "Kaya Kallas",
        "Петер Сийярто": "Peter Siyyarto",
    } == people(text, "ru")


def test_russian_names_stay_with_russian_grammar() -> None:
    """ "Сергеем Лавровым" is put in the nominative by Russian morphology, not read as is."""
    found = people("Министр встретился с Сергеем Лавровым в Москве.", "ru")
    assert {"Сергеем Лавровым": "Sergey Lavrov"} == found


def test_no_person_in_vietnamese_place_and_body_names() -> None:
    """Most Vietnamese syllables are someone's given name somewhere: "Trung", "Duma"."""
    text = (
        "Trung Quoc da cam danh bat ca tai vung bien Hoang Sa. Chu tich Duma Quốc gia Nga "
        "phat bieu tai Liên Hợp Quốc."
    )
    assert {} == people(text, "vi")


def test_bylines_credits_and_defined_terms_are_no_people() -> None:
    caption = "Kaja Kallas à Bruxelles. Photo : REUTERS/Yves Herman"
    assert "Yves Herman" not in people(caption, "fr")
    found = extract(
        (
            Passage("title", "Sugiono terima Menlu Vietnam"),
            Passage("body", "Hélène Gagnon"),
            Passage(
                "body",
                "Keduanya membahas batas Zona Ekonomi Eksklusif (ZEE) dan kerja sama ekonomi.",
            ),
        ),
        None,
        "id",
    )
    assert {} == {s: n for s, n in _people(found).items() if s != "Sugiono"}


def test_a_word_the_article_writes_in_lower_case_is_no_surname() -> None:
    text = "Pertemuan Uni Ekonomi dibahas. Kerja sama ekonomi kedua negara meningkat."
    assert {} == people(text, "id")


def test_given_name_table_is_what_the_script_writes() -> None:
    """gazetteer/given_names.txt is what scripts/given_names.py writes from Faker."""
    try:
        import faker  # noqa: F401
    except ImportError:  # the table ships; only refitting it needs Faker
        return
    run = subprocess.run([sys.executable, "scripts/given_names.py", "--check"], cwd=ROOT)
    assert 0 == run.returncode


def test_english_names_with_no_role_before_them() -> None:
    text = (
        "Washington was represented by Dana Brown, the chargé d’affaires at the embassy, "
        "while Luiz Inácio Lula da Silva sent a message."
    )
    assert {
        "Dana Brown": "Dana Brown",
        "Luiz Inácio Lula da Silva": "Luiz Inácio Lula da Silva",
    } == people(text, "en")


def test_places_that_open_with_a_given_name_are_no_people() -> None:
    text = (
        "North Korea fired a missile as West African leaders met near the Tan Nam border "
        "gate in the North Atlantic port."
    )
    assert {} == people(text, "en")


def test_photo_credits_and_bylines_in_any_form_are_no_people() -> None:
    for caption in (
        "Soldiers stand guard at the base on Monday. © Maria Lopez, AFP",
        "The ministers shook hands after the signing. (Reuters: Peter Novak)",
        "The foreign ministers at the opening session. Photo: Anna Berg",
        "Delegates arrive for the talks ( Omer Kaya - Anadolu Agency )",
        "By diplomatic correspondent Helen Marsh",
    ):
        assert {} == people(caption, "en"), caption


def test_an_indonesian_preposition_is_no_particle_of_a_name() -> None:
    text = "Menlu Sugiono bertemu Sergey Lavrov di Kuala Lumpur pada Kamis."
    assert "Sergey Lavrov" in people(text, "id")


def countries(text: str, language: str) -> dict[str, str | None]:
    found = extract((Passage("title", "Tin tức"), Passage("body", text)), None, language)
    return {m.entity.name: m.entity.country for m in found.mentions if m.entity.kind == "person"}


def test_an_unqualified_office_is_the_country_of_a_one_country_language() -> None:
    text = (
        "Thủ tướng Phạm Minh Chính tiếp Ngoại trưởng Nga Sergei Lavrov. Thủ tướng Narendra "
        "Modi gửi lời chúc mừng."
    )
    found = countries(text, "vi")

    assert "Vietnam" == found["Phạm Minh Chính"]
    assert "Russia" == found["Sergei Lavrov"]
    assert found["Narendra Modi"] is None  # not a Vietnamese name: left unsaid


def test_an_international_office_gets_no_home_country() -> None:
    text = "Sekretaris Jenderal PBB Antonio Guterres bertemu Menteri Luar Negeri Sugiono."
    found = countries(text, "id")

    assert "Indonesia" == found["Sugiono"]
    assert found.get("Antonio Guterres") is None
