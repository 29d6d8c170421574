"""Form data of the real admin views, as the browser posts it."""

from html.parser import HTMLParser

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def standard_page_data(page=None, **overrides):
    data = {
        "title": getattr(page, "title", "Trang giới thiệu"),
        "slug": getattr(page, "slug", "gioi-thieu"),
        "intro": getattr(page, "intro", ""),
        "body": streamfield([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def article_data(page, body_html="<p>Nội dung bài viết</p>", **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "lead": page.lead,
        "hero_caption": "",
        "body": streamfield([("paragraph", rich_text(body_html))]),
        "byline": "",
        "tags": "",
        "source_type": page.source_type,
        "source_name": page.source_name,
        "source_url": page.source_url,
        "related_links": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


class _FormFields(HTMLParser):
    """The fields of every ``<form method="post">`` of an admin page, as a browser sends them."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def _add(self, name, value):
        if name and "__prefix__" not in name and name != "csrfmiddlewaretoken":
            self._form.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = {}
            self.forms.append(self._form)
        if self._form is None:
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(attrs.get("name"), attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = attrs.get("name")
            self._add(self._textarea, "")

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._form = None


def form_data(html):
    """The largest POST form of an admin page, with the values it shows (a dict of lists)."""
    parser = _FormFields()
    parser.feed(html)
    return dict(max(parser.forms, key=len))
