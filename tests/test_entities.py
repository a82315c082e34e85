import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefings.entities import extract, normalise_role
from briefings.folding import fold
from briefings.model import EntityRef, Extraction, Passage

ROOT = Path(__file__).resolve().parent.parent


def passages(*paragraphs: str) -> list[Passage]:
    return [Passage("body", p) for p in paragraphs]


def names(extraction: Extraction, kind: str | None = None) -> set[str]:
    return {m.entity.name for m in extraction.mentions if kind in (None, m.entity.kind)}


def referents(extraction: Extraction, surface: str) -> list[str]:
    return [m.entity.name for m in extraction.mentions if m.surface == surface]


def test_mentions_point_into_their_passages():
    text = passages(
        "Vietnam’s Foreign Minister Bui Thanh Son met Laos’ Foreign Minister Saleumxay Kommasith."
    )
    extraction = extract(text)
    assert all(text[m.passage].text[m.start : m.end] == m.surface for m in extraction.mentions)


@pytest.mark.parametrize(
    ("sentence", "name", "country", "role"),
    [
        (
            "Russian Foreign Minister Sergey Lavrov arrived.",
            "Sergey Lavrov",
            "Russia",
            "Foreign Minister",
        ),
        (
            "Vietnam's Foreign Minister Bui Thanh Son spoke.",
            "Bui Thanh Son",
            "Vietnam",
            "Foreign Minister",
        ),
        (
            "Vietnamese Minister of Foreign Affairs Bùi Thanh Sơn attended.",
            "Bùi Thanh Sơn",
            "Vietnam",
            "Minister of Foreign Affairs",
        ),
        (
            "He met China’s State Councilor and Foreign Minister Wang Yi there.",
            "Wang Yi",
            "China",
            "State Councilor and Foreign Minister",
        ),
        (
            "Laos’ Foreign Minister Saleumxay Kommasith agreed.",
            "Saleumxay Kommasith",
            "Laos",
            "Foreign Minister",
        ),
        (
            "Indonesian Foreign Minister Retno Masudi chaired.",
            "Retno Masudi",
            "Indonesia",
            "Foreign Minister",
        ),
        ("talks with China’s Premier Li Keqiang, who", "Li Keqiang", "China", "Premier"),
        (
            "Vietnam’s Prime Minister Pham Minh Chinh asked.",
            "Pham Minh Chinh",
            "Vietnam",
            "Prime Minister",
        ),
        (
            "Cambodia’s Deputy Prime Minister and Minister of Foreign Affairs and"
            " International Cooperation Prak Sokhonn said.",
            "Prak Sokhonn",
            "Cambodia",
            "Deputy Prime Minister and Minister of Foreign Affairs and International Cooperation",
        ),
    ],
)
def test_people_with_role_and_country(sentence, name, country, role):
    mention = next(m for m in extract(passages(sentence)).mentions if m.entity.kind == "person")
    assert (name, country, role) == (mention.entity.name, mention.entity.country, mention.role)


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("Son told his Russian counterpart Sergey Lavrov by phone.", "Russia"),
        ("Masudi and her Russian counterpart Sergey Lavrov co-chaired.", "Russia"),
        ("after meeting his Vietnamese counterpart, Bui Thanh Son.", "Vietnam"),
    ],
)
def test_counterparts_carry_a_country(sentence, country):
    person = next(
        m.entity for m in extract(passages(sentence)).mentions if m.entity.kind == "person"
    )
    assert country == person.country


def test_diacritic_spellings_are_one_person():
    extraction = extract(
        passages(
            "Vietnamese Minister of Foreign Affairs Bùi Thanh Sơn spoke.",
            "Bui Thanh Son added that Sơn agreed.",
        )
    )
    people = {m.entity for m in extraction.mentions if m.entity.kind == "person"}
    assert ["Bùi Thanh Sơn"] == [p.name for p in people]
    assert fold("Bui Thanh Son") == fold(next(iter(people)).name)


def test_short_references_resolve_by_culture():
    extraction = extract(
        passages(
            "Vietnam's Foreign Minister Bui Thanh Son met Russia's Foreign Minister Sergey Lavrov "
            "and China’s State Councilor and Foreign Minister Wang Yi.",
            "Son said Lavrov and Wang agreed, according to Son’s tweet.",
        )
    )
    assert (["Bui Thanh Son", "Bui Thanh Son"], ["Sergey Lavrov"], ["Wang Yi"]) == (
        referents(extraction, "Son"),
        referents(extraction, "Lavrov"),
        referents(extraction, "Wang"),
    )


def test_seed_003_minh_is_not_ho_chi_minh():
    text = (ROOT / "seeds" / "003_74d1bcbf21ade748.txt").read_text(encoding="utf-8")
    extraction = extract(passages(*[line for line in text.splitlines() if line.strip()]))
    minh = [m for m in extraction.mentions if m.surface == "Minh"]
    assert 5 == len(minh)
    assert {"Pham Binh Minh"} == {m.entity.name for m in minh}
    monument = next(m for m in extraction.mentions if "Monument" in m.surface)
    assert ("Ho Chi Minh Monument", "place") == (monument.entity.name, monument.entity.kind)
    # "Minister Minh, who is also Deputy Prime Minister": the clause names the fuller role.
    assert "Deputy Prime Minister" == next(m.role for m in minh if m.role)


def test_names_inside_other_names_are_not_short_references():
    extraction = extract(
        passages(
            "Foreign Minister Pham Binh Minh met Prime Minister Pham Minh Chinh.", "Minh said."
        )
    )
    assert ["Pham Binh Minh"] == referents(extraction, "Minh")
    assert ["Pham Minh Chinh"] == referents(extraction, "Pham Minh Chinh")


def test_ambiguous_short_reference_is_left_alone():
    extraction = extract(
        passages(
            "Foreign Minister Kim Sung-han and Defence Minister Kim Yong-hyun met.",
            "Kim said the alliance held.",
        )
    )
    assert [] == referents(extraction, "Kim")


def test_sentence_initial_capitals_are_not_entities():
    extraction = extract(
        passages(
            "During the talks, the sides agreed. The minister left."
            " However, Despite and Meanwhile are words."
        )
    )
    assert set() == names(extraction)


def test_organisations_and_their_acronyms_share_one_entity():
    extraction = extract(
        passages(
            "Lavrov went to a meeting of the Group of 20 leading rich and developing nations.",
            "He then attended the G-20 meeting and spoke of the Eurasian Economic Union (EAEU).",
            "The EAEU and ASEAN will cooperate.",
        )
    )
    assert {
        "Group of Twenty",
        "Eurasian Economic Union",
        "Association of Southeast Asian Nations",
    } <= names(extraction, "organization")
    assert ["Eurasian Economic Union", "Eurasian Economic Union"] == referents(extraction, "EAEU")


def test_places_and_demonyms():
    extraction = extract(
        passages("HÀ NỘI — Việt Nam and Laotian officials met in Hanoi and Moscow Oblast.")
    )
    assert {"Hanoi", "Vietnam", "Moscow Oblast"} == names(extraction, "place")
    assert [] == referents(extraction, "Laotian")


def test_topics_and_events():
    extraction = extract(
        passages(
            "They fought Covid-19 and coronavirus together at the 15th East Asia Summit (EAS).",
            "The two countries signed the Treaty of Friendship and Cooperation in 1977.",
            "They discussed humanitarian corridors.",
        )
    )
    assert {"COVID-19", "Treaty of Friendship and Cooperation", "humanitarian corridors"} == names(
        extraction, "topic"
    )
    assert {"East Asia Summit"} == names(extraction, "event")


def test_acronym_defined_with_short_long_form_uses_the_known_name():
    extraction = extract(
        passages(
            "a Code of Conduct (COC) in the East Sea and",
            "the 1982 UN Convention on the Law of the Sea (UNCLOS).",
        )
    )
    assert {
        "Code of Conduct in the East Sea",
        "United Nations Convention on the Law of the Sea",
    } == names(extraction, "topic")
    assert (
        "United Nations Convention on the Law of the Sea"
        == dict((a.short, a.long) for a in extraction.acronyms)["UNCLOS"]
    )


def test_unknown_acronym_is_its_own_entity_but_units_are_not():
    extraction = extract(
        passages("The XYZB joined, shipping 50,000 DWT of goods worth US$3 billion.")
    )
    assert {"XYZB"} == names(extraction)


def test_who_the_organisation_not_the_pronoun():
    assert {"World Health Organization"} == names(
        extract(passages("The WHO said people who travel must test."))
    )


def test_known_entities_resolve_bare_references():
    lavrov = EntityRef("Sergey Lavrov", "person", "Russia")
    ipef = EntityRef("Indo-Pacific Economic Framework", "topic")
    known = {
        "lavrov": [lavrov],
        "ipef": [ipef],
        "unclos": [EntityRef("United Nations Convention on the Law of the Sea", "topic")],
    }
    extraction = extract(passages("Lavrov said the IPEF must respect UNCLOS."), known)
    assert (
        ["Sergey Lavrov"],
        ["Indo-Pacific Economic Framework"],
        ["United Nations Convention on the Law of the Sea"],
    ) == (
        referents(extraction, "Lavrov"),
        referents(extraction, "IPEF"),
        referents(extraction, "UNCLOS"),
    )


def test_known_entities_with_two_candidates_are_not_used():
    known = {"kim": [EntityRef("Kim Jong Un", "person"), EntityRef("Kim Yo Jong", "person")]}
    assert [] == referents(extract(passages("Kim said so."), known), "Kim")


def test_article_wins_over_known():
    known = {"lavrov": [EntityRef("Someone Lavrov", "person")]}
    extraction = extract(
        passages("Russian Foreign Minister Sergey Lavrov came.", "Lavrov spoke."), known
    )
    assert ["Sergey Lavrov"] == referents(extraction, "Lavrov")


def test_normalise_role():
    assert "Foreign Minister" == normalise_role("Minister of Foreign Affairs")
    assert "State Councilor and Foreign Minister" == normalise_role(
        "State Councilor and Foreign Minister"
    )


def test_evaluation_on_seeds_reaches_the_bar():
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "eval_entities.py"), "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    scores = json.loads(result.stdout)["entities"]["all"]
    # 0.9 until the principals' own talks, meeting or call became events (briefings/talks.py):
    # the seeds' phone conversation and Moscow talks are real events the developers' labels
    # never list (the labels of sets 6-8 do), so each is counted extra: 0.90 -> 0.877. The
    # areas a series lists after a cue ("projects in the fields of energy, industry,
    # mechanical engineering…") became topics, which sets 7 and 9 label and these labels
    # never do: 0.866 -> 0.859.
    assert scores["precision"] >= 0.85
    assert scores["recall"] >= 0.9


def person(extraction: Extraction, name: str) -> tuple[str | None, str | None]:
    """Country and role of the first mention of `name` that carries a role, else of any."""
    own = [m for m in extraction.mentions if m.entity.name == name]
    mention = next((m for m in own if m.role), own[0])
    return mention.entity.country, mention.role


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        (
            "The U.N. special envoy for Myanmar, Julie Bishop, said so.",
            "Julie Bishop",
            "Special Envoy",
        ),
        ("Kremlin aide Yury Ushakov spoke.", "Yury Ushakov", "Aide"),
        ("Chinese foreign ministry spokesperson Mao Ning said.", "Mao Ning", "Spokesperson"),
        ("Ukraine's foreign minister, Dmytro Kuleba, agreed.", "Dmytro Kuleba", "Foreign Minister"),
        ("Vietnamese President To Lam arrived.", "To Lam", "President"),
    ],
)
def test_people_introduced_without_a_title_case_role(sentence, name, role):
    assert role == person(extract(passages(sentence)), name)[1]


def test_people_named_by_attribution():
    extraction = extract(
        passages(
            '"We will not give up," Antonio Guterres said.', '"Never," said Kaja Kallas, the envoy.'
        )
    )
    assert {"Antonio Guterres", "Kaja Kallas"} == names(extraction, "person")


def test_roles_with_a_complement():
    extraction = extract(
        passages(
            "Australian Ambassador to Việt Nam Andrew Goledzinowski met Foreign Minister of"
            " Brazil Mauro Vieira and General Secretary of the Communist Party of Vietnam"
            " Nguyen Phu Trong."
        )
    )
    assert ("Australia", "Ambassador") == person(extraction, "Andrew Goledzinowski")
    assert ("Brazil", "Foreign Minister") == person(extraction, "Mauro Vieira")
    # Vietnam, the party no one is said to be of, beside Brazil, whose minister is qualified.
    assert ("Vietnam", "General Secretary") == person(extraction, "Nguyen Phu Trong")
    assert {"Communist Party of Vietnam"} == names(extraction, "organization")


@pytest.mark.parametrize(
    "name", ["Luiz Inácio Lula da Silva", "Ursula von der Leyen", "Mohammed bin Salman"]
)
def test_names_with_particles_stay_whole(name):
    assert {name} == names(extract(passages(f"President {name} spoke.")), "person")


def test_short_reference_keeps_its_particles():
    extraction = extract(passages("President Ursula von der Leyen spoke. Von der Leyen left."))
    assert ["Ursula von der Leyen"] == referents(extraction, "Von der Leyen")


def test_a_role_word_before_an_organisation_is_no_person():
    extraction = extract(
        passages("The General Assembly voted. Senior General Min Aung Hlaing left.")
    )
    assert {"Min Aung Hlaing"} == names(extraction, "person")
    assert (None, "Senior General") == person(extraction, "Min Aung Hlaing")


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("South Korean Foreign Minister Cho Tae-yul spoke.", "South Korea"),
        ("Sri Lankan Foreign Minister Vijitha Herath spoke.", "Sri Lanka"),
        ("Emirati Foreign Minister Abdullah bin Zayed spoke.", "United Arab Emirates"),
        ("Saudi Foreign Minister Prince Faisal bin Farhan spoke.", "Saudi Arabia"),
    ],
)
def test_countries_from_demonyms_of_several_words(sentence, country):
    mention = next(m for m in extract(passages(sentence)).mentions if m.entity.kind == "person")
    assert country == mention.entity.country


def test_topics_and_events_by_head_word_and_modifier():
    extraction = extract(
        passages(
            "They backed the one-China principle, the two-state solution and the Five-Point"
            " Consensus and Rome Statute at the G7 summit and the Mercosur summit.",
            "A win-win solution and long-term talks were not named.",
        )
    )
    assert {
        "one-China principle",
        "two-state solution",
        "Five-Point Consensus",
        "Rome Statute",
    } == (names(extraction, "topic"))
    assert {"G7 summit", "Mercosur summit"} == names(extraction, "event")


def test_more_diplomatic_organisations():
    extraction = extract(passages("Mercosur, AUKUS, ECOWAS, the Arab League and UNHCR met."))
    assert {
        "Southern Common Market",
        "Australia-United Kingdom-United States security partnership",
        "Economic Community of West African States",
        "Arab League",
        "United Nations High Commissioner for Refugees",
    } == names(extraction, "organization")


def test_title_case_headline_and_places_are_no_people():
    extraction = extract(
        [
            Passage("title", "Lavrov, Son Hold Talks in Hanoi as Summit Nears"),
            Passage("body", "Vietnam and China said the talks went well. Officials said so."),
        ]
    )
    assert set() == names(extraction, "person")


def surfaces_of(extraction: Extraction, name: str) -> list[str]:
    return [m.surface for m in extraction.mentions if m.entity.name == name]


def test_honorifics_are_no_part_of_a_name():
    result = extract(
        passages(
            "Prime Minister Datuk Seri Anwar Ibrahim met Prime Minister Anthony Albanese.",
            "Mr Albanese said the talks were frank. Anwar agreed.",
        )
    )
    assert ["Anwar Ibrahim", "Anwar"] == surfaces_of(result, "Anwar Ibrahim")
    assert ["Anthony Albanese", "Albanese"] == surfaces_of(result, "Anthony Albanese")


def test_pilgrims_and_academic_titles_are_no_part_of_a_name():
    result = extract(
        passages(
            "Malaysian Foreign Minister Dato' Seri Utama Haji Mohamad Hasan said yesterday.",
            "He will call on Chief Adviser Professor Muhammad Yunus today.",
        )
    )
    assert ["Mohamad Hasan"] == surfaces_of(result, "Mohamad Hasan")
    assert ["Muhammad Yunus"] == surfaces_of(result, "Muhammad Yunus")


def test_forms_of_address_of_national_presses_introduce_a_name():
    result = extract(
        passages(
            "The minister received a courtesy call of His Excellency Dmitry Lyubinsky, the"
            " ambassador, on Monday.",
            "Also present was Deputy Minister for Foreign Affairs U Kyaw Myo Htut.",
            "Sayyid Hamad bin Faisal Al Busaidi attended the session.",
        )
    )
    assert ["Dmitry Lyubinsky"] == surfaces_of(result, "Dmitry Lyubinsky")
    assert ["Kyaw Myo Htut"] == surfaces_of(result, "Kyaw Myo Htut")
    assert ["Hamad bin Faisal Al Busaidi"] == surfaces_of(result, "Hamad bin Faisal Al Busaidi")


def test_an_initial_belongs_to_the_name():
    result = extract(
        passages("External Affairs Minister S. Jaishankar met envoys. Jaishankar said.")
    )
    assert ["S. Jaishankar", "Jaishankar"] == surfaces_of(result, "S. Jaishankar")


def test_role_modifiers_stay_in_the_role():
    result = extract(
        passages("U.S. Deputy Secretary of State Kurt Campbell met Former President Moon Jae-in.")
    )
    roles = {m.entity.name: m.role for m in result.mentions if m.entity.kind == "person"}
    assert {
        "Kurt Campbell": "Deputy Secretary of State",
        "Moon Jae-in": "Former President",
    } == roles


def test_wire_marks_in_capitals_are_no_organisations():
    result = extract(
        passages("(LEAD) Talks end. (PHOTO NOT FOR SALE) (END)", "Officials of the PSA met.")
    )
    assert {"PSA"} == names(result, "organization")


def test_issues_policies_and_wars_named_by_their_parties():
    result = extract(
        passages(
            "They discussed the Cyprus issue, the East Sea issue, India's Act East policy,"
            " the China policy and Russia's war in Ukraine."
        )
    )
    assert {"Cyprus issue", "Act East policy"} == names(result, "topic")
    assert {"Russia's war in Ukraine"} == names(result, "event")


def test_a_geographic_head_opens_an_acronym_long_form():
    result = extract(
        passages(
            "The Bay of Bengal Initiative for Multi-Sectoral Technical and"
            " Economic Cooperation (BIMSTEC) met."
        )
    )
    assert (
        "Bay of Bengal Initiative for Multi-Sectoral Technical and Economic Cooperation"
        in names(result)
    )


SPEAKER_NAMED_ONCE = [
    Passage("title", "Seoul and Hanoi agree to expand nuclear safety training"),
    Passage(
        "body",
        "HANOI, March 4 (Yonhap) -- Ahn Duk-geun, who heads the trade ministry's new office "
        "for energy exports, arrived in Hanoi on Tuesday for two days of consultations with "
        "Vietnamese regulators.",
    ),
    Passage(
        "body",
        "Ahn said both sides would train 200 inspectors by 2027, and that the first course "
        "would open in Da Nang in the autumn.",
    ),
    Passage("body", '"We are starting with people, not plants," Ahn told reporters.'),
    Passage(
        "body",
        "Officials of the Foreign Affairs Committee said the plan still needed a budget.",
    ),
]


def test_a_name_no_cue_marks_is_a_person_when_one_end_of_it_speaks_later() -> None:
    found = extract(SPEAKER_NAMED_ONCE, {}, "en")

    people = {m.entity.name for m in found.mentions if m.entity.kind == "person"}
    assert "Ahn Duk-geun" in people
    # Capitalised words whose ends never speak alone stay what they were.
    assert not people & {"Foreign Affairs Committee", "Da Nang", "Affairs Committee"}


def test_an_unqualified_office_is_of_the_party_the_press_does_not_qualify():
    extraction = extract(
        passages(
            "Chile and Japan signed an agreement on clean hydrogen on Monday.",
            "Foreign Minister Alberto van Klaveren said after talks with his Japanese"
            " counterpart, Yoko Kamikawa, that Chile wanted more Japanese investment.",
            "President Gabriel Boric will visit Tokyo next year, the ministry said.",
        )
    )
    assert ("Chile", "Foreign Minister") == person(extraction, "Alberto van Klaveren")
    assert ("Japan", "Foreign Minister") == person(extraction, "Yoko Kamikawa")
    assert ("Chile", "President") == person(extraction, "Gabriel Boric")


def test_no_party_is_home_when_the_press_qualifies_neither():
    extraction = extract(
        passages(
            "Foreign Minister Alberto van Klaveren met Foreign Minister Yoko Kamikawa in Geneva,"
            " where Chile and Japan signed a hydrogen accord."
        )
    )
    assert (None, "Foreign Minister") == person(extraction, "Alberto van Klaveren")
    assert (None, "Foreign Minister") == person(extraction, "Yoko Kamikawa")


def test_a_counterpart_holds_the_office_named_before_in_the_sentence():
    extraction = extract(
        passages(
            "Foreign Minister Alberto van Klaveren held phone talks with his Japanese"
            " counterpart Yoko Kamikawa on Tuesday.",
            "Chile's President Gabriel Boric spoke on Friday; his Peruvian counterpart Dina"
            " Boluarte did not.",
        )
    )
    assert ("Japan", "Foreign Minister") == person(extraction, "Yoko Kamikawa")
    # The role stays in its sentence.
    assert ("Peru", None) == person(extraction, "Dina Boluarte")


def test_a_person_named_inside_an_event_keeps_the_role_before_the_name():
    extraction = extract(
        passages(
            "The ministers reviewed progress since the official visit of Prime Minister Hun"
            " Manet to Hanoi in December."
        )
    )
    assert "Prime Minister" == person(extraction, "Hun Manet")[1]


def test_a_role_set_off_by_commas_after_the_name_with_its_country():
    extraction = extract(
        passages(
            "Sayyid Hamad bin Faisal Al Busaidi, Minister of Foreign Affairs, held talks with"
            " Datuk Seri Mohamad Hasan, Minister of Foreign Affairs of Malaysia, who is visiting"
            " the country. President Xi Jinping met Sergey Lavrov, Foreign Minister Wang Yi said."
        )
    )
    assert (None, "Minister of Foreign Affairs") == person(
        extraction, "Hamad bin Faisal Al Busaidi"
    )
    assert ("Malaysia", "Minister of Foreign Affairs") == person(extraction, "Mohamad Hasan")
    # A role that opens the next name is no apposition.
    assert None is person(extraction, "Sergey Lavrov")[1]
