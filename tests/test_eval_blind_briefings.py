"""The blind briefing scorer on a tiny labelled folder, figures worked out by hand."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from benchmarks import eval_blind_briefings as scorer
from briefings.briefing import Briefing, Claim, Source
from briefings.compose import Limits
from store import Store

TALKS = "01-wire-lavrov-son-talks.txt"
VISIT = "02-rewrite-lavrov-visit.txt"
RICE = "03-analysis-rice-trade.txt"
SPOKESWOMAN = "04-spokeswoman-briefing.txt"

ARTICLES = {
    TALKS: """Lavrov and Son hold talks in Hanoi

HANOI, July 6, 2024 (Wire) - Russian Foreign Minister Sergey Lavrov held talks with \
Vietnamese Foreign Minister Bui Thanh Son in Hanoi on Saturday.

The two ministers agreed to expand cooperation in energy, education and science, and \
signed a plan of consultations for 2025.

Lavrov said Moscow valued Hanoi as a reliable partner in Southeast Asia.
""",
    VISIT: """Russian minister ends two-day visit to Vietnam

Sergey Lavrov left Hanoi on Sunday after a two-day visit during which he met senior \
Vietnamese leaders.

Lavrov told reporters that the talks had been frank and useful, and that both sides \
backed a peaceful settlement of regional disputes.
""",
    RICE: """Rice exports climb as Asian demand holds

Vietnam shipped more rice in the first half of the year than in any half-year before, \
the trade ministry said on Monday.

Exporters expect prices to stay high through the autumn harvest. Foreign minister \
Sergey Lavrov was among the visitors to Hanoi this summer.
""",
    SPOKESWOMAN: """Moscow spokeswoman comments on Hanoi talks

Foreign ministry spokeswoman Maria Zakharova told a weekly briefing that the Hanoi talks \
"opened a new page in our partnership with Vietnam."

She said the next round of consultations would be held in Moscow.
""",
}


def _at(name: str) -> str:
    return f"benchmarks/labels/tiny/articles/{name}"


LABELS = {
    "about": "A tiny set for the scorer's tests.",
    "articles": [
        {"file": _at(n), "outlet": "Wire", "language": "en", "published": "2024-07-07"}
        for n in ARTICLES
    ],
    "events": [
        {
            "id": "E1",
            "kind": "talks",
            "description": "Lavrov and Son talk in Hanoi",
            "date": "2024-07-06",
            "place": "Hanoi",
            "participants": ["Sergey Lavrov", "Bui Thanh Son"],
            "files": [_at(TALKS), _at(VISIT)],
        },
        {
            "id": "E2",
            "kind": "consultations",
            "description": "Consultations in Moscow, only announced",
            "date": None,
            "place": "Moscow",
            "participants": ["Sergey Lavrov"],
            "files": [],
        },
        {
            "id": "E3",
            "kind": "briefing",
            "description": "Zakharova's weekly briefing",
            "date": "2024-07-07",
            "place": "Moscow",
            "participants": ["Maria Zakharova"],
            "files": [_at(SPOKESWOMAN)],
        },
    ],
    "queries": [
        {
            "command": "who",
            "query": "Sergey Lavrov",
            "relevant": [_at(TALKS), _at(VISIT)],
            "passing": [_at(RICE)],
            "events": ["E1", "E2"],
        },
        {
            "command": "who",
            "query": "Maria Zakharova",
            "relevant": [_at(SPOKESWOMAN)],
            "passing": [],
            "events": ["E3"],
        },
        {
            "command": "who",
            "query": "Bui Thanh Son",
            "relevant": [_at(TALKS)],
            "passing": [],
            "events": ["E1"],
        },
        {
            "command": "topic",
            "query": "rice exports",
            "relevant": [_at(RICE)],
            "passing": [],
            "events": [],
        },
    ],
    "questions": [
        {
            "question": "What did Lavrov and Son agree in Hanoi?",
            "answer": "agreed to expand cooperation in energy, education and science",
            "files": [_at(TALKS)],
        },
        {
            "question": "Where will the next consultations be held?",
            "answer": "the next round of consultations would be held in Moscow",
            "files": [_at(SPOKESWOMAN)],
        },
        {
            "question": "What did the Hanoi talks open?",
            "answer": "opened a new page in our partnership with Vietnam",
            "files": [_at(SPOKESWOMAN)],
        },
        {
            "question": "How did Lavrov describe Hanoi?",
            "answer": "Moscow valued Hanoi as a reliable partner in Southeast Asia",
            "files": [_at(TALKS)],
        },
    ],
    "attributions": [
        {
            "file": _at(SPOKESWOMAN),
            "fragment": "opened a new page in our partnership with Vietnam",
            "speaker": "Maria Zakharova",
        },
        {
            "file": _at(TALKS),
            "fragment": "Moscow valued Hanoi as a reliable partner in Southeast Asia",
            "speaker": "Sergey Lavrov",
        },
    ],
    "disagreements": [
        {
            "question": "When did Lavrov leave Hanoi?",
            "files": [_at(TALKS), _at(VISIT)],
            "values": ["Saturday", "Sunday"],
        },
        {
            "question": "How were the talks described?",
            "files": [_at(VISIT), _at(SPOKESWOMAN)],
            "values": ["frank and useful", "a new page"],
        },
    ],
}

NEW_PAGE = '"opened a new page in our partnership with Vietnam."'
# What each stand-in command answers: claims as (text, files cited).
SCRIPT: dict[str, list[tuple[str, list[str]]]] = {
    "Sergey Lavrov": [
        ("Russian Foreign Minister Sergey Lavrov held talks in Hanoi on Saturday.", [TALKS]),
        ("Foreign minister Sergey Lavrov was among the visitors to Hanoi.", [RICE]),
        # Zakharova's words in Lavrov's briefing without her name: a misattribution.
        (f"The Hanoi talks {NEW_PAGE}", [SPOKESWOMAN]),
    ],
    "Maria Zakharova": [(f"Spokeswoman Maria Zakharova said the talks {NEW_PAGE}", [SPOKESWOMAN])],
    "rice exports": [("Vietnam shipped more rice than in any half-year before.", [RICE])],
    "What did Lavrov and Son agree in Hanoi?": [
        ("Sergey Lavrov held talks with Bui Thanh Son in Hanoi on Saturday.", [TALKS]),
        (
            "The two ministers agreed to expand cooperation in energy, education and science.",
            [TALKS],
        ),
    ],
    "Where will the next consultations be held?": [
        ("She said the next round of  consultations would be held in MOSCOW.", [SPOKESWOMAN])
    ],
    # Cut with an ellipsis after more than 60% of the answer.
    "What did the Hanoi talks open?": [
        ('Maria Zakharova said the Hanoi talks "opened a new page in our partner…', [SPOKESWOMAN])
    ],
    # The right words, but cited to an article the question does not name.
    "How did Lavrov describe Hanoi?": [
        ("Lavrov said Moscow valued Hanoi as a reliable partner in Southeast Asia.", [VISIT])
    ],
    "When did Lavrov leave Hanoi?": [("Sergey Lavrov left Hanoi on Sunday.", [VISIT])],
    "How were the talks described?": [
        ("Lavrov told reporters that the talks had been frank and useful.", [VISIT]),
        (f"Zakharova said the talks {NEW_PAGE}", [SPOKESWOMAN]),
    ],
}


def scripted(store: Store, query: str, limits: Limits) -> Briefing:
    """A briefing citing the stored articles the script names, numbered as they come."""
    paths = {Path(a.path).name: (a.id, a.path) for a in store.articles() if a.path}
    numbers: dict[str, int] = {}
    claims = []
    for text, files in SCRIPT.get(query, [])[: limits.claims]:
        cited = tuple(numbers.setdefault(f, len(numbers) + 1) for f in files)
        claims.append(Claim(text, cited))
    sources = tuple(
        Source(n, paths[f][0], f, None, None, None, paths[f][1]) for f, n in numbers.items()
    )
    return Briefing("who", query, claims=tuple(claims), sources=sources)


def write_folder(folder: Path, labels: Mapping[str, Any] = LABELS) -> Path:
    (folder / "articles").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (folder / "articles" / name).write_text(text, encoding="utf-8")
    (folder / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_folder(tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="module")
def results(folder: Path) -> dict[str, Any]:
    return scorer.evaluate(folder, scorer.Composer(scripted, scripted, scripted))


def test_every_article_is_ingested(results: dict[str, Any]) -> None:
    assert {"labelled": 4, "new": 4, "updated": 0, "unchanged": 0, "rejected": 0} == results[
        "articles"
    ]


def test_a_first_claim_answers_only_with_the_fragment_and_a_labelled_file(
    results: dict[str, Any],
) -> None:
    # Hits at 1: the squeezed, folded "MOSCOW" one and the one cut after 60%.
    # At k also the second claim of the first question; the fourth cites the wrong file.
    assert {"questions": 4, "hit_at_1": 0.5, "hit_at_k": 0.75} == results["answers"]
    misses = {m["question"]: m["rank"] for m in results["errors"]["answers"]}
    assert {
        "What did Lavrov and Son agree in Hanoi?": 2,
        "How did Lavrov describe Hanoi?": None,
    } == (misses)


def test_recall_and_precision_count_passing_citations_only_against_strict_precision(
    results: dict[str, Any],
) -> None:
    # Lavrov cites talks (relevant), rice (passing) and the spokeswoman (neither): recall
    # 1/2, precision 2/3, strict 1/3. Zakharova and rice exports: all 1. Son: nothing
    # cited, so recall 0 and no precision.
    figures = results["briefings"]
    assert 4 == figures["queries"]
    assert pytest.approx((0.5 + 1 + 0 + 1) / 4) == figures["recall"]
    assert pytest.approx((2 / 3 + 1 + 1) / 3) == figures["precision"]
    assert pytest.approx((1 / 3 + 1 + 1) / 3) == figures["strict_precision"]
    assert pytest.approx(3 / 5) == figures["micro_recall"]
    assert pytest.approx(4 / 5) == figures["micro_precision"]
    assert pytest.approx(3 / 5) == figures["micro_strict_precision"]
    assert 1 == figures["empty"]
    assert figures == results["ceiling"]


def test_query_misses_name_the_missing_passing_and_outside_files(
    results: dict[str, Any],
) -> None:
    misses = {m["query"]: m for m in results["errors"]["queries"]}
    assert ["Bui Thanh Son", "Sergey Lavrov"] == sorted(misses)
    assert [VISIT] == misses["Sergey Lavrov"]["missed"]
    assert [RICE] == misses["Sergey Lavrov"]["passing_cited"]
    assert [SPOKESWOMAN] == misses["Sergey Lavrov"]["outside"]
    assert 0 == misses["Bui Thanh Son"]["claims"]


def test_events_count_only_who_queries_and_events_with_files(
    results: dict[str, Any],
) -> None:
    # Lavrov: E1 reported (E2 has no files); Zakharova: E3; Son: E1 missed.
    events = results["events"]
    assert (3, 3) == (events["queries"], events["events"])
    assert pytest.approx(2 / 3) == events["covered"]
    assert pytest.approx(2 / 3) == results["events"]["micro_covered"]
    assert [{"query": "Bui Thanh Son", "event": "E1"}] == results["errors"]["events"]


def test_words_quoted_in_another_subjects_briefing_without_their_speaker_are_misattributed(
    results: dict[str, Any],
) -> None:
    assert {"attributions": 2, "quoted": 1, "misattributed": 1} == results["attribution"]
    [wrong] = results["errors"]["misattributions"]
    assert ("Sergey Lavrov", "Maria Zakharova") == (wrong["query"], wrong["speaker"])


def test_a_disagreement_is_covered_when_both_values_are_cited(results: dict[str, Any]) -> None:
    assert [(1, 1, False), (2, 2, True)] == [
        (d["files_cited"], d["values_cited"], d["both_sides"]) for d in results["disagreements"]
    ]


def test_matching_folds_and_forgives_only_a_late_cut() -> None:
    assert scorer.quotes("Bùi Thanh Sơn  SAID it.", "bui thanh son said")
    assert not scorer.quotes("Bui Thanh Son said…", "Bui Thanh Son said the talks went well")
    assert scorer.names_speaker("Wang said so.", "Wang Yi")
    assert not scorer.names_speaker("Le Yi said so.", "Le Thi Yi")
    assert scorer.names_speaker("Лавров заявил, что...", "Sergey Lavrov")
    assert scorer.same_person("Lavrov", "Sergey Lavrov")
    assert scorer.same_person("Сергей Лавров", "Sergey Lavrov")
    assert not scorer.same_person("Le Thi Thu Hang", "Pham Thu Hang")


def test_the_product_commands_run_end_to_end(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 0 == scorer.main(["--json", "--errors", "--labels", str(folder)])
    printed = json.loads(capsys.readouterr().out)
    assert 4 == printed["briefings"]["queries"]
    assert 0 < printed["briefings"]["micro_recall"] <= 1
    assert {"answers", "queries", "events", "misattributions"} == set(printed["errors"])


def test_the_table_has_a_row_per_figure(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == scorer.main(["--labels", str(folder)])
    rows = capsys.readouterr().out.splitlines()
    assert any(row.startswith("answers hit_at_1 ") for row in rows)
    assert 2 == sum(row.startswith("disagreement ") for row in rows)


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (None, "no labels folder"),
        ({**LABELS, "questions": [{"question": "?"}]}, "lacks 'answer'"),
        ({**LABELS, "articles": [{"file": "elsewhere.txt"}]}, "not in"),
    ],
)
def test_a_bad_folder_is_a_json_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    labels: Mapping[str, Any] | None,
    expected: str,
) -> None:
    folder = tmp_path / "missing" if labels is None else write_folder(tmp_path / "bad", labels)
    assert 2 == scorer.main(["--json", "--labels", str(folder)])
    printed = json.loads(capsys.readouterr().out)
    assert ["error"] == list(printed)
    assert "labels" == printed["error"]["kind"]
    assert expected in printed["error"]["message"]


def test_a_speaker_the_briefing_names_beside_the_quote_counts_as_naming_them() -> None:
    quote = "“We will not accept ultimatums,” she said."
    named = Claim(text=quote, sources=(1,), speaker="Maria Zakharova")
    bare = Claim(text=quote, sources=(1,))

    assert scorer.names_speaker(scorer.shown(named), "Zakharova")
    assert not scorer.names_speaker(scorer.shown(bare), "Zakharova")
