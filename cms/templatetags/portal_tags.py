"""Template tags of the public site: menu, breadcrumbs, dates."""

from django import template
from django.utils import timezone
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("cms/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    menu = getattr(request, "_portal_menu", None) if request else None
    if menu is None:
        site = Site.find_for_request(request) if request else None
        root = site.root_page if site else None
        menu = (
            list(root.get_children().live().public().in_menu().specific(defer=True)) if root else []
        )
        if request is not None:
            request._portal_menu = menu
    current = context.get("page")
    current_path = current.path if current is not None else ""
    return {
        "menu": [(item, current_path.startswith(item.path)) for item in menu],
        "request": request,
    }


@register.inclusion_tag("cms/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = list(page.get_ancestors().filter(depth__gt=1).specific(defer=True))
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.filter
def vn_date(value):
    """'23/11/2026 14:05' in the portal's time zone."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
