"""Form data of the real admin views, as the browser posts it."""

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
