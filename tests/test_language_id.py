"""py3langid's model, unpacked once into the cache folder: the same guesses, read faster."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import py3langid
import pytest

from briefings import language_id

LINES = [
    "Foreign Minister Bui Thanh Son held talks with his Russian counterpart in Hanoi.",
    "Bộ trưởng Ngoại giao Bùi Thanh Sơn hội đàm với Bộ trưởng Ngoại giao Nga.",
    "Министр иностранных дел России Сергей Лавров провел переговоры в Ханое.",
    "Menteri Luar Negeri Sugiono bertemu dengan Menteri Luar Negeri Vietnam.",
    "Le ministre des Affaires étrangères s'est entretenu avec son homologue.",
    "Sitiveni Rabuka in Suva",
]


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(language_id.platformdirs, "user_cache_path", lambda _: tmp_path)
    language_id._identifier.cache_clear()
    yield tmp_path
    language_id._identifier.cache_clear()


def test_the_unpacked_model_ranks_every_line_as_py3langid_does(cache_folder: Path) -> None:
    first = [language_id.rank(line) for line in LINES]  # unpacks the model into the folder
    language_id._identifier.cache_clear()
    again = [language_id.rank(line) for line in LINES]  # reads the unpacked copy

    assert [py3langid.rank(line) for line in LINES] == first == again
    assert 1 == len(list(cache_folder.glob("langid-*.npz")))
    assert [] == list(cache_folder.glob("*.part"))


def test_a_damaged_copy_is_passed_over_and_removed(cache_folder: Path) -> None:
    language_id.rank(LINES[0])
    (copy,) = cache_folder.glob("langid-*.npz")
    copy.write_bytes(b"PK\x03\x04 not a whole archive")
    language_id._identifier.cache_clear()

    assert py3langid.rank(LINES[1]) == language_id.rank(LINES[1])
    assert not copy.exists()


def test_without_a_writable_cache_folder_the_model_is_unpacked_as_py3langid_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setattr(language_id.platformdirs, "user_cache_path", lambda _: blocked / "x")
    language_id._identifier.cache_clear()
    try:
        assert py3langid.rank(LINES[2]) == language_id.rank(LINES[2])
    finally:
        language_id._identifier.cache_clear()
