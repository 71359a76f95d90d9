"""Read a saved web page: its article (trafilatura) and metadata, else all its visible text."""

from __future__ import annotations

import logging
import re
from typing import Any

log = logging.getLogger(__name__)

MIN_ARTICLE_CHARS = 250  # trafilatura's own MIN_EXTRACTED_SIZE: below it a page has no article
_SEPARATORS = re.escape("|–—-·•:»")
_SEPARATOR = rf"(?:\s+[{_SEPARATORS}]|:)\s+"  # ' | ', ' - ', ...; a colon needs no space before
_SUFFIX = re.compile(rf"^(?P<head>.+?){_SEPARATOR}(?P<tail>[^{_SEPARATORS}]+)$")
_PREFIX = re.compile(rf"^(?P<head>[^{_SEPARATORS}]+?){_SEPARATOR}(?P<tail>.+)$")
# Ad containers trafilatura's boilerplate rules leave in ("advert", "sponsored"): prune them.
_LOWER = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_PRUNE = "//*[self::div or self::aside or self::section][{}]".format(" or ".join(
    f"contains({_LOWER.format(attr)}, '{word}')" for attr in ("@class", "@id") for word in ("advert", "sponsor")))


def _site_key(value: str) -> str:
    """A site name or host compared loosely: 'The Pacific Ledger' and 'pacificledger.com' match."""
    value = re.sub(r"^(?:https?://)?(?:www\.)?", "", value.strip().lower())
    value = re.sub(r"^the\s+", "", value)
    host = value.split("/")[0]
    if "." in host and " " not in host:
        value = host.rsplit(".", 1)[0]
    return re.sub(r"[^a-z0-9]", "", value)


def strip_site(title: str, *sites: str) -> str:
    """``title`` without a site name after (or before) a separator: 'Story | Site' -> 'Story'.

    Only a part that names the site goes, so 'Gaza - the long road' keeps its dash.

    Example:
        >>> strip_site("Seawall approved | The Pacific Ledger", "The Pacific Ledger")
        'Seawall approved'
    """
    keys = {key for key in map(_site_key, sites) if key}
    for pattern, keep, drop in ((_SUFFIX, "head", "tail"), (_PREFIX, "tail", "head")):
        match = pattern.match(title.strip())
        if match and _site_key(match.group(drop)) in keys:
            return match.group(keep).strip()
    return title.strip()


def paragraphs(text: str) -> str:
    """Lines as paragraphs separated by blank lines (what sentence splitting breaks on)."""
    lines = (line.strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def visible_text(html: str) -> tuple[str, str]:
    """The page's ``<title>`` and all its visible text, one paragraph per line of it."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    title = soup.find("title")
    heading = title.get_text(strip=True) if title else ""
    for tag in soup(["script", "style", "noscript", "template", "head", "svg", "iframe"]):
        tag.decompose()
    return heading, paragraphs(soup.get_text("\n"))


def _extract(html: str) -> tuple[Any, str]:
    """trafilatura's metadata for the page and its article text ('' when it finds none)."""
    from trafilatura import bare_extraction, extract_metadata
    from trafilatura.settings import set_date_params

    dates = set_date_params(extensive=False)  # a date from the page's markup, never from its links
    found = bare_extraction(html, with_metadata=True, include_comments=False, include_links=False,
                            favor_precision=True, date_extraction_params=dates, prune_xpath=_PRUNE)
    if found is None:
        return extract_metadata(html, date_config=dates), ""
    return found, paragraphs(found.text or "")


def _metadata(found: Any, title: str) -> dict[str, str]:
    outlet = found.sitename or ""
    url = found.url if (found.url or "").startswith(("http://", "https://")) else ""
    fields = {"title": strip_site(title, outlet, found.hostname or "", url),
              "outlet": outlet, "author": found.author or "", "date": found.date or "", "url": url}
    return {key: value.strip() for key, value in fields.items() if value and value.strip()}


def read_html(html: str, name: str) -> tuple[dict[str, str], str]:
    """A page's metadata and its article text; a page with no article keeps all its visible
    text (with a warning naming ``name``)."""
    found, text = _extract(html)
    title = found.title or ""
    if len(text) < MIN_ARTICLE_CHARS:
        log.warning("%s: no article found in the page; indexed all its visible text", name)
        heading, text = visible_text(html)
        title = heading or title  # not an article: its <title> names it better than a heading
    return _metadata(found, title), text
