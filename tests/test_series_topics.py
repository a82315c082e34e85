"""The areas a diplomatic text lists after a cue are its topics, said once or not (issue 13)."""

from __future__ import annotations

from briefings.entities import extract
from briefings.keyphrases import fitted_verbs, grammar_of
from briefings.noun_phrases import runs, series

from .test_keyphrases import article, topics


def items(text: str, language: str = "en") -> list[tuple[str, bool]]:
    grammar = grammar_of(language)
    assert grammar is not None
    found = runs(text, language, grammar.function_words, fitted_verbs())
    return [(text[item[0][0] : item[-1][1]], cued) for item, cued in series(text, found, language)]


def test_areas_listed_after_a_cue_are_topics_though_said_once():
    extraction = extract(
        article(
            "Foreign ministers of Chile and Indonesia meet in Santiago",
            "Indonesian Foreign Minister Sugiono met his Chilean counterpart Alberto van Klaveren"
            " in Santiago on Monday, their second meeting this year.",
            "The two ministers agreed to deepen cooperation in energy, fisheries, higher"
            " education and tourism, and to resume talks on a trade agreement.",
        ),
        language="en",
    )

    assert {"energy", "fisheries", "higher education", "tourism"} <= topics(extraction)


def test_a_series_is_three_items_joined_by_commas_and_a_conjunction():
    assert [("energy", True), ("fisheries", True), ("tourism", True)] == items(
        "They want closer cooperation in energy, fisheries and tourism next year."
    )
    # Two items may be one phrase ("trade and energy projects"); a list without a cue is
    # listed, not cued.
    assert [] == items("They discussed trade and energy projects.")
    assert [("coal", False), ("iron ore", False), ("timber", False)] == items(
        "Its main exports are coal, iron ore and timber."
    )


def test_the_modifiers_of_one_head_or_a_list_of_activities_are_no_series():
    assert [] == items("They joined the fight against illegal, unreported and unregulated fishing.")
    assert [] == items("Sanctions stop it from buying fuel, spare parts and medicine.")


def test_a_word_naming_the_area_is_the_cue_not_the_item():
    text = "Hai bên nhất trí thúc đẩy hợp tác trong các lĩnh vực nông nghiệp, giáo dục và du lịch."

    assert [("nông nghiệp", True), ("giáo dục", True), ("du lịch", True)] == items(text, "vi")


def test_a_russian_listed_area_is_named_in_the_nominative():
    extraction = extract(
        article(
            "Лавров провел переговоры с министром иностранных дел Малайзии",
            "Министр иностранных дел России Сергей Лавров провел в Москве переговоры с"
            " министром иностранных дел Малайзии Мохамадом Хасаном.",
            "Стороны договорились развивать сотрудничество в энергетике, образовании и"
            " туризме, а также обсудили ситуацию в регионе.",
        ),
        language="ru",
    )

    assert {"энергетика", "образование", "туризм"} <= topics(extraction)


def test_a_listed_word_does_not_hide_a_phrase_built_on_it():
    extraction = extract(
        article(
            "India and Russia review trade imbalance",
            "External Affairs Minister S. Jaishankar said in Moscow on Thursday that the trade"
            " imbalance with Russia must be addressed.",
            "He called for cooperation in trade, energy and defence, and said the trade"
            " imbalance had grown for three years.",
        ),
        language="en",
    )

    assert {"trade imbalance", "trade", "energy"} <= topics(extraction)
