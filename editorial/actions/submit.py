"""Submit a page's latest revision for review.

Wagtail's admin starts a review itself ("Submit for review" calls ``Workflow.start``); the
content checks hold there through ``editorial.content_checks.gate``, which asks the same rulebook.
``SubmitForReview`` is the same step for code (the demo, commands, tests): it saves nothing but
the workflow state, refuses what ``editorial.rules.submit_failures`` refuses, and replaces a
review in progress or waiting for changes.
"""

from django.db import transaction
from wagtail.models import WorkflowState

from editorial import rules
from editorial.actions.base import EditorialAction


class SubmitForReview(EditorialAction):
    def __init__(self, page, user):
        self.page = page.specific
        self.user = user

    def failures(self):
        revision = self.page.get_latest_revision()
        return rules.submit_failures(revision) if revision is not None else []

    @transaction.atomic
    def execute(self):
        self.check()
        current = self.page.current_workflow_state
        if current is not None and current.status in (
            WorkflowState.STATUS_IN_PROGRESS,
            WorkflowState.STATUS_NEEDS_CHANGES,
        ):
            current.cancel(user=self.user)
        return self.page.get_workflow().start(self.page, self.user)
