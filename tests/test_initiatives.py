"""Initiatives named in quotation marks are topics, in every language read (issue 13)."""

from __future__ import annotations

from briefings.entities import extract
from briefings.initiatives import initiatives

from .test_keyphrases import article, topics


def names(text: str, language: str = "en") -> list[str]:
    return [found.name for found in initiatives(text, language)]


def test_a_quoted_project_is_a_topic_named_without_its_kind():
    extraction = extract(
        article(
            "Armenian and Georgian foreign ministers meet in Yerevan",
            "Foreign Minister Ararat Mirzoyan briefed his Georgian counterpart on the"
            ' government\'s "Crossroads of Peace" project, which would reopen regional roads.',
        ),
        language="en",
    )

    assert "Crossroads of Peace" in topics(extraction)


def test_a_document_keeps_its_word_and_a_quoted_sentence_is_no_name():
    text = (
        "Ministers agreed to send a draft 'Ocean of Peace' declaration to the leaders. He"
        ' called the plan "A road to nowhere. It will fail." on Monday.'
    )

    assert ["Ocean of Peace declaration"] == names(text)


def test_a_kind_before_the_quotation_in_russian_and_vietnamese():
    russian = "Стороны обсудили участие Узбекистана в инициативе «Один пояс, один путь»."
    vietnamese = "Hai bên trao đổi về sáng kiến “Vành đai và Con đường” của Trung Quốc."

    assert ["Один пояс, один путь"] == names(russian, "ru")
    assert ["Vành đai và Con đường"] == names(vietnamese, "vi")
