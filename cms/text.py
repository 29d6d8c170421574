"""Vietnamese text helpers shared by search, slugs and the demo content."""

import re

from anyascii import anyascii

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ASCII form of Vietnamese text: "Ủy ban Đoàn kết" -> "uy ban doan ket".

    Search indexes this form next to the original text and the site search folds the query the
    same way, so a query matches with or without diacritics on every database backend
    (SQLite's FTS5 tokenizer drops single diacritics only, and never maps "đ" to "d").
    """
    if not text:
        return ""
    return _SPACES.sub(" ", anyascii(text)).strip().lower()
