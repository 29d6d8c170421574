"""The admin form of pages with rich text and tags: what cannot be stored safely is refused here
with a Vietnamese message, before anything is saved (the page, its revision, its tags).

- a tag without a letter or digit (``cms.tags``);
- a rich-text link whose type or id is malformed, or whose page or document does not exist
  (``cms.editor_html.link_problems``).
"""

from django import forms
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.fields import RichTextField, StreamField

from cms.editor_html import link_problems
from cms.sanitize import stream_raw_data, walk_block_data
from cms.tags import tag_name_problem


def rich_text_values(field, value):
    """Every rich-text fragment of ``value`` (a RichTextField or StreamField value)."""
    if isinstance(field, RichTextField):
        return [value] if value else []
    found = []

    def leaf(block, data):
        if isinstance(block, blocks.RichTextBlock) and isinstance(data, str):
            found.append(data)
        return data

    if value is not None and hasattr(value, "stream_block"):
        walk_block_data(field.stream_block, stream_raw_data(value), leaf)
    return found


class PortalPageForm(WagtailAdminPageForm):
    def clean_tags(self):
        tags = self.cleaned_data.get("tags") or []
        problems = [p for p in (tag_name_problem(str(name)) for name in tags) if p]
        if problems:
            raise forms.ValidationError(problems)
        return tags

    def clean(self):
        cleaned = super().clean()
        for field in self.instance._meta.concrete_fields:
            if field.name not in cleaned or not isinstance(field, RichTextField | StreamField):
                continue
            problems = []
            for html in rich_text_values(field, cleaned[field.name]):
                problems.extend(link_problems(html))
            for problem in problems:
                self.add_error(None, problem)
        return cleaned
