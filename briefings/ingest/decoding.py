"""Bytes to text: reject empty and binary input, detect legacy encodings such as cp1252."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from briefings.errors import RejectedInput

_SNIFF = 8192
# Share of control characters beyond which decoded "text" is really binary.
_MAX_CONTROL_RATIO = 0.02
_BOMS = ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


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
    best = from_bytes(data).best()
    if best is None:
        raise RejectedInput("binary file, or text in an unknown encoding")
    return str(best), best.encoding


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for c in text if c < " " and c not in "\n\r\t\f")
    return controls / len(text)
