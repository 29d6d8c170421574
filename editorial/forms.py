"""Forms of the review actions in Wagtail's workflow dialogs.

``ApproveForm``: the Approve dialog (``editorial/admin/approve_modal.html``) lists the content
checks' findings of the version being approved and has one checkbox per warning; the keys
(``Finding.key``) of the ticked warnings arrive as ``acknowledged_warnings``, which the task
passes on to ``editorial.actions.ApproveStage``. The form itself refuses nothing: whether every
warning is acknowledged is decided by the review rules against the content as it is at the
moment of approval, for the admin and for code alike.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm

KEY_PATTERN = re.compile(r"^[a-z_.]+:[0-9a-f]{16}$")


class FindingKeysField(forms.Field):
    """A list of ``Finding.key`` values (checkboxes rendered by the dialog's template)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        values = [value] if isinstance(value, str) else list(value)
        return [str(v) for v in values if KEY_PATTERN.match(str(v))]


class ApproveForm(TaskStateCommentForm):
    acknowledged_warnings = FindingKeysField(label=_("Warnings acknowledged"), required=False)
