"""Cleaning pages of other outlets and languages: sibling languages, wire datelines, titles."""

from __future__ import annotations

from briefings.cleaning import clean_text, same_language

INDONESIAN_PAGE = "\n\n".join(
    [
        "Beranda",
        "Politik",
        "Jakarta (ANTARA) - Menteri Luar Negeri Indonesia menerima kunjungan Menteri Luar"
        " Negeri Malaysia di Gedung Pancasila pada Senin untuk membahas batas maritim kedua"
        " negara.",
        '"Kami sepakat untuk mempercepat perundingan batas laut di Selat Malaka dan Laut'
        ' Sulawesi," kata menteri kepada wartawan setelah pertemuan tersebut.',
        "Kedua menteri juga membahas perlindungan pekerja migran dan kerja sama perdagangan"
        " minyak sawit, yang menjadi perhatian utama kedua negara.",
        "Pertemuan berikutnya dijadwalkan berlangsung di Kuala Lumpur pada akhir tahun ini,"
        " menurut keterangan resmi kementerian.",
    ]
)


def test_an_indonesian_story_langid_reads_as_malay_keeps_every_paragraph() -> None:
    clean = clean_text(INDONESIAN_PAGE)
    assert not [r.text for r in clean.removed if r.reason == "other-language"]
    assert 4 == len([p for p in clean.paragraphs if len(p.split()) > 10])


def test_sibling_languages_are_one_language_and_others_are_not() -> None:
    assert same_language("ms", "id")
    assert same_language("hr", "sr")
    assert not same_language("fr", "id")


FRENCH_WIRE_PAGE = "\n\n".join(
    [
        "Le ministre russe des Affaires étrangères en visite au Vietnam",
        "HANOÏ, 27 juillet (RFI) - Le ministre russe des Affaires étrangères a rencontré"
        " samedi son homologue vietnamien pour préparer la visite du président à Hanoï.",
        "Les deux ministres ont évoqué la coopération énergétique et la formation des"
        " étudiants vietnamiens dans les universités russes.",
    ]
)


def test_a_french_wire_dateline_is_metadata_and_not_the_first_sentence() -> None:
    clean = clean_text(FRENCH_WIRE_PAGE)
    assert clean.paragraphs[0].startswith("Le ministre russe des Affaires étrangères a rencontré")
    assert clean.dateline is not None
    assert ("HANOÏ", "RFI") == (clean.dateline.place, clean.dateline.agency)
    assert (7, 27) == (clean.published.month, clean.published.day) if clean.published else False
    assert "RFI" == clean.outlet
