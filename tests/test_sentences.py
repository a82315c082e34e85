"""Sentence boundaries: claims are whole sentences, and a quotation is quoted whole."""

from __future__ import annotations

import pytest

from briefings.sentences import MAX_QUOTATION_CHARS, split_sentences


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        (
            '"We heard one commitment. No one disagreed," Retno said. She left at noon.',
            ['"We heard one commitment. No one disagreed," Retno said.', "She left at noon."],
        ),
        (
            "He said: “We will win. We always do.” The crowd cheered.",
            ["He said: “We will win. We always do.”", "The crowd cheered."],
        ),
        (
            "«Мы готовы. Всегда готовы», — заявил Лавров. Потом он уехал.",
            ["«Мы готовы. Всегда готовы», — заявил Лавров.", "Потом он уехал."],
        ),
        # A quoted word closes at once: the sentences around it stay apart.
        ('The "hawks" left. Others stayed.', ['The "hawks" left.', "Others stayed."]),
        ("Mr. Lavrov arrived. Talks began.", ["Mr. Lavrov arrived.", "Talks began."]),
        # An abbreviation no list holds, followed by a small letter: the sentence goes on.
        (
            "В 2024 г. остров посетили около 95 тыс. российских туристов. Это рекорд.",
            ["В 2024 г. остров посетили около 95 тыс. российских туристов.", "Это рекорд."],
        ),
    ],
)
def test_sentences_end_where_a_reader_would_end_them(paragraph: str, sentences: list[str]) -> None:
    assert sentences == split_sentences(paragraph)


def test_a_quotation_that_never_closes_nearby_is_split_as_usual() -> None:
    unclosed = (
        '"It was a long day. ' + "We talked. " * (MAX_QUOTATION_CHARS // 10) + 'End," he said.'
    )

    assert len(split_sentences(unclosed)) > 2
