"""Pre-publication content checks: one function, ``run_checks(page)``, returning findings.

API
---
``run_checks(page, *, site_settings=None) -> list[Finding]``
    ``page`` is a specific page instance as it would go live: for a draft, pass
    ``page.get_latest_revision_as_object()`` (or ``revision.as_object()``). The page is only
    read. ``site_settings`` is a ``ContentCheckSettings`` (loaded when omitted).

``Finding`` (frozen dataclass): ``level`` ("error" or "warning"), ``code`` (stable, dotted:
``link.blocked``...), ``message`` (Vietnamese, for reporter and reviewer), ``passage`` (the
matched text or URL, plain), and ``highlighted`` (the passage as safe HTML with the match in
``<mark>``). ``is_error`` / ``is_warning`` say which.

Meaning of the levels, for the review workflow that calls this: an **error blocks** submission
and approval; a **warning needs a reviewer's acknowledgement**, which the approval ledger
records (by ``code`` and ``passage``). ``Finding.key`` identifies a finding for that
acknowledgement. This module never blocks or records anything itself: the rulebook
(``editorial.rules``) applies the findings to submission and approval.

Codes
-----
- ``link.blocked`` (error): an external link to a blocked domain or its subdomains.
- ``link.shortener`` (warning): a link through a shortener, which hides its destination.
- ``link.unknown_domain`` (warning): neither official (.gov.vn, partners, the portal's own
  sites) nor blocked.
- ``image.alt_missing`` (error): an image used by the page without alt text.
- ``image.people_without_note`` (warning): an image marked as showing identifiable people
  with no consent or public-event note.
- ``term.flagged`` (warning): a term from the editable list, one finding per occurrence.
- ``source.unverified`` (error): a social-network source without a complete verification
  record (``social_source_verification``). Only an editor can record one, during review, so
  this error blocks every approval but not the reporter's submission
  (``Finding.blocks_submission``).

Links are read from every rich-text and raw-HTML value (``<a href>``), every URL, embed and
source-URL field; images from every image field and image block. Settings: Settings > Content
checks (``editorial.models.ContentCheckSettings``).
"""

import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.db import models
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Site

from cms.models import PortalImage
from cms.sanitize import clean_text, stream_raw_data, walk_block_data

ERROR = "error"
WARNING = "warning"
# Errors the reporter cannot fix: an editor resolves them during review, before approving.
SOURCE_UNVERIFIED = "source.unverified"
RESOLVED_IN_REVIEW = frozenset({SOURCE_UNVERIFIED})
OFFICIAL_SUFFIXES = ("gov.vn",)
CONTEXT_CHARS = 60


@dataclass(frozen=True)
class Finding:
    level: str
    code: str
    message: str
    passage: str = ""
    highlighted: SafeString = field(default_factory=lambda: mark_safe(""))  # noqa: S308

    @property
    def is_error(self):
        return self.level == ERROR

    @property
    def is_warning(self):
        return self.level == WARNING

    @property
    def blocks_submission(self):
        return self.is_error and self.code not in RESOLVED_IN_REVIEW

    @property
    def key(self):
        """Stable identifier of this finding (its code and passage), for acknowledgements."""
        digest = hashlib.sha256(f"{self.code}\n{self.passage}".encode()).hexdigest()
        return f"{self.code}:{digest[:16]}"


# --- the hook the review workflow fills -------------------------------------------------------
def social_source_verification(page):
    """The complete verification record of the page's social-network source (recorded by an
    editor, ``editorial.models.SourceVerification``), or None while there is none."""
    from editorial.models import SourceVerification

    if not getattr(page, "pk", None):
        return None
    verifications = SourceVerification.objects.filter(page_id=page.pk).prefetch_related("sources")
    return next((v for v in verifications if v.is_complete()), None)


# --- collecting what a page contains ------------------------------------------------------------
@dataclass
class PageContent:
    html: list = field(default_factory=list)
    urls: list = field(default_factory=list)
    image_ids: list = field(default_factory=list)
    text: list = field(default_factory=list)


def collect(page):
    """Every HTML fragment, URL, image id and plain text of ``page``."""
    content = PageContent()

    def leaf(block, value):
        if isinstance(block, blocks.RichTextBlock | blocks.RawHTMLBlock) and value:
            content.html.append(str(value))
        elif isinstance(block, EmbedBlock | blocks.URLBlock) and value:
            content.urls.append(str(value))
        elif isinstance(block, ImageChooserBlock) and value:
            content.image_ids.append(value)
        elif isinstance(block, blocks.CharBlock | blocks.TextBlock) and value:
            content.text.append(str(value))
        return value

    content.text.append(page.title)
    for model_field in type(page)._meta.concrete_fields:
        value = getattr(page, model_field.attname, None)
        if value in (None, ""):
            continue
        if isinstance(model_field, RichTextField):
            content.html.append(value)
        elif isinstance(model_field, StreamField):
            walk_block_data(model_field.stream_block, stream_raw_data(value), leaf)
        elif isinstance(model_field, models.URLField):
            content.urls.append(value)
        elif (
            isinstance(model_field, models.ForeignKey) and model_field.related_model is PortalImage
        ):
            content.image_ids.append(value)
        elif isinstance(model_field, models.CharField | models.TextField) and (
            model_field.name not in {"path", "url_path", "slug", "draft_title", "title"}
            and not model_field.choices
        ):
            content.text.append(str(value))
    for fragment in content.html:
        soup = BeautifulSoup(fragment, "html.parser")
        content.urls.extend(a["href"] for a in soup.find_all("a", href=True))
        content.text.append(soup.get_text(" "))
    return content


# --- the checks ------------------------------------------------------------------------------
def _host(url):
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.hostname.rstrip(".").lower()


def _matches(host, domains):
    return any(host == d or host.endswith("." + d) for d in domains)


def _own_hosts():
    return {h.lower() for h in Site.objects.values_list("hostname", flat=True)}


def check_links(urls, site_settings):
    findings = []
    blocked, partners = site_settings.blocked(), site_settings.partners()
    shorteners, own = site_settings.shorteners(), _own_hosts()
    seen = set()
    for url in urls:
        host = _host(url)
        if host is None or url in seen:
            continue  # internal, mailto:, tel:, or no link at all
        seen.add(url)
        passage = url
        if _matches(host, blocked):
            findings.append(
                Finding(
                    ERROR,
                    "link.blocked",
                    _("Link to a blocked domain (%(host)s): remove it.") % {"host": host},
                    passage,
                    _highlight(passage, host),
                )
            )
        elif _matches(host, shorteners):
            findings.append(
                Finding(
                    WARNING,
                    "link.shortener",
                    _(
                        "Shortened link (%(host)s) hides where it leads: use the full address "
                        "or confirm it."
                    )
                    % {"host": host},
                    passage,
                    _highlight(passage, host),
                )
            )
        elif not (_matches(host, OFFICIAL_SUFFIXES) or _matches(host, partners) or host in own):
            findings.append(
                Finding(
                    WARNING,
                    "link.unknown_domain",
                    _(
                        "Link to a domain that is neither official nor a partner (%(host)s): "
                        "the reviewer must confirm it."
                    )
                    % {"host": host},
                    passage,
                    _highlight(passage, host),
                )
            )
    return findings


def check_images(image_ids):
    findings = []
    ids = {int(i) for i in image_ids if str(i).isdigit()}
    for image in PortalImage.objects.filter(pk__in=ids).order_by("pk"):
        if not (image.description or "").strip():
            findings.append(
                Finding(
                    ERROR,
                    "image.alt_missing",
                    _("Image “%(title)s” has no alt text.") % {"title": image.title},
                    image.title,
                    mark_safe(escape(image.title)),  # noqa: S308 - escaped
                )
            )
        if image.shows_identifiable_people and not (image.people_note or "").strip():
            findings.append(
                Finding(
                    WARNING,
                    "image.people_without_note",
                    _(
                        "Image “%(title)s” shows identifiable people and has no consent or "
                        "public-event note."
                    )
                    % {"title": image.title},
                    image.title,
                    mark_safe(escape(image.title)),  # noqa: S308 - escaped
                )
            )
    return findings


def _highlight(text, needle_or_match):
    """``text`` escaped, with the first occurrence of the needle (or the span) in <mark>."""
    if isinstance(needle_or_match, tuple):
        start, end = needle_or_match
    else:
        start = text.lower().find(needle_or_match.lower())
        if start < 0:
            return mark_safe(escape(text))  # noqa: S308 - escaped
        end = start + len(needle_or_match)
    return mark_safe(  # noqa: S308 - every piece is escaped
        f"{escape(text[:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:])}"
    )


def check_terms(texts, terms):
    findings = []
    for term in terms:
        pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
        for text in texts:
            plain = clean_text(text)
            for match in pattern.finditer(plain):
                start = max(0, match.start() - CONTEXT_CHARS)
                end = min(len(plain), match.end() + CONTEXT_CHARS)
                passage = plain[start:end]
                findings.append(
                    Finding(
                        WARNING,
                        "term.flagged",
                        _("“%(term)s” needs a second look.") % {"term": match.group(0)},
                        passage,
                        _highlight(passage, (match.start() - start, match.end() - start)),
                    )
                )
    return findings


def check_source(page):
    if not getattr(page, "is_social_network_source", False):
        return []
    if social_source_verification(page) is not None:
        return []
    url = getattr(page, "source_url", "") or ""
    return [
        Finding(
            ERROR,
            SOURCE_UNVERIFIED,
            _("Information from a social network needs a verification record before review."),
            url,
            mark_safe(escape(url)),  # noqa: S308 - escaped
        )
    ]


def run_checks(page, *, site_settings=None):
    """All findings for ``page``, errors first. See the module docstring for the contract."""
    from editorial.models import ContentCheckSettings

    site_settings = site_settings or ContentCheckSettings.load()
    content = collect(page)
    findings = [
        *check_source(page),
        *check_links(content.urls, site_settings),
        *check_images(content.image_ids),
        *check_terms(content.text, site_settings.terms()),
    ]
    return sorted(findings, key=lambda f: f.level != ERROR)
