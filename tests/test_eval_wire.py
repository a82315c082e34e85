"""The wire scorer on a tiny labelled folder of its own: a feed of two entries and a page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks import eval_wire

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Vietnam News Agency</title><link>https://example-vna.test/</link>
<description>News</description>
<item>
<title>Prime Minister receives Japanese ambassador</title>
<link>https://example-vna.test/pm-receives-ambassador.html</link>
<guid>vna-1</guid>
<pubDate>Wed, 02 Dec 2026 12:00:00 +0700</pubDate>
<description>Prime Minister Pham Minh Chinh met Japanese Ambassador Ito Naoki in Hanoi on \
December 1, 2026 to discuss investment in infrastructure and energy projects.</description>
</item>
<item>
<title>Vietnam and Laos review border cooperation</title>
<link>https://example-vna.test/vietnam-laos-border.html</link>
<guid>vna-2</guid>
<pubDate>Thu, 03 Dec 2026 15:00:00 +0700</pubDate>
<description>Deputy Prime Minister Tran Hong Ha visited Vientiane on December 2, 2026 to \
review border demarcation, trade and transport links between the two countries.</description>
</item>
</channel></rss>
"""

PAGE = """Lao minister in Hanoi for consultations

HANOI (VNA) — Foreign Minister Bui Thanh Son held talks with Lao Foreign Minister \
Thongsavanh Phomvihane in Hanoi on December 2, 2026, the ministry said.

The two ministers reviewed cooperation in trade, energy and education and agreed to \
step up exchanges between their ministries.
"""


def _event(kind: str, date: str | None, participants: list[str], sentence: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "date": date,
        "date_basis": "stated",
        "announced": False,
        "place": None,
        "countries": [],
        "participants": participants,
        "sentence": sentence,
    }


def _item(
    id: str, outlet: str, published: str | None, dateline: str, events: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "id": id,
        "language": "en",
        "outlet": outlet,
        "outlet_aliases": [],
        "published": {"date": published, "precision": "day" if published else None, "reason": ""},
        "dateline": {"text": dateline, "place": "Hanoi", "date": None, "agency": "VNA"},
        "not_participants": ["VNA"],
        "events": events,
    }


LABELS: dict[str, Any] = {
    "about": "a tiny set for tests",
    "items": [
        # Right date; outlet right through an alias; its meeting is found with its date.
        {
            **_item(
                "feeds/wire.xml#1",
                "VNA",
                "2026-12-02",
                "",
                [_event("meeting", "2026-12-01", ["Pham Minh Chinh"], "met Japanese Ambassador")],
            ),
            "outlet_aliases": ["Vietnam News Agency"],
        },
        # Labelled a day off on purpose, and another outlet: both wrong; the visit is found,
        # a signing the text never reports is not.
        _item(
            "feeds/wire.xml#2",
            "Reuters",
            "2026-12-04",
            "",
            [
                _event("visit", "2026-12-02", ["Tran Hong Ha"], "visited Vientiane"),
                _event("signing", None, ["Tran Hong Ha"], "signed a border protocol"),
            ],
        ),
        # No date but the dateline's (none): no stored date is right. Outlet labelled Xinhua,
        # so wrong whatever the page yields. Bui Thanh Son is listed as no participant, so
        # that the check has something to find.
        {
            **_item(
                "pages/consultations.txt",
                "Xinhua",
                None,
                "HANOI (VNA) —",
                [_event("talks", "2026-12-02", ["Bui Thanh Son"], "held talks with Lao")],
            ),
            "not_participants": ["VNA", "Bui Thanh Son"],
        },
    ],
    "same_event": [["feeds/wire.xml#1#0", "pages/consultations.txt#0"]],
}


def _folder(root: Path) -> Path:
    (root / "items" / "feeds").mkdir(parents=True)
    (root / "items" / "pages").mkdir()
    (root / "items" / "feeds" / "wire.xml").write_text(FEED, encoding="utf-8")
    (root / "items" / "pages" / "consultations.txt").write_text(PAGE, encoding="utf-8")
    (root / "labels.json").write_text(json.dumps(LABELS), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return eval_wire.evaluate(_folder(tmp_path_factory.mktemp("wire"))).as_dict()


def test_every_item_is_found_in_the_store(result: dict[str, Any]) -> None:
    assert (3, 3) == (result["items"], result["items_found"])


def test_published_dates_are_scored_per_item(result: dict[str, Any]) -> None:
    # #1 right, #2 labelled a day off, the page has no date as labelled.
    assert 0.667 == result["published_date_accuracy"]


def test_outlets_count_through_aliases(result: dict[str, Any]) -> None:
    assert 0.333 == result["outlet_accuracy"]


def test_event_recall_pairs_compatible_kinds(result: dict[str, Any]) -> None:
    # The meeting, the visit and the talks are found; the signing is not.
    assert 0.75 == result["event_recall"]
    assert 1.0 == result["event_date_accuracy"]


def test_a_not_participant_named_as_participant_is_an_error(result: dict[str, Any]) -> None:
    assert 1 == result["participant_errors"]
    assert any("'Bui Thanh Son' is a participant" in e for e in result["errors"])


def test_the_dateline_is_off_the_passages(result: dict[str, Any]) -> None:
    assert 1.0 == result["dateline_clean"]


def test_same_event_pairs_are_informational(result: dict[str, Any]) -> None:
    # A meeting on 1 December and talks on the 2nd, with no one in common: not linked.
    assert 0.0 == result["same_event_linked"]
    assert eval_wire._linked((1, None), (2, None), {1: 1, 2: 1})


def test_kinds_map_to_the_products_kinds() -> None:
    assert eval_wire.compatible("agreement_to_meet", "announced-meeting")
    assert eval_wire.compatible("announced_visit", "announced-visit")
    assert not eval_wire.compatible("signing", "meeting")


def test_a_missing_folder_is_a_json_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        eval_wire.main(["--json", "--labels", str(tmp_path / "nowhere")])
    assert 2 == exited.value.code
    error = json.loads(capsys.readouterr().out)["error"]
    assert "labels" == error["kind"]
    assert "nowhere" in error["message"]


def test_a_dateline_prefix_is_found_whatever_its_dash() -> None:
    key = eval_wire._dateline_key
    assert key("HANOI (VNA) -- Foreign Minister Bui").startswith(key("HANOI (VNA) —"))
    assert not key("Hanoi and Vientiane agreed").startswith(key("HANOI —"))


def test_an_announced_event_is_past_only_when_wholly_before_publication() -> None:
    assert eval_wire._before("2026-11-30", "2026-12-03")
    assert not eval_wire._before("2026-12", "2026-12-03")
    assert not eval_wire._before("--11-30", "2026-12-03")
