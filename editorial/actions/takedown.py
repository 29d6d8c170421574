"""Take a live page down at once, with its reason (``editorial.rules.takedown_failures``: the
person may unpublish the page, it is live, a reason is given).

One event, one entry: the takedown with its reason is what the page history and the ledger
record, not a second, reasonless ``wagtail.unpublish``. Publishing the page again needs a new
review (its clearances are revoked by the unpublish receiver of ``editorial.handlers``).
"""

from django.db import transaction

from editorial import rules
from editorial.actions.base import EditorialAction
from editorial.content import page_content_hash
from editorial.signals import emit


class TakeDown(EditorialAction):
    def __init__(self, page, user, reason, request=None):
        self.page = page.specific
        self.user = user
        self.reason = (reason or "").strip()
        self.request = request

    def failures(self):
        return rules.takedown_failures(self.page, self.user, self.reason)

    @transaction.atomic
    def execute(self):
        from editorial.models import Takedown

        self.check()
        page = self.page
        content_hash = page_content_hash(page)
        live_revision = page.live_revision
        Takedown.objects.create(
            page=page, user=self.user, reason=self.reason, content_hash=content_hash
        )
        page.unpublish(user=self.user, log_action=False)
        emit(
            "takedown",
            page=page,
            actor=self.user,
            revision=live_revision,
            content_hash=content_hash,
            comment=self.reason,
            request=self.request,
        )
        return page
