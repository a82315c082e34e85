from briefings.acronyms import expand, find_definition_spans
from briefings.gazetteer import load
from briefings.model import Acronym


def defined(text: str) -> list[Acronym]:
    return [Acronym(d.short, d.long) for d in find_definition_spans(text)]


def test_long_form_drops_leading_article_and_year():
    text = "in line with the 1982 UN Convention on the Law of the Sea (UNCLOS)."
    assert [Acronym("UNCLOS", "UN Convention on the Law of the Sea")] == defined(text)


def test_long_form_keeps_a_prepositional_tail():
    text = "the early formulation of a Code of Conduct in the East Sea (COC)."
    assert [Acronym("COC", "Code of Conduct in the East Sea")] == defined(text)


def test_declaration_takes_letters_from_initials():
    text = "the Declaration on the Conduct of Parties in the East Sea (DOC) and"
    assert [Acronym("DOC", "Declaration on the Conduct of Parties in the East Sea")] == defined(
        text
    )


def test_ordinals_are_dropped():
    assert [Acronym("ASEM", "Asia-Europe Meeting")] == defined(
        "hosting of the 13th Asia-Europe Meeting (ASEM) in"
    )
    assert [Acronym("EAS", "East Asia Summit")] == defined(
        "reached at the 15th East Asia Summit (EAS) held"
    )


def test_letters_inside_words_only_as_fallback():
    assert [Acronym("EAEU", "Eurasian Economic Union")] == defined(
        "the Eurasian Economic Union (EAEU)"
    )


def test_acronym_inside_a_name():
    text = "the Asia-Pacific Economic Cooperation (APEC) Forum"
    assert [Acronym("APEC", "Asia-Pacific Economic Cooperation")] == defined(text)


def test_short_form_first():
    text = "APEC (Asia-Pacific Economic Cooperation) met."
    assert [Acronym("APEC", "Asia-Pacific Economic Cooperation")] == defined(text)


def test_definition_offsets_point_into_the_text():
    text = "the Vietnam News Agency (VNA) said"
    definition = find_definition_spans(text)[0]
    assert ("Vietnam News Agency", "VNA") == (
        text[definition.long_start : definition.long_end],
        text[definition.short_start : definition.short_end],
    )


def test_parentheses_that_are_not_definitions():
    assert [] == defined("Bui Thanh Son (L) and Wang Yi (R) in Chongqing")
    assert [] == defined("At the talks (Credit: VNA)")
    assert [] == defined("on July 6, 2022. (VNA via AP)")
    assert [] == defined("Lao-Viet International Port (Vung Ang Port) in Ha Tinh")


def test_expand_known_acronyms_inside_a_long_form():
    table = load().acronyms
    assert "United Nations Convention on the Law of the Sea" == expand(
        "UN Convention on the Law of the Sea", table
    )


def test_builtin_table_is_case_sensitive_data():
    table = load().acronyms
    assert ("World Health Organization", "Group of Twenty") == (table["WHO"], table["G-20"])
    assert "who" not in table


def test_french_long_form_starts_at_its_capitalised_head():
    # French capitalises only a body's first word and skips "du", "et", "de la" in its acronym.
    text = "Il a salué le rôle de la Direction du développement et de la coopération (DDC)."
    assert [Acronym("DDC", "Direction du développement et de la coopération")] == defined(text)


def test_accented_words_give_their_plain_letter():
    text = "chef du Département fédéral des affaires étrangères (DFAE), a reçu"
    assert [Acronym("DFAE", "Département fédéral des affaires étrangères")] == defined(text)
