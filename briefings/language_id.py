"""Which language a line is in: py3langid's model, unpacked once rather than in every process.

py3langid ships its model as an LZMA-compressed .npz and unpacks it, through a temporary
file, in each process that asks: 0.65 s of CPU, paid by the writer and by each worker of an
ingest and by every `attache ingest`. The unpacked .npz (68 MB) is kept in the user's cache
folder, named after the model file's size and time, and read from there in 0.07 s; the
arrays, and so every guess, are the same. Without a writable cache folder, or when the copy
cannot be read, the model is unpacked as py3langid does.
"""

from __future__ import annotations

import lzma
import os
import shutil
import tempfile
import zipfile
from functools import cache
from pathlib import Path

import numpy as np
import platformdirs
from py3langid import langid, modelio

# AttributeError: `_read` leans on py3langid internals (modelio._to_array) a release may rename.
_UNREADABLE = (
    OSError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    EOFError,
    zipfile.BadZipFile,
)


def rank(text: str) -> list[tuple[str, float]]:
    """Every language's score for `text`, best first (py3langid's `rank`)."""
    ranking: list[tuple[str, float]] = _identifier().rank(text)
    return ranking


@cache
def _identifier() -> langid.LanguageIdentifier:
    model = Path(langid.MODEL_DIR) / langid.MODEL_FILE
    unpacked = _unpacked_copy(model)
    if unpacked is not None:
        try:
            return _read(unpacked)
        except _UNREADABLE:
            unpacked.unlink(missing_ok=True)  # a damaged copy: made again next time
    return langid.LanguageIdentifier.from_model_file(model)


def _unpacked_copy(model: Path) -> Path | None:
    """The cached unpacked model, written first if missing; None when it cannot be."""
    try:
        stat = model.stat()
        folder = platformdirs.user_cache_path("attache")
        copy = folder / f"langid-{stat.st_size}-{stat.st_mtime_ns}.npz"
        if not copy.is_file():
            folder.mkdir(parents=True, exist_ok=True)
            _unpack(model, folder, copy)
    except (OSError, lzma.LZMAError):
        return None
    return copy


def _unpack(model: Path, folder: Path, copy: Path) -> None:
    # Written aside and renamed: workers starting together never read half a file.
    with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as part:
        try:
            with lzma.open(model) as packed:
                shutil.copyfileobj(packed, part, length=1 << 20)
        except BaseException:
            Path(part.name).unlink(missing_ok=True)
            raise
    os.replace(part.name, copy)


def _read(path: Path) -> langid.LanguageIdentifier:
    """The identifier py3langid's `from_model_file` builds, from the unpacked arrays."""
    with np.load(path, allow_pickle=False) as data:
        return langid.LanguageIdentifier(
            np.asarray(data["ptc"]),
            np.asarray(data["pc"]),
            data["classes"].tolist(),
            modelio._to_array(data["nextmove"]),
            data["out_feat"].tolist(),
            tk_row=modelio._to_array(data["nextmove_row"]),
        )
