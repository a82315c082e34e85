"""Web pages: the main text and its metadata, through trafilatura."""

from __future__ import annotations

from urllib.parse import urlsplit

import trafilatura
from htmldate import find_date
from lxml import html as lxml_html
from lxml.etree import ParserError
from trafilatura.settings import Document

from briefings.errors import RejectedInput
from briefings.ingest.documents import RawDocument
from briefings.model import PartialDate

# htmldate reads a date from the page's URL before the page itself (and from its canonical link
# when it is given no URL). Handing it an address with no date keeps it to what the page states;
# the date a site files a story under in its URL is a signal of its own (dates.url_date).
_NO_DATE_URL = "http://localhost/"


def page_document(
    page: str, *, key: str, source: str, url: str | None, path: str | None
) -> RawDocument:
    """The article in an HTML page, or RejectedInput when the page holds none."""
    found = trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if not isinstance(found, Document) or not found.text or not found.text.strip():
        raise RejectedInput("no article text found in the HTML page")
    stated = stated_date(page)
    return RawDocument(
        key=key,
        source_kind="html",
        text=found.text,
        source=source,
        url=url,
        path=path,
        title=found.title or None,
        published=iso_day(stated),
        published_text=stated,
        author=found.author or None,
        outlet=found.sitename or (urlsplit(url).hostname if url else None),
        extracted=True,
    )


def stated_date(page: str) -> str | None:
    """The publication date a page states in its markup or text (`YYYY-MM-DD`), if any.

    htmldate's extensive search, finding no date it trusts, falls back on a bare year (a
    copyright line's "© 2026", a year in the text) and makes it 1 January. A 1 January
    that only the extensive search finds is such a guess, and no publication date.
    """
    found = find_date(page, url=_NO_DATE_URL, original_date=True, extensive_search=True)
    if not isinstance(found, str):
        return None
    if found.endswith("-01-01"):
        marked = find_date(page, url=_NO_DATE_URL, original_date=True, extensive_search=False)
        return marked if isinstance(marked, str) else None
    return found


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one paragraph a line."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return fragment.strip()
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n" + (block.tail or "")
    for junk in root.iter("script", "style"):
        junk.drop_tree()
    text: str = root.text_content()
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def iso_day(value: str | None) -> PartialDate | None:
    """A `YYYY-MM-DD` metadata date as a PartialDate."""
    if not value or len(value) < 10:
        return None
    try:
        return PartialDate(int(value[:4]), int(value[5:7]), int(value[8:10]))
    except ValueError:
        return None
