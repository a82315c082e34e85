"""A role a few words before the name it belongs to, past a lower-case complement or an
apposition's comma, in Russian and French; a role never jumps over another name."""

from __future__ import annotations

from briefings.entities import extract
from briefings.model import Passage


def roles(text: str, language: str) -> dict[str, tuple[str | None, str | None]]:
    found = extract((Passage("title", "Actualité"), Passage("body", text)), None, language)
    people = (m for m in found.mentions if m.entity.kind == "person")
    return {m.surface: (m.role, m.entity.country) for m in people}


def test_a_russian_role_past_its_lower_case_complement() -> None:
    text = (
        "Верховный представитель ЕС по иностранным делам и политике безопасности Кая Каллас "
        "заявила, что санкции продлят."
    )
    assert ("High Representative", None) == roles(text, "ru")["Кая Каллас"]


def test_french_roles_in_apposition_with_a_typographic_apostrophe() -> None:
    text = (
        "La ministre des Affaires étrangères, Mélanie Joly, a accueilli le secrétaire d’État "
        "américain, Marco Rubio, au Manoir Richelieu. La haute représentante de l’Union "
        "européenne pour les affaires étrangères, Kaja Kallas, a insisté."
    )
    found = roles(text, "fr")

    assert ("Foreign Minister", None) == found["Mélanie Joly"]
    assert ("Secretary of State", "United States") == found["Marco Rubio"]
    assert ("High Representative", None) == found["Kaja Kallas"]


def test_a_role_does_not_jump_over_another_name_or_clause() -> None:
    text = (
        "Le ministre des Affaires étrangères a reçu Justin Trudeau. Mark Carney doit être "
        "assermenté vendredi."
    )
    found = roles(text, "fr")

    assert (None, None) == found["Mark Carney"]


def test_a_role_is_not_carried_over_a_verb() -> None:
    text = "Le ministre des Affaires étrangères a reçu Justin Trudeau à Ottawa."

    assert (None, None) == roles(text, "fr")["Justin Trudeau"]


def test_a_french_minister_with_his_country_adjective() -> None:
    text = (
        "Le ministre britannique David Lammy et le ministre japonais Takeshi Iwaya complétaient "
        "la table. La ministre canadienne des Affaires étrangères, Mélanie Joly, a parlé. Le "
        "ministre a dit que Paris agira."
    )
    found = roles(text, "fr")

    assert {
        "David Lammy": ("Minister", "United Kingdom"),
        "Takeshi Iwaya": ("Minister", "Japan"),
        "Mélanie Joly": ("Foreign Minister", "Canada"),
    } == found


def test_vietnamese_offices_and_ranks_said_without_their_ministry() -> None:
    text = (
        "Tại hội đàm, Đại tướng Phan Văn Giang khẳng định Việt Nam coi trọng quan hệ. Thượng tướng "
        "Đổng Quân nhất trí. Bộ trưởng Phan Văn Giang đề nghị hai bên tiếp tục hợp tác."
    )
    found = extract((Passage("title", "Quốc phòng"), Passage("body", text)), None, "vi")
    people = [(m.surface, m.role) for m in found.mentions if m.entity.kind == "person"]
    assert [
        ("Phan Văn Giang", "General"),
        ("Đổng Quân", "Colonel General"),
        ("Phan Văn Giang", "Minister"),
    ] == people


def test_a_second_role_after_the_first_is_no_name() -> None:
    text = (
        "Hai bên cụ thể hóa nhận thức chung giữa Tổng Bí thư Tô Lâm và Tổng Bí thư, Chủ tịch "
        "nước Trung Quốc Tập Cận Bình."
    )
    found = extract((Passage("title", "Thời sự"), Passage("body", text)), None, "vi")
    people = [m.surface for m in found.mentions if m.entity.kind == "person"]
    assert ["Tô Lâm", "Tập Cận Bình"] == people
