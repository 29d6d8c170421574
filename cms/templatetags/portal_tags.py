"""Template tags of the public site: menu, breadcrumbs, language switcher, dates, and
``fail_soft`` (one block or card that fails to render is left out, not the whole page)."""

import logging
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Site

from cms.caching import lookups

register = template.Library()
_logger = logging.getLogger("cms.render")


@register.inclusion_tag("cms/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    # Cached under the content version (cms.caching.lookups): no query once built.
    menu = lookups.main_menu(Site.find_for_request(request) if request else None)
    current = context.get("page")
    current_path = current.path if current is not None else ""
    return {
        "menu": [(item, current_path.startswith(item.path)) for item in menu],
        "request": request,
    }


@register.inclusion_tag("cms/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    # A page served through HomePage.route carries its ancestors (found in the same query).
    ancestors = getattr(page, "portal_ancestors", None)
    if ancestors is None:
        ancestors = list(page.get_ancestors().filter(depth__gt=1).specific(defer=True))
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.inclusion_tag("cms/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One link per language, each named in its own language, back to the page being read.

    Links, not a form: a page with a CSRF token could not be shared from the page cache.
    """
    request = context.get("request")
    next_path = request.get_full_path() if request else "/"
    current = translation.get_language()
    base = reverse("set_language")
    return {
        "languages": [
            {
                "code": code,
                "name": name,
                "url": f"{base}?{urlencode({'language': code, 'next': next_path})}",
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ]
    }


@register.filter
def vn_date(value):
    """'23/11/2026 14:05' in the portal's time zone."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


class FailSoftNode(template.Node):
    def __init__(self, nodelist, label):
        self.nodelist = nodelist
        self.label = label

    def render(self, context):
        try:
            return self.nodelist.render(context)
        except Exception:
            page = context.get("page")
            _logger.exception(
                "Left out of the page: %s of page %s failed to render",
                self.label,
                getattr(page, "pk", None),
            )
            return ""


@register.tag
def fail_soft(parser, token):
    """``{% fail_soft "block" %}…{% end_fail_soft %}``: what is inside renders, or – when it
    raises on stored content (a block, a card) – is logged and left out, never failing the page."""
    bits = token.split_contents()
    label = bits[1].strip("\"'") if len(bits) > 1 else "part"
    nodelist = parser.parse(("end_fail_soft",))
    parser.delete_first_token()
    return FailSoftNode(nodelist, label)
