"""Near-duplicate stories (the same wire copy from two outlets) by MinHash over word shingles.

Bands of the signature are stored with the article, so finding candidates is an index
lookup rather than a comparison with every stored article.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

from briefings.folding import fold_text

if TYPE_CHECKING:
    from datasketch import MinHash

PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
SHINGLE = 5
# Estimated Jaccard similarity of shingles above which two stories are one story.
THRESHOLD = 0.5
_WORD = re.compile(r"\w+")
# Shingles hashed at a time. datasketch hashes a batch into a PERMUTATIONS × batch array of
# 64-bit values, several times over: a 10 MB body at once took 2 GB. The signature is a
# minimum per permutation, so batches give the same one.
_BATCH = 20_000
# A stored signature keeps the low 16 bits of each MinHash value (256 bytes, not 1 KB): two
# different values then agree by chance once in 65,536, which moves an estimated similarity
# by about 0.00002; band keys are hashed from the whole values, and kept to 32 bits.
_STORED = np.dtype("<u2")


@dataclass(frozen=True)
class Fingerprint:
    signature: bytes
    bands: tuple[int, ...]


def fingerprint(paragraphs: Sequence[str]) -> Fingerprint | None:
    """The MinHash of the body's word shingles; None for a body too short to compare."""
    words = _WORD.findall(fold_text(" ".join(paragraphs)))
    if len(words) < SHINGLE * 4:
        return None
    minhash = _blank_minhash().copy()
    for batch in _shingle_batches(words):
        minhash.update_batch(batch)
    values = minhash.hashvalues.astype(np.uint64)
    signature = (values & 0xFFFF).astype(_STORED).tobytes()
    return Fingerprint(signature, _bands(values.tobytes()))


def _shingle_batches(words: list[str]) -> Iterator[list[bytes]]:
    """The distinct SHINGLE-word shingles of `words`, _BATCH windows at a time."""
    for first in range(0, len(words) - SHINGLE + 1, _BATCH):
        last = min(first + _BATCH, len(words) - SHINGLE + 1)
        yield list({" ".join(words[i : i + SHINGLE]).encode() for i in range(first, last)})


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    left, right = np.frombuffer(a, dtype=_STORED), np.frombuffer(b, dtype=_STORED)
    if left.shape != right.shape or not len(left):
        return 0.0
    return float(np.mean(left == right))


@cache
def _blank_minhash() -> MinHash:
    """An empty MinHash to copy: drawing its permutations costs more than hashing a story."""
    return _minhash_class()(num_perm=PERMUTATIONS, seed=1)


def _minhash_class() -> type[MinHash]:
    """datasketch's MinHash, without running the package's `__init__`.

    That `__init__` imports every sketch datasketch has, and its LSH imports scipy: about
    0.4 s of CPU in every ingesting process (the writer and each worker), for a class that
    needs numpy alone. datasketch.minhash is executed under a placeholder package, and the
    placeholder and its modules are taken out of sys.modules again, so a later
    `import datasketch` elsewhere gets the whole package as usual.
    """
    if "datasketch" in sys.modules:  # imported already: nothing left to save
        return _minhash_in(importlib.import_module("datasketch.minhash"))
    spec = importlib.util.find_spec("datasketch")
    if spec is None:
        raise ImportError("datasketch is not installed")
    sys.modules["datasketch"] = importlib.util.module_from_spec(spec)
    try:
        module = importlib.import_module("datasketch.minhash")
    finally:
        for name in [n for n in sys.modules if n.partition(".")[0] == "datasketch"]:
            del sys.modules[name]
    return _minhash_in(module)


def _minhash_in(module: ModuleType) -> type[MinHash]:
    found: type[MinHash] = module.MinHash
    return found


def _bands(values: bytes) -> tuple[int, ...]:
    """One key per band of ROWS values: stories sharing a band are candidate duplicates.

    A key is the first 4 bytes of the band's 8-byte digest (what schema v10 made of the
    older 8-byte keys); a chance collision only adds a candidate, which similarity rejects.
    """
    width = len(values) // BANDS
    bands = []
    for band in range(BANDS):
        chunk = values[band * width : (band + 1) * width]
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        bands.append(int.from_bytes(digest[:4], "big", signed=True))
    return tuple(bands)
