"""Publish what the sign-off approved, and nothing else.

``PublishSignedOff(review, user).execute()``: the last stage's approval calls it with the round
it has read; Wagtail calls it too as the finish action of every workflow
(``WAGTAIL_FINISH_WORKFLOW_ACTION = "editorial.finish.publish_signed_off"``). It asks the rulebook
(``editorial.rules.publish_failures``: every stage approved exactly this content, each by a
different person, and the approvals satisfy the review policy), records a ``PublicationClearance``
of that content with the stages that produced it (who, their roles, which stage) and publishes
exactly that revision; the publish guard lets it through because of that clearance.
"""

from editorial import notifications, rules
from editorial.actions.base import EditorialAction, ReviewRound, latest_revision_of
from editorial.content import revision_content_hash


class PublishSignedOff(EditorialAction):
    def __init__(self, review, user=None):
        self.review = review
        self.user = user
        self.stages = None

    @classmethod
    def for_workflow_state(cls, workflow_state, user=None):
        return cls(ReviewRound.of(workflow_state), user=user)

    def failures(self):
        return rules.publish_failures(self.review, self.stages)

    def execute(self):
        from editorial.models import PublicationClearance

        review = self.review
        # The revision as stored now: one saved meanwhile is what would go live, and its
        # content must be what every stage approved.
        revision = latest_revision_of(review.page.pk)
        if revision is not None and (
            review.revision is None
            or revision.pk != review.revision.pk
            or revision.content != review.revision.content
        ):
            review.revision, review.content_hash = revision, revision_content_hash(revision)
            review._approvals = None
        elif revision is not None:
            review.revision = revision  # with its author, whom the publication names
        self.stages = review.stage_records()
        self.check()
        approvals = review.approvals()
        PublicationClearance.objects.create(
            stages=self.stages,
            page=review.page,
            revision=review.revision,
            workflow_state=review.workflow_state,
            content_hash=review.content_hash,
            signed_off_by=self.user or approvals[-1].user,
        )
        review.revision.publish(user=self.user, skip_permission_checks=True)
        notifications.notify_author(review.workflow_state.pk, "published", "")
