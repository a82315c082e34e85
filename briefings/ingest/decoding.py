"""Bytes to text: reject empty and binary input, detect legacy encodings such as cp1252.

Mostly-valid UTF-8 stays UTF-8, its few bad bytes replaced (U+FFFD): guessing a legacy code
page for a whole Vietnamese article because of one stray byte turns every name into mojibake.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from briefings.errors import RejectedInput

_SNIFF = 8192
# Share of control characters beyond which decoded "text" is really binary.
_MAX_CONTROL_RATIO = 0.02
_BOMS = ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# A legacy code page writes each accented letter or typographic quote as one byte that, with
# the plain byte after it, is not valid UTF-8 (the rare exception is a pair like "Ã©", which
# only mojibake holds): nearly all of its non-ASCII sequences are invalid. UTF-8 damaged here
# and there (a cp1252 quote pasted in, a truncated character) has nearly all of them valid.
# So a file is UTF-8 when fewer than half of its non-ASCII sequences are invalid; the half is
# a majority vote, far from both kinds of file.
_MAX_INVALID_SHARE = 0.5
_REPLACEMENT = "\ufffd"


def decode(data: bytes) -> tuple[str, str]:
    """The text of `data` and the encoding it was in; RejectedInput when it is not text."""
    if not data.strip():
        raise RejectedInput("empty file")
    text, encoding = _decode(data)
    if _control_ratio(text[:_SNIFF]) > _MAX_CONTROL_RATIO:
        raise RejectedInput("binary file, not text")
    if not text.strip():
        raise RejectedInput("empty file")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    if b"\x00" in data[:_SNIFF]:
        raise RejectedInput("binary file, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="replace")
    if _invalid_share(text, data) < _MAX_INVALID_SHARE:
        return text, "utf-8"
    best = from_bytes(data).best()
    if best is None:
        raise RejectedInput("binary file, or text in an unknown encoding")
    return str(best), best.encoding


def _invalid_share(text: str, data: bytes) -> float:
    """Of the non-ASCII sequences in `data`, the share that are not valid UTF-8.

    `text` is `data` decoded with errors replaced: one U+FFFD for each invalid sequence,
    beside those the file really holds (which are valid UTF-8).
    """
    invalid = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode())
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return invalid / non_ascii if non_ascii else 0.0


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for c in text if c < " " and c not in "\n\r\t\f")
    return controls / len(text)
