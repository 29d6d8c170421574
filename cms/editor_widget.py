"""The admin's rich-text editor widget (``WAGTAILADMIN_RICH_TEXT_EDITORS``)."""

import logging

from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea

logger = logging.getLogger(__name__)


class TolerantDraftailRichTextArea(DraftailRichTextArea):
    """Wagtail's editor widget, opening values its converter rejects (stored before the portal
    repaired rich text on save) as rebuilt text instead of failing the whole edit view.

    Written against Wagtail 8.0.1 (``DraftailRichTextArea.format_value``); the repaired value is
    what is saved when the editor saves."""

    def format_value(self, value):
        try:
            return super().format_value(value)
        except Exception as error:  # noqa: BLE001 - any converter failure: open repaired text
            logger.warning("Rich text repaired to open in the editor (%s)", error)
            from cms.sanitize import clean_rich_text

            return super().format_value(clean_rich_text(value))
