"""An event's aliases are its names: the common noun a story refers back to it with
("the talks", "meeting") is no alias, so a user asking about "talks" gets the word."""

from __future__ import annotations

from briefings.compose import brief_topic
from store import Store


def test_common_nouns_for_events_are_not_their_aliases(seeded: Store) -> None:
    aliases = {alias for event in seeded.entities("event") for alias in event.aliases}

    assert "ASEM" in aliases  # a name stays one
    assert [] == sorted(a for a in aliases if not any(c.isupper() or c.isdigit() for c in a))


def test_a_common_noun_is_searched_as_a_word_not_read_as_one_event(seeded: Store) -> None:
    for word in ("talks", "meeting", "phone conversation"):
        assert [] == seeded.entities_named(word)
        briefing = brief_topic(seeded, word)
        assert briefing.subject is not None
        assert "event" != briefing.subject.kind, word
